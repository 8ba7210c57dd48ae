package dev.fanout.benchmarks.suite;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.benchmarks.peers.PeerRegistry;
import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.JmhResultsReader;
import dev.fanout.strategies.StrategyRegistry;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole benchmark pipeline, end to end: {@code fanout bench --profile smoke} through the real
 * benchmarks.jar, forked JVMs, the real server and client, strategies and peers; then
 * {@code fanout report} on its results, as {@code bench} itself would run it. Checks that the results
 * are complete and readable (format 2), never how fast anything was.
 */
class BenchSmokeIT {

    private static final List<String> SECONDARY = List.of("efficiency", "idealMs",
            "service.p50", "service.p90", "service.p99", "service.p999", "service.max",
            "sojourn.p50", "sojourn.p90", "sojourn.p99", "sojourn.p999", "sojourn.max",
            "server.maxInFlight", "requestRate", "harnessBound");

    private static Path out;
    private static Path results;
    private static BenchmarksJar.Finished run;

    @BeforeAll
    static void runTheSmokeProfile() throws Exception {
        out = Files.createTempDirectory("fanout-smoke-");
        run = BenchmarksJar.built().fanout(out.resolve("bench.log"), List.of(), List.of(),
                "bench", "--profile", "smoke", "--out", out.toString(), "--warmup", "500", "--no-report");
        results = out.resolve("latest").toRealPath();
    }

    @Test
    void exitsZeroAndReportsProgress() {
        assertEquals(0, run.exitCode(), run.output());
        int points = BenchProfile.named("smoke").points().size();
        assertTrue(run.output().contains("[" + points + "/" + points + "]"), run.output());
    }

    @Test
    void theSmokeProfileHasEveryStrategyButSequentialAndHedgedAndEveryPeer() {
        List<BenchPoint> points = BenchProfile.named("smoke").points();
        Set<String> leftOut = Set.of("sequential", "hedged"); // a 1 s operation; no tail to hedge at a fixed latency
        assertEquals(StrategyRegistry.names().stream().filter(n -> !leftOut.contains(n)).collect(Collectors.toSet()),
                points.stream().filter(p -> !p.isPeer()).map(BenchPoint::name).collect(Collectors.toSet()));
        assertEquals(Set.copyOf(PeerRegistry.names()),
                points.stream().filter(BenchPoint::isPeer).map(BenchPoint::name).collect(Collectors.toSet()));
    }

