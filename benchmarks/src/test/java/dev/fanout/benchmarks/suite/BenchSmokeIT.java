package dev.fanout.benchmarks.suite;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.JmhResultsReader;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole benchmark pipeline, end to end: {@code fanout bench --profile smoke} through the real
 * benchmarks.jar, forked JVMs, the real server. Checks that the results are complete and readable,
 * never how fast anything was.
 */
class BenchSmokeIT {

    private static final List<String> SECONDARY = List.of("efficiency", "idealMs",
            "service.p50", "service.p90", "service.p99", "service.p999", "service.max",
            "sojourn.p50", "sojourn.p90", "sojourn.p99", "sojourn.p999", "sojourn.max",
            "server.maxInFlight", "requestRate", "harnessBound");

    private static Path results;
    private static BenchmarksJar.Finished run;

    @BeforeAll
    static void runTheSmokeProfile() throws Exception {
        Path out = Files.createTempDirectory("fanout-smoke-");
        run = BenchmarksJar.built().fanout(out.resolve("bench.log"), List.of(), List.of(),
                "bench", "--profile", "smoke", "--out", out.toString(), "--warmup", "500");
        results = out.resolve("latest").toRealPath();
    }

    @Test
    void exitsZeroAndReportsProgress() {
        assertEquals(0, run.exitCode(), run.output());
        int points = BenchProfile.named("smoke").points().size();
        assertTrue(run.output().contains("[" + points + "/" + points + "]"), run.output());
    }

    @Test
    void jmhJsonHoldsEveryPointWithFiniteScoresAndTheSecondaryMetrics() throws Exception {
        List<JmhPoint> points = JmhResultsReader.read(results.resolve("jmh.json"));
        BenchProfile smoke = BenchProfile.named("smoke");
        Set<Map<String, String>> expected = new HashSet<>();
        smoke.points().forEach(p -> expected.add(p.params()));
        Set<Map<String, String>> found = new HashSet<>();
        for (JmhPoint p : points) {
            found.add(Map.copyOf(p.params()));
            assertEquals(BenchSuite.BENCHMARK, p.benchmark());
            assertEquals("ops/s", p.primary().unit());
            assertTrue(p.primary().finite() && p.primary().score() > 0, p.key() + ": " + p.primary());
            for (String metric : SECONDARY) {
                assertTrue(p.metric(metric).isPresent(), p.key() + " lacks " + metric);
                assertTrue(p.metric(metric).get().finite(), p.key() + " " + metric + " is not finite");
            }
            int width = Integer.parseInt(p.param("width").orElseThrow());
            double inFlight = p.metric("server.maxInFlight").orElseThrow().score();
            String strategy = p.param("strategy").orElseThrow();
            int bound = switch (strategy) {
                case "sequential" -> 1;
                case "all-at-once" -> Integer.parseInt(p.param("items").orElseThrow());
                default -> width;
            };
            assertTrue(inFlight >= 1 && inFlight <= bound, p.key() + ": the server saw " + inFlight + " in flight");
        }
        assertEquals(expected.stream().map(Map::copyOf).collect(java.util.stream.Collectors.toSet()), found);
    }

    @Test
    void everyHlogReadsBackWithANonZeroCount() throws Exception {
        for (BenchPoint point : BenchProfile.named("smoke").points()) {
            for (String kind : List.of("service", "sojourn")) {
                Path hlog = results.resolve("hdr").resolve(point.id() + "." + kind + ".hlog");
                assertTrue(Files.isRegularFile(hlog), hlog + " missing");
                assertTrue(totalCount(hlog) > 0, hlog + " is empty");
                assertTrue(Files.size(results.resolve("hdr").resolve(point.id() + "." + kind + ".hgrm")) > 0);
            }
            assertTrue(Files.isRegularFile(results.resolve("timelines").resolve(point.id() + ".json")), point.id());
        }
    }

    @Test
    void manifestCalibrationAndEnvironmentDescribeTheRun() throws IOException {
        JsonObject manifest = JsonParser.parseString(Files.readString(results.resolve("manifest.json"))).getAsJsonObject();
        assertEquals(1, manifest.get("format").getAsInt());
        assertTrue(manifest.get("complete").getAsBoolean());
        manifest.getAsJsonArray("points").forEach(p -> assertTrue(p.getAsJsonObject().get("done").getAsBoolean()));
        JsonObject calibration = JsonParser.parseString(Files.readString(results.resolve("calibration.json"))).getAsJsonObject();
        assertTrue(calibration.get("capacityRps").getAsDouble() > 0);
        assertTrue(calibration.has("overheadMs"));
        JsonObject environment = JsonParser.parseString(Files.readString(results.resolve("environment.json"))).getAsJsonObject();
        assertTrue(environment.get("cores").getAsInt() > 0);
        assertTrue(environment.get("jdk").getAsString().startsWith("25"));
    }

    private static long totalCount(Path hlog) throws IOException {
        long count = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                count += ((org.HdrHistogram.Histogram) h).getTotalCount();
            }
        }
        return count;
    }
}
