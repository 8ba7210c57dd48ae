package dev.fanout.reports.results;

import dev.fanout.reports.LatencySpecMedian;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Points measured alike: they share every param but the name (strategy or peer) and the width. One
 * chart of each kind, one block of a table, one recommendation, one sentence against the peers.
 *
 * @param params   the params the points share (latency, items, workload, client and any other)
 * @param latency  the latency spec
 * @param items    requests per batch
 * @param workload {@code http} or {@code sim}
 * @param client   {@code okhttp}, {@code jdk}, or {@code none} for sim
 * @param points   its finished points: strategies first, then peers, each in the run's order, then by width
 */
public record Profile(Map<String, String> params, String latency, int items, String workload, String client,
                      List<PointResult> points) {

    /** Params every profile has, said in its title in their own words. */
    private static final List<String> TITLED = List.of("latency", "items", "workload", "client");

    public Profile {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        points = List.copyOf(points);
    }

    /** @return the heading the report gives it, for example {@code fixed:20ms, http (okhttp), 128 items} */
    public String title() {
        String extra = extraParams().isEmpty() ? "" : ", " + extraParamsText();
        return latency + ", " + workloadLabel() + ", " + items + " items" + extra;
    }

    /** @return the workload and, for http, its client: {@code http (okhttp)}, {@code sim} */
    public String workloadLabel() {
        return client.isBlank() || client.equals("none") ? workload : workload + " (" + client + ")";
    }

    /** @return the params other than latency, items, workload and client, sorted by name */
    public Map<String, String> extraParams() {
        Map<String, String> extra = new TreeMap<>(params);
        TITLED.forEach(extra::remove);
        return Collections.unmodifiableMap(extra);
    }

    /** @return the extra params as {@code name=value, name=value}; empty when there are none */
    public String extraParamsText() {
        return extraParams().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** @return whether the points ran through a real client and server, whose ceiling the calibration measured */
    public boolean http() {
        return workload.equals("http");
    }

    /**
     * @return whether the latency is zero (no-op tasks): the ideal is 0, so efficiency means nothing
     *         and what a point costs per item, its items/s, is what counts
     */
    public boolean zeroLatency() {
        try {
            return LatencySpecMedian.parse(latency).medianMs() == 0;
        } catch (IllegalArgumentException e) {
            return !points.isEmpty() && points.stream().allMatch(p -> p.score(PointMetric.IDEAL_MS) == 0);
        }
    }

    public Optional<PointResult> point(String name, int width) {
        return points.stream().filter(p -> p.name().equals(name) && p.width() == width).findFirst();
    }

    /** @return the measured widths, rising */
    public List<Integer> widths() {
        return points.stream().map(PointResult::width).distinct().sorted().toList();
    }

    /** @return the names measured: strategies first, then peers, each in the run's order */
    public List<String> names() {
        return points.stream().map(PointResult::name).distinct().toList();
    }

    /** @return the names of one kind measured, in the run's order */
    public List<String> names(PointKind kind) {
        return points.stream().filter(p -> p.kind() == kind).map(PointResult::name).distinct().toList();
    }

    /** @return the points of one kind */
    public List<PointResult> points(PointKind kind) {
        return points.stream().filter(p -> p.kind() == kind).toList();
    }
}
