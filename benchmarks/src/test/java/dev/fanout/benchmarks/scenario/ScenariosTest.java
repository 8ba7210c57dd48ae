package dev.fanout.benchmarks.scenario;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.suite.BenchProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenarios as planned, and one contender's run in this JVM, checked against the server's own counts. */
class ScenariosTest {

    @TempDir
    Path dir;

    @Test
    void theScenariosProfileRunsTheThreeScenariosAndNoJmhPoint() {
        BenchProfile plan = BenchProfile.named("scenarios");
        assertEquals(List.of(), plan.points());
        assertEquals(List.of("limit-429", "queueing", "limit-drop"), plan.scenarios());
        Duration estimate = ScenarioSuite.estimate(Scenarios.all());
        assertTrue(estimate.compareTo(Duration.ofMinutes(4)) <= 0, "about three minutes: " + estimate);
        for (Scenario s : Scenarios.all()) {
            assertTrue(s.contenders().stream().anyMatch(c -> c.id().equals("adaptive-aimd")), s.name());
            assertTrue(s.contenders().stream().anyMatch(c -> c.id().equals("netflix-gradient2")), s.name());
        }
        assertEquals(24, Scenarios.named("queueing").target().initial(), "the capacity is the target when there is no 429 limit");
    }

    @Test
    void anUnknownScenarioOrContenderIsNamed() {
        assertEquals("unknown scenario 'nope'; valid scenarios: limit-429, queueing, limit-drop, or all",
                assertThrows(IllegalArgumentException.class, () -> Scenarios.named("nope")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scenarios.named("limit-429").contender("x"))
                .getMessage().startsWith("limit-429 has no contender x; it has adaptive-aimd,"));
    }

    private static final Scenario SMALL = new Scenario("small", "a small 429 limit", "test", "fixed:5ms", new Faults(0, 0, 0, 8), 600,
            List.of(Contender.adaptive("aimd", 64), Contender.netflix("aimd", 64), Contender.fixed("semaphore", 8, Contender.REFERENCE)),
            List.of("refusals", "goodput", "settle"));

    @Test
    void aContendersRunIsWrittenAndAgreesWithTheServersCount() throws Exception {
        for (Contender c : SMALL.contenders()) {
            Path out = dir.resolve(c.id() + ".json");
            ScenarioFork.run(SMALL, c, out, 42);
            JsonObject doc = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
            assertEquals(600, doc.get("requests").getAsLong(), c.id());
            JsonObject server = doc.getAsJsonObject("server");
            assertEquals(600, server.get("requests").getAsLong(), c.id() + ": the server saw every call once, after the warm-up");
            long refused = server.getAsJsonObject("status").has("429") ? server.getAsJsonObject("status").get("429").getAsLong() : 0;
            assertEquals(refused, doc.get("tooMany").getAsLong(), c.id() + ": the client's 429s are the server's");
            assertEquals(600 - refused, doc.get("ok").getAsLong(), c.id());
            assertTrue(server.get("maxInFlight").getAsInt() <= c.width(), c.id());
            var series = doc.getAsJsonObject("limit").getAsJsonArray("series");
            assertTrue(series.size() >= 1, c.id());
            for (var point : series) {
                int limit = point.getAsJsonArray().get(1).getAsInt();
                assertTrue(limit >= 1 && limit <= c.width(), c.id() + ": " + limit);
            }
            assertEquals(8, doc.getAsJsonArray("phases").get(0).getAsJsonObject().get("k").getAsInt());
        }
        JsonObject fixed = JsonParser.parseString(Files.readString(dir.resolve("semaphore-w8.json"))).getAsJsonObject();
        assertEquals(0, fixed.get("tooMany").getAsLong(), "a semaphore at exactly K is never refused");
    }
}
