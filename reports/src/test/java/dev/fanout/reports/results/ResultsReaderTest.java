package dev.fanout.reports.results;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.reports.ResultsException;
import dev.fanout.reports.fixture.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsFormat2WithPeersSectionsAndEveryPointsHistogramsAndTimeline() throws Exception {
        Results results = ResultsReader.read(ResultsFixture.standardCopy(dir));
        // http: 9 names x 5 widths x 2 latencies; sim: 9 x 4 x 2; cost: 9 x 4.
        assertEquals(90 + 72 + 36, results.points().size());
        assertFalse(results.interrupted());
        assertEquals(2, results.manifest().format());
        assertEquals(List.of("http", "sim", "cost"), results.manifest().sections().stream().map(Section::name).toList());
        assertEquals("What a strategy costs per item", results.manifest().sections().get(2).title());
        assertEquals(ResultsFixture.PEERS, results.manifest().peers());
        assertEquals(List.of("fixed:20ms, http (okhttp), 200 items", "lognormal:20ms,p99=200ms, http (okhttp), 200 items",
                        "fixed:20ms, sim, 200 items", "lognormal:20ms,p99=200ms, sim, 200 items", "fixed:0ms, sim, 2000 items"),
                results.profiles().stream().map(Profile::title).toList());
        Profile fixed = results.profiles().getFirst();
        assertEquals(ResultsFixture.STRATEGIES, fixed.names(PointKind.STRATEGY));
        assertEquals(ResultsFixture.PEERS, fixed.names(PointKind.PEER));
        List<String> strategiesThenPeers = new ArrayList<>(ResultsFixture.STRATEGIES);
        strategiesThenPeers.addAll(ResultsFixture.PEERS);
        assertEquals(strategiesThenPeers, fixed.names(), "strategies first, then peers");
        assertEquals(ResultsFixture.WIDTHS, fixed.widths());
        assertEquals(ResultsFixture.SIM_WIDTHS, results.profiles().get(2).widths());
        assertFalse(fixed.zeroLatency());
        assertTrue(results.profiles().get(4).zeroLatency());
        assertEquals(5120, results.calibration().capacityRps());
        assertEquals(2, results.environment().cores());

        PointResult semaphore16 = fixed.point("semaphore", 16).orElseThrow();
        assertEquals(PointKind.STRATEGY, semaphore16.kind());
        assertEquals("http", semaphore16.point().workload());
        assertEquals("okhttp", semaphore16.point().client());
        assertEquals(semaphore16.jmh().primary().score() * 200, semaphore16.itemsPerSecond(), 1e-9);
        assertEquals(ResultsFixture.STRATEGY_BENCHMARK, semaphore16.jmh().benchmark());
        // Every batch of every iteration went into the logs: 3 iterations x 1 batch x 200 requests.
        assertEquals(600, semaphore16.sojourn().count());
        assertEquals(600, semaphore16.service().count());
        List<LatencyDistribution.Percentile> curve = semaphore16.sojourn().points();
        assertEquals(100.0, curve.getLast().percentile());
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.get(i).millis() >= curve.get(i - 1).millis(), "a percentile curve never falls");
        }
        // The sojourn of the last item is the batch's makespan; the slowest service time is about one request.
        assertTrue(curve.getLast().millis() > 250, "max sojourn " + curve.getLast().millis());
        assertTrue(semaphore16.service().points().getLast().millis() < 25);
        assertEquals(200, semaphore16.timeline().spans().size());

        PointResult peer = fixed.point("jdk-virtual-threads", 16).orElseThrow();
        assertTrue(peer.isPeer());
        assertEquals(ResultsFixture.PEER_BENCHMARK, peer.jmh().benchmark(), "a peer's result comes from the peer benchmark");
        assertEquals(16, peer.score(PointMetric.SERVER_MAX_IN_FLIGHT), "the server's count proves the peer's bound");
    }

    @Test
    void readsFormat1AsStrategiesOverHttpThroughTheJdkClient() throws Exception {
        new ResultsFixture().format1().widths(List.of(1, 16)).writeTo(dir);
        Results results = ResultsReader.read(dir);
        assertEquals(1, results.manifest().format());
        assertEquals(20, results.points().size());
        assertTrue(results.points().stream().allMatch(p -> p.kind() == PointKind.STRATEGY
                && p.point().workload().equals("http") && p.point().client().equals("jdk")));
        assertEquals(List.of("fixed:20ms, http (jdk), 200 items", "lognormal:20ms,p99=200ms, http (jdk), 200 items"),
                results.profiles().stream().map(Profile::title).toList());
        assertEquals(List.of(), results.manifest().peers());
        assertEquals(1, results.manifest().sections().size(), "one section, by workload");
        assertEquals(ResultsFixture.pointId("semaphore", 16, "fixed:20ms", 200),
                results.profiles().getFirst().point("semaphore", 16).orElseThrow().point().id());
    }

    @Test
    void anInterruptedRunKeepsWhatFinished() throws Exception {
        new ResultsFixture().httpStrategiesOnly().widths(List.of(1, 16)).latencies(List.of("fixed:20ms"))
                .interruptedAfter(7).writeTo(dir);
        Results results = ResultsReader.read(dir);
        assertTrue(results.interrupted());
        assertEquals(7, results.points().size());
        assertEquals(10, results.plannedPoints());
        assertTrue(results.manifest().finishedAt().isEmpty());
    }

    @Test
    void unknownCalibrationFieldsAndExtraSecondaryMetricsAreKeptNotRefused() throws Exception {
        new ResultsFixture().widths(List.of(16)).simWidths(List.of(16)).costWidths(List.of()).latencies(List.of("fixed:20ms"))
                .writeTo(dir);
        Path calibration = dir.resolve("calibration.json");
        JsonObject c = JsonParser.parseString(Files.readString(calibration)).getAsJsonObject();
        c.addProperty("client", "okhttp");
        c.addProperty("sleepOvershootMs", 0.06);
        JsonObject perClient = new JsonObject();
        perClient.addProperty("jdk", 4700);
        c.add("capacityByClient", perClient);
        Files.writeString(calibration, c.toString());
        Path jmhFile = dir.resolve("jmh.json");
        JsonArray jmh = JsonParser.parseString(Files.readString(jmhFile)).getAsJsonArray();
        for (JsonElement e : jmh) {
            JsonObject extra = new JsonObject();
            extra.addProperty("score", 0.07);
            extra.addProperty("scoreUnit", "ms");
            e.getAsJsonObject().getAsJsonObject("secondaryMetrics").add("sleep.overshoot", extra);
        }
        Files.writeString(jmhFile, jmh.toString());

        Results results = ResultsReader.read(dir);
        assertEquals(Map.of("client", "okhttp", "sleepOvershootMs", "0.06", "capacityByClient", "{\"jdk\":4700}"),
                results.calibration().others());
        assertEquals(0.07, results.points().getFirst().jmh().metric("sleep.overshoot").orElseThrow().score());
    }

    @Test
    void aZeroLatencyPointMayLeaveOutItsTimelineAndNoOtherMay() throws Exception {
        ResultsFixture.smallCopy(dir);
        String cost = ResultsFixture.pointId("semaphore", "sim", "none", 16, ResultsFixture.COST_LATENCY, ResultsFixture.COST_ITEMS);
        Files.delete(dir.resolve("timelines").resolve(cost + ".json"));
        Profile costProfile = ResultsReader.read(dir).profiles().getLast();
        assertTrue(costProfile.zeroLatency());
        assertEquals(List.of(), costProfile.point("semaphore", 16).orElseThrow().timeline().spans());

        String sim = ResultsFixture.pointId("semaphore", "sim", "none", 16, "fixed:20ms", 200);
        Path simTimeline = dir.resolve("timelines").resolve(sim + ".json");
        Files.delete(simTimeline);
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsReader.read(dir));
        assertEquals(simTimeline + ": no such file", e.getMessage());
    }

    @Test
    void aManifestIdThatWouldLeaveTheFolderIsRefused() throws Exception {
        ResultsFixture.standardCopy(dir);
        Path manifest = dir.resolve("manifest.json");
        String id = ResultsFixture.httpId("semaphore", 16, "fixed:20ms");
        Files.writeString(manifest, Files.readString(manifest).replace("\"" + id + "\"", "\"../../etc/passwd\""));
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsReader.read(dir));
        assertEquals(manifest, e.file());
        assertTrue(e.getMessage().contains("\"id\" must be letters, digits"), e.getMessage());
    }

    @Test
    void aMissingFieldIsNamedWithItsPlace() throws Exception {
        ResultsFixture.standardCopy(dir);
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"width\": \"1\"", "\"wide\": \"1\""));
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsReader.read(dir));
        assertEquals(manifest + ": points[0].params: \"width\" is missing", e.getMessage());
    }
}
