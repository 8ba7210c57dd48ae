package dev.fanout.reports.jmh;

import dev.fanout.reports.ResultsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhResultsReaderTest {

    @TempDir
    Path dir;

    private static final String POINT = """
            {"benchmark": "dev.fanout.benchmarks.FanOutBenchmark.fanOut", "mode": "thrpt",
             "params": {"strategy": "semaphore", "width": "16"},
             "primaryMetric": {"score": 3.5, "scoreError": "NaN", "scoreUnit": "ops/s"},
             "secondaryMetrics": {"efficiency": {"score": 0.9, "scoreError": 0.01, "scoreUnit": "ratio"},
                                  "sojourn.max": {"score": "+INF", "scoreError": "-INF", "scoreUnit": "ms"}}}
            """;

    @Test
    void readsPointsWithParamsMetricsAndNonFiniteStrings() throws Exception {
        Path file = Files.writeString(dir.resolve("jmh.json"), "[" + POINT + "]");
        List<JmhPoint> points = JmhResultsReader.read(file);
        assertEquals(1, points.size());
        JmhPoint p = points.getFirst();
        assertEquals(Map.of("strategy", "semaphore", "width", "16"), p.params());
        assertEquals(3.5, p.primary().score());
        assertTrue(Double.isNaN(p.primary().error()));
        assertEquals(0, p.primary().errorOrZero());
        assertEquals("ratio", p.metric("efficiency").orElseThrow().unit());
        assertEquals(Double.POSITIVE_INFINITY, p.metric("sojourn.max").orElseThrow().score());
        assertEquals(Double.NEGATIVE_INFINITY, p.metric("sojourn.max").orElseThrow().error());
        assertEquals("dev.fanout.benchmarks.FanOutBenchmark.fanOut [thrpt] strategy=semaphore width=16", p.key());
    }

    @Test
    void truncatedFileIsAOneLineErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("jmh.json"), "[" + POINT.substring(0, 80));
        ResultsException e = assertThrows(ResultsException.class, () -> JmhResultsReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
    }

    @Test
    void missingFileAndWrongShapeAreNamed() throws Exception {
        Path missing = dir.resolve("nope.json");
        assertEquals(missing + ": no such file", assertThrows(ResultsException.class, () -> JmhResultsReader.read(missing)).getMessage());
        Path object = Files.writeString(dir.resolve("obj.json"), "{}");
        assertTrue(assertThrows(ResultsException.class, () -> JmhResultsReader.read(object)).getMessage().contains("expected a JSON array"));
        Path noPrimary = Files.writeString(dir.resolve("np.json"), "[{\"benchmark\": \"b\", \"mode\": \"thrpt\"}]");
        assertEquals(noPrimary + ": result #1 (b) has no primaryMetric",
                assertThrows(ResultsException.class, () -> JmhResultsReader.read(noPrimary)).getMessage());
    }
}
