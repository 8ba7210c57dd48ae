package dev.fanout.benchmarks.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fanout run} with the adaptive strategy and the server's limits: the limit over time, the 429s, the queue. */
class AdaptiveRunCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--strategy adaptive --limit vegas        | fanout run: --limit: unknown limit algorithm 'vegas'; valid algorithms: aimd, gradient",
            "--strategy semaphore --limit aimd        | fanout run: --limit chooses the adaptive strategy's algorithm; --strategy semaphore has no limit to move",
            "--strategy adaptive --width 0            | fanout run: width must be at least 1, was 0",
            "--server-capacity 48,16                  | fanout run: --server-capacity: malformed '48,16': '16' needs a time: K@TIME",
            "--server-capacity lots                   | fanout run: --server-capacity: malformed 'lots': 'lots' is not a whole number",
            "--server-limit 48,16@soon                | fanout run: --server-limit: malformed '48,16@soon'",
            "--server-limit 48,16@2s,8@1s             | fanout run: --server-limit: malformed '48,16@2s,8@1s': the times must increase",
            "--server-limit 16@2s                     | fanout run: --server-limit: malformed '16@2s': the first limit holds from the start",
            "--workload sim --server-capacity 8       | fanout run: --workload sim injects no faults",
    })
    void badInputIsOneLineExitTwoAndWritesNothing(String args, String expected) {
        Path json = dir.resolve("run.json");
        List<String> argv = new java.util.ArrayList<>(List.of("run", "--json", json.toString()));
        argv.addAll(List.of(args.trim().split(" +")));
        CommandLineCapture result = CommandLineCapture.run(argv.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.err());
        String line = result.errorLine();
        assertTrue(line.contains(expected.trim()), "expected '" + expected.trim() + "' in: " + line);
        assertFalse(Files.exists(json), "no JSON file may be left behind");
        assertEquals("", result.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--scenarios nope                          | fanout bench: --scenarios: unknown scenario 'nope'; valid scenarios: limit-429, queueing, limit-drop, or all",
            "--profile scenarios --iterations 3        | fanout bench: --iterations, --iteration-time and --forks measure JMH points; the scenarios profile has none",
            "--profile scenarios --scenarios none      | fanout bench: nothing to measure",
    })
    void badScenarioInputToBenchIsOneLineExitTwo(String args, String expected) {
        Path out = dir.resolve("results");
        CommandLineCapture result = CommandLineCapture.run(("bench --out " + out + " " + args.trim()).split(" +"));
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.errorLine().startsWith(expected.trim()), result.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void theLimitOverTimeAndThe429sAreReportedAsTheServerCountedThem() throws Exception {
        Path json = dir.resolve("adaptive.json");
        CommandLineCapture result = CommandLineCapture.run("run", "--strategy", "adaptive", "--width", "64", "--server-limit", "8",
                "--items", "600", "--latency", "fixed:5ms", "--warmup", "200", "--json", json.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("limit      aimd, ceiling 64: 10 at the start")), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("429s ")), result.out());
        JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonObject server = doc.getAsJsonObject("server");
        assertTrue(server.get("maxInFlight").getAsInt() <= 64, "the width is the ceiling");
        long refused = server.getAsJsonObject("status").has("429") ? server.getAsJsonObject("status").get("429").getAsLong() : 0;
        JsonObject limit = doc.getAsJsonObject("limit");
        assertEquals("aimd", limit.get("algorithm").getAsString());
        assertEquals(refused, limit.getAsJsonObject("tooMany").get("total").getAsLong(), "the client's count is the server's");
        assertEquals(doc.getAsJsonObject("outcomes").get("failed").getAsLong(), refused, "every failure is a 429 here");
        JsonArray series = limit.getAsJsonArray("series");
        assertEquals(10, series.get(0).getAsJsonArray().get(1).getAsInt(), "it starts at 10");
        for (var point : series) {
            int value = point.getAsJsonArray().get(1).getAsInt();
            assertTrue(value >= 1 && value <= 64, "between 1 and the width: " + value);
        }
        assertEquals(8, limit.getAsJsonArray("phases").get(0).getAsJsonObject().get("k").getAsInt());
        JsonObject overTime = limit.getAsJsonObject("overTime");
        long started = 0;
        for (var n : overTime.getAsJsonArray("started")) {
            started += n.getAsLong();
        }
        assertEquals(600, started, "every call in some slot");
    }

    @Test
    void aCapacityQueuesAndTheServerSaysHowMuch() throws Exception {
        Path json = dir.resolve("queue.json");
        CommandLineCapture result = CommandLineCapture.run("run", "--strategy", "semaphore", "--width", "12", "--server-capacity", "4",
                "--items", "48", "--latency", "fixed:5ms", "--warmup", "200", "--json", json.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("queue      capacity 4: at most 4 served at once"), result.out());
        JsonObject queue = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonObject("server").getAsJsonObject("queue");
        assertEquals(4, queue.get("maxServing").getAsInt());
        assertTrue(queue.get("waited").getAsLong() > 0);
    }
}
