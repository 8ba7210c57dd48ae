package dev.fanout.benchmarks.suite;

import dev.fanout.benchmarks.jmh.PointId;

import java.util.LinkedHashMap;
import java.util.Map;

/** One point of the grid: one strategy, width, latency profile and item count. */
public record BenchPoint(String strategy, int width, String latency, int items) {

    /** @return the point's id in file names (docs/results-format.md) */
    public String id() {
        return PointId.of(strategy, width, latency, items);
    }

    /** @return the JMH {@code @Param} values, as JMH writes them */
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("strategy", strategy);
        params.put("width", String.valueOf(width));
        params.put("latency", latency);
        params.put("items", String.valueOf(items));
        return params;
    }
}
