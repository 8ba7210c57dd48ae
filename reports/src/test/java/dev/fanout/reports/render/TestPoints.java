package dev.fanout.reports.render;

import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.Metric;
import dev.fanout.reports.results.LatencyDistribution;
import dev.fanout.reports.results.PlannedPoint;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;
import dev.fanout.reports.results.Timeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made points for tests that need exact numbers. */
final class TestPoints {

    static final String LATENCY = "fixed:20ms";
    static final int ITEMS = 200;

    private TestPoints() {
    }

    /** A point with the given throughput (items/s, error) and p99 sojourn latency; other metrics plausible. */
    static PointResult point(String strategy, int width, double itemsPerSecond, double errorItemsPerSecond, double p99Ms) {
        return point(strategy, width, itemsPerSecond, errorItemsPerSecond, p99Ms, width);
    }

    /** The same, with the most requests the server saw in flight at once. */
    static PointResult point(String strategy, int width, double itemsPerSecond, double errorItemsPerSecond, double p99Ms,
                             int serverPeak) {
        Map<String, Metric> secondary = new LinkedHashMap<>();
        for (PointMetric m : PointMetric.values()) {
            double score = switch (m) {
                case SOJOURN_P99 -> p99Ms;
                case HARNESS_BOUND -> 0;
                case EFFICIENCY -> 0.9;
                case SERVER_MAX_IN_FLIGHT -> serverPeak;
                default -> 10;
            };
            secondary.put(m.label(), new Metric(m.label(), score, Double.NaN, ""));
        }
        Metric primary = new Metric("primary", itemsPerSecond / ITEMS, errorItemsPerSecond / ITEMS, "ops/s");
        JmhPoint jmh = new JmhPoint("b", "thrpt", Map.of("strategy", strategy, "width", String.valueOf(width),
                "latency", LATENCY, "items", String.valueOf(ITEMS)), primary, secondary);
        LatencyDistribution empty = new LatencyDistribution(0, List.of());
        return new PointResult(new PlannedPoint(strategy + "-w" + width, strategy, width, LATENCY, ITEMS, true), jmh,
                empty, empty, new Timeline(0, List.of()));
    }

    static Profile profile(String latency, PointResult... points) {
        return new Profile(latency, ITEMS, List.of(points));
    }
}
