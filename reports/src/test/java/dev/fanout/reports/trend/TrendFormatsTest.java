package dev.fanout.reports.trend;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.reports.fixture.ResultsFixture;
import dev.fanout.reports.jmh.Metric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Results;
import dev.fanout.reports.results.ResultsReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trackers' formats: Bencher's documented BMF shape, github-action-benchmark's custom JSON, every finite metric of every point. */
class TrendFormatsTest {

    /** What https://bencher.dev/bmf.json allows a measure to hold; "value" is required. */
    private static final Set<String> BMF_FIELDS = Set.of("value", "lower_value", "upper_value");
    /** Bencher identifies a measure by a name of at most 64 characters, a benchmark by one of at most 1024. */
    private static final int MEASURE_NAME_MAX = 64;
    private static final int BENCHMARK_NAME_MAX = 1024;

    @TempDir
    static Path dir;

    private static Results results;

    @BeforeAll
    static void readTheFixture() throws Exception {
        results = ResultsReader.read(ResultsFixture.smallCopy(dir.resolve("results")));
    }

    @Test
    void bmfHasBencherDocumentedShape() {
        JsonElement root = JsonParser.parseString(TrendFormats.bmf(results));
        assertTrue(root.isJsonObject());
        assertFalse(root.getAsJsonObject().isEmpty());
        for (Map.Entry<String, JsonElement> benchmark : root.getAsJsonObject().entrySet()) {
            assertTrue(!benchmark.getKey().isEmpty() && benchmark.getKey().length() <= BENCHMARK_NAME_MAX, benchmark.getKey());
            assertTrue(benchmark.getValue().isJsonObject(), benchmark.getKey());
            for (Map.Entry<String, JsonElement> measure : benchmark.getValue().getAsJsonObject().entrySet()) {
                String where = benchmark.getKey() + " / " + measure.getKey();
                assertTrue(!measure.getKey().isEmpty() && measure.getKey().length() <= MEASURE_NAME_MAX, where);
                JsonObject metric = measure.getValue().getAsJsonObject();
                assertTrue(metric.has("value"), where);
                assertTrue(BMF_FIELDS.containsAll(metric.keySet()), where + ": " + metric.keySet());
                for (String field : metric.keySet()) {
                    assertTrue(metric.get(field).isJsonPrimitive() && metric.get(field).getAsJsonPrimitive().isNumber(), where + " " + field);
                }
                assertEquals(metric.has("lower_value"), metric.has("upper_value"), where);
                if (metric.has("lower_value")) {
                    double value = metric.get("value").getAsDouble();
                    assertTrue(metric.get("lower_value").getAsDouble() <= value && value <= metric.get("upper_value").getAsDouble(), where);
                }
            }
        }
    }

    @Test
    void bmfHoldsEveryFiniteMetricOfEveryPointWithJmhsBounds() {
        JsonObject root = JsonParser.parseString(TrendFormats.bmf(results)).getAsJsonObject();
        assertEquals(results.points().stream().map(p -> p.point().id()).collect(Collectors.toSet()), root.keySet());
        for (PointResult p : results.points()) {
            JsonObject measures = root.getAsJsonObject(p.point().id());
            long finiteSecondary = p.jmh().secondary().values().stream().filter(Metric::finite).count();
            assertEquals(2 + finiteSecondary, measures.size(), p.point().id() + ": " + measures.keySet());
            JsonObject throughput = measures.getAsJsonObject(TrendFormats.THROUGHPUT);
            assertEquals(p.opsPerSecond().score(), throughput.get("value").getAsDouble());
            if (p.opsPerSecond().error() > 0) {
                assertEquals(p.opsPerSecond().score() - p.opsPerSecond().error(), throughput.get("lower_value").getAsDouble(), 1e-9);
            }
            assertEquals(p.itemsPerSecond(), measures.getAsJsonObject(TrendFormats.ITEMS_PER_SECOND).get("value").getAsDouble(), 1e-6);
            for (String label : List.of("sojourn.p99 (ms)", "service.p50 (ms)")) {
                assertTrue(measures.has(label), p.point().id() + " lacks " + label);
            }
            assertEquals(p.metric(dev.fanout.reports.results.PointMetric.EFFICIENCY).finite(), measures.has("efficiency (ratio)"),
                    p.point().id() + ": efficiency is there exactly when it is a number");
        }
    }

    @Test
    void githubActionBenchmarkGetsOneFileForEachDirection() {
        JsonArray bigger = JsonParser.parseString(TrendFormats.githubActionBenchmark(results, true)).getAsJsonArray();
        JsonArray smaller = JsonParser.parseString(TrendFormats.githubActionBenchmark(results, false)).getAsJsonArray();
        for (JsonArray list : List.of(bigger, smaller)) {
            assertFalse(list.isEmpty());
            for (JsonElement e : list) {
                JsonObject entry = e.getAsJsonObject();
                assertTrue(entry.get("name").getAsString().length() > 0);
                assertTrue(entry.get("unit").getAsString().length() > 0);
                assertTrue(entry.get("value").getAsJsonPrimitive().isNumber());
            }
        }
        Set<String> biggerNames = names(bigger);
        Set<String> smallerNames = names(smaller);
        String point = results.points().getFirst().point().id();
        assertTrue(biggerNames.contains(point + " throughput"), biggerNames.toString());
        assertTrue(smallerNames.contains(point + " sojourn.p99 (ms)"), smallerNames.toString());
        assertTrue(biggerNames.stream().noneMatch(smallerNames::contains));
        assertTrue(biggerNames.stream().noneMatch(n -> n.contains("sojourn") || n.contains("harnessBound")), "latencies and flags are not bigger-is-better");
        assertTrue(smallerNames.stream().noneMatch(n -> n.contains(".max (") || n.contains("throughput")), "maxima are not gated, so not tracked as a direction");
    }

    private static Set<String> names(JsonArray list) {
        return list.asList().stream().map(e -> e.getAsJsonObject().get("name").getAsString()).collect(Collectors.toSet());
    }
}
