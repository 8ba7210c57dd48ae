package dev.fanout.reports.render;

import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.Metric;
import dev.fanout.reports.results.LatencyDistribution;
import dev.fanout.reports.results.PlannedPoint;
import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;
import dev.fanout.reports.results.Timeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hand-made points for tests that need exact numbers: http through okhttp at fixed:20ms, 200 items, unless said. */
final class TestPoints {

    static final String LATENCY = "fixed:20ms";
    static final int ITEMS = 200;

    private TestPoints() {
    }

    /** A strategy point with the given throughput (items/s, error) and p99 sojourn latency; other metrics plausible. */
    static PointResult point(String strategy, int width, double itemsPerSecond, double errorItemsPerSecond, double p99Ms) {
        return point(strategy, width, itemsPerSecond, errorItemsPerSecond, p99Ms, Math.min(width, ITEMS));
    }

    /** The same, with the most requests the server saw in flight at once. */
    static PointResult point(String strategy, int width, double itemsPerSecond, double errorItemsPerSecond, double p99Ms,
                             int serverPeak) {
        return build(PointKind.STRATEGY, strategy, width, itemsPerSecond, errorItemsPerSecond, p99Ms, serverPeak, 0.9,
                Double.NaN, LATENCY, "http", "okhttp");
    }

    /** A strategy point with the given efficiency and its error (JMH's scoreError; NaN for none). */
    static PointResult withEfficiency(String strategy, int width, double itemsPerSecond, double p99Ms, double efficiency,
                                      double efficiencyError) {
        return build(PointKind.STRATEGY, strategy, width, itemsPerSecond, 0, p99Ms, Math.min(width, ITEMS), efficiency, efficiencyError,
                LATENCY, "http", "okhttp");
    }

    /** A point of either kind with the given throughput, its error (items/s) and efficiency. */
    static PointResult measured(PointKind kind, String name, int width, double itemsPerSecond, double errorItemsPerSecond,
                                double efficiency) {
        return build(kind, name, width, itemsPerSecond, errorItemsPerSecond, 50, Math.min(width, ITEMS), efficiency, 0.01,
                LATENCY, "http", "okhttp");
    }

    /** A sim strategy point with the given efficiency. */
    static PointResult simWithEfficiency(String strategy, int width, double efficiency) {
        return build(PointKind.STRATEGY, strategy, width, 1000, 0, 50, Math.min(width, ITEMS), efficiency, 0.01, LATENCY, "sim", "none");
    }

    /** A peer point with the given throughput. */
    static PointResult peer(String peer, int width, double itemsPerSecond) {
        return peer(peer, width, itemsPerSecond, 50);
    }

    /** A peer point with the given throughput and p99 sojourn latency. */
    static PointResult peer(String peer, int width, double itemsPerSecond, double p99Ms) {
        return build(PointKind.PEER, peer, width, itemsPerSecond, 0, p99Ms, Math.min(width, ITEMS), 0.9, Double.NaN, LATENCY,
                "http", "okhttp");
    }

    /** A point of any kind, latency and workload, with the given throughput. */
    static PointResult at(PointKind kind, String name, int width, double itemsPerSecond, String latency, String workload) {
        return build(kind, name, width, itemsPerSecond, 0, 50, Math.min(width, ITEMS), 0.9, Double.NaN, latency, workload,
                workload.equals("http") ? "okhttp" : "none");
    }

    private static PointResult build(PointKind kind, String name, int width, double itemsPerSecond, double errorItemsPerSecond,
                                     double p99Ms, int serverPeak, double efficiency, double efficiencyError, String latency,
                                     String workload, String client) {
        Map<String, Metric> secondary = new LinkedHashMap<>();
        for (PointMetric m : PointMetric.values()) {
            double score = switch (m) {
                case SOJOURN_P99 -> p99Ms;
                case HARNESS_BOUND -> 0;
                case EFFICIENCY -> efficiency;
                case SERVER_MAX_IN_FLIGHT -> serverPeak;
                default -> 10;
            };
            secondary.put(m.label(), new Metric(m.label(), score, m == PointMetric.EFFICIENCY ? efficiencyError : Double.NaN, ""));
        }
        Metric primary = new Metric("primary", itemsPerSecond / ITEMS, errorItemsPerSecond / ITEMS, "ops/s");
        Map<String, String> params = new TreeMap<>(Map.of(kind.label(), name, "width", String.valueOf(width),
                "latency", latency, "items", String.valueOf(ITEMS), "workload", workload, "client", client));
        JmhPoint jmh = new JmhPoint("b", "thrpt", params, primary, secondary);
        LatencyDistribution empty = new LatencyDistribution(0, List.of());
        return new PointResult(new PlannedPoint(name + "-" + workload + "-w" + width, kind, name, width, latency, ITEMS,
                workload, client, params, true), jmh, empty, empty, new Timeline(0, List.of()));
    }

    /** The point, carrying the optional metric server.requestsPerItem as well. */
    static PointResult withRequestsPerItem(PointResult p, double requestsPerItem) {
        return withMetric(p, PointResult.REQUESTS_PER_ITEM, requestsPerItem, "requests/item");
    }

    /** The point, carrying the optional metric failedPerItem as well. */
    static PointResult withFailedPerItem(PointResult p, double failedPerItem) {
        return withMetric(p, PointResult.FAILED_PER_ITEM, failedPerItem, "failed/item");
    }

    private static PointResult withMetric(PointResult p, String label, double score, String unit) {
        Map<String, Metric> secondary = new LinkedHashMap<>(p.jmh().secondary());
        secondary.put(label, new Metric(label, score, Double.NaN, unit));
        JmhPoint jmh = new JmhPoint(p.jmh().benchmark(), p.jmh().mode(), p.jmh().params(), p.jmh().primary(), secondary);
        return new PointResult(p.point(), jmh, p.service(), p.sojourn(), p.timeline());
    }

    static Profile profile(String latency, PointResult... points) {
        return profile(latency, "http", points);
    }

    static Profile profile(String latency, String workload, PointResult... points) {
        String client = workload.equals("http") ? "okhttp" : "none";
        return new Profile(Map.of("latency", latency, "items", String.valueOf(ITEMS), "workload", workload, "client", client),
                latency, ITEMS, workload, client, List.of(points));
    }
}