    @Test
    void jmhJsonHoldsEveryPointWithFiniteScoresAndTheSecondaryMetrics() throws Exception {
        List<JmhPoint> points = JmhResultsReader.read(results.resolve("jmh.json"));
        BenchProfile smoke = BenchProfile.named("smoke");
        Set<Map<String, String>> expected = new HashSet<>();
        smoke.points().forEach(p -> expected.add(Map.copyOf(p.params())));
        Set<Map<String, String>> found = new HashSet<>();
        for (JmhPoint p : points) {
            found.add(Map.copyOf(p.params()));
            boolean peer = p.param("peer").isPresent();
            assertEquals(peer ? BenchSuite.PEER_BENCHMARK : BenchSuite.STRATEGY_BENCHMARK, p.benchmark());
            assertEquals("ops/s", p.primary().unit());
            assertTrue(p.primary().finite() && p.primary().score() > 0, p.key() + ": " + p.primary());
            boolean noOp = p.param("latency").orElseThrow().equals("fixed:0ms");
            for (String metric : SECONDARY) {
                assertTrue(p.metric(metric).isPresent(), p.key() + " lacks " + metric);
                // no-op tasks have no ideal to measure efficiency against: NaN there, a number everywhere else
                assertEquals(!(noOp && metric.equals("efficiency")), p.metric(metric).get().finite(), p.key() + " " + metric);
            }
            int width = Integer.parseInt(p.param("width").orElseThrow());
            double inFlight = p.metric("server.maxInFlight").orElseThrow().score();
            String name = p.param(peer ? "peer" : "strategy").orElseThrow();
            int bound = switch (name) {
                case "sequential" -> 1;
                case "all-at-once" -> Integer.parseInt(p.param("items").orElseThrow());
                default -> width;
            };
            // the server's own count proves every strategy's and every peer's bound
            assertTrue(inFlight >= 1 && inFlight <= bound, p.key() + ": the server saw " + inFlight + " in flight");
        }
        assertEquals(expected, found);
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
            Path timeline = results.resolve("timelines").resolve(point.id() + ".json");
            assertTrue(Files.isRegularFile(timeline), point.id());
            JsonObject t = JsonParser.parseString(Files.readString(timeline)).getAsJsonObject();
            assertEquals(point.kind(), t.get("kind").getAsString());
            assertEquals(point.name(), t.get(point.kind()).getAsString());
            assertEquals(point.items(), t.getAsJsonArray("spans").size());
            assertTrue(t.get("warmupCalls").getAsLong() >= 2000, point.id() + " warmed up with " + t.get("warmupCalls"));
        }
    }

    @Test
    void manifestIsFormatTwoWithKindsSectionsAndParams() throws IOException {
        JsonObject manifest = JsonParser.parseString(Files.readString(results.resolve("manifest.json"))).getAsJsonObject();
        assertEquals(2, manifest.get("format").getAsInt());
        assertTrue(manifest.get("complete").getAsBoolean());
        JsonObject benchmarks = manifest.getAsJsonObject("benchmarks");
        assertEquals(BenchSuite.STRATEGY_BENCHMARK, benchmarks.get("strategy").getAsString());
        assertEquals(BenchSuite.PEER_BENCHMARK, benchmarks.get("peer").getAsString());
        List<BenchPoint> planned = BenchProfile.named("smoke").points();
        JsonArray points = manifest.getAsJsonArray("points");
        assertEquals(planned.size(), points.size());
        for (int i = 0; i < planned.size(); i++) {
            JsonObject p = points.get(i).getAsJsonObject();
            assertEquals(planned.get(i).id(), p.get("id").getAsString());
            assertEquals(planned.get(i).kind(), p.get("kind").getAsString());
            assertTrue(p.get("done").getAsBoolean());
            JsonObject params = p.getAsJsonObject("params");
            for (Map.Entry<String, String> e : planned.get(i).params().entrySet()) {
                assertEquals(e.getValue(), params.get(e.getKey()).getAsString(), e.getKey());
            }
        }
        JsonArray sections = manifest.getAsJsonArray("sections");
        assertEquals(List.of("http", "cost", "sim"), sections.asList().stream().map(s -> s.getAsJsonObject().get("name").getAsString()).toList());
        for (JsonElement s : sections) {
            JsonObject section = s.getAsJsonObject();
            String name = section.get("name").getAsString();
            assertTrue(!section.get("title").getAsString().isBlank());
            assertEquals(planned.stream().filter(p -> p.section().equals(name)).map(BenchPoint::id).toList(),
                    section.getAsJsonArray("points").asList().stream().map(JsonElement::getAsString).toList(), name);
        }
    }

    @Test
    void calibrationDescribesTheClientMeasured() throws IOException {
        JsonObject calibration = JsonParser.parseString(Files.readString(results.resolve("calibration.json"))).getAsJsonObject();
        assertEquals("okhttp", calibration.get("client").getAsString());
        assertTrue(calibration.get("capacityRps").getAsDouble() > 0);
        assertTrue(calibration.has("overheadMs"));
        JsonObject okhttp = calibration.getAsJsonObject("clients").getAsJsonObject("okhttp");
        assertEquals(calibration.get("capacityRps").getAsDouble(), okhttp.get("capacityRps").getAsDouble());
        JsonObject environment = JsonParser.parseString(Files.readString(results.resolve("environment.json"))).getAsJsonObject();
        assertTrue(environment.get("cores").getAsInt() > 0);
        assertTrue(environment.get("jdk").getAsString().startsWith("25"));
    }

    /** The step {@code bench} runs last (without --no-report): the report of these results. */
    @Test
    void theReportRendersTheRun() throws Exception {
        BenchmarksJar.Finished report = BenchmarksJar.built().fanout(out.resolve("report.log"), List.of(), List.of(),
                "report", results.toString());
        assertEquals(0, report.exitCode(), report.output());
        for (String file : List.of("report.md", "results.csv", "index.html")) {
            assertTrue(Files.size(results.resolve(file)) > 0, file);
        }
        // The pick is a strategy that keeps to the width and uses it, printed with its reason under the table.
        String pick = Files.readAllLines(results.resolve("report.md")).stream()
                .filter(l -> l.startsWith("**Pick at fixed:20ms (http, okhttp): ")).findFirst().orElseThrow();
        String name = pick.substring("**Pick at fixed:20ms (http, okhttp): ".length(), pick.indexOf(".**"));
        assertTrue(List.of("semaphore", "worker-pool", "structured", "async", "adaptive").contains(name), pick);
        assertTrue(pick.contains(" The best peer, "), pick);
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
