package dev.fanout.reports.results;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One point of a run's plan, as the manifest lists it.
 *
 * @param id       the point id ({@code <name>-<workload>[_<client>]-w<width>-<latency>-n<items>} in
 *                 format 2); names its files
 * @param kind     a strategy or a peer
 * @param name     the strategy's or the peer's name
 * @param width    the width asked for (a strategy may have an effective width of its own)
 * @param latency  the latency spec, for example {@code fixed:20ms}
 * @param items    requests per batch
 * @param workload {@code http} (a real client against the local server) or {@code sim} (in-process,
 *                 no sockets)
 * @param client   {@code okhttp} or {@code jdk} for http, {@code none} for sim
 * @param params   every param of the point as the manifest gives it, sorted by name
 * @param done     whether its JMH result is in jmh.json
 */
public record PlannedPoint(String id, PointKind kind, String name, int width, String latency, int items,
                           String workload, String client, Map<String, String> params, boolean done) {

    /** The params that tell one point of a profile from another; every other param is the profile's. */
    private static final String WIDTH = "width";

    public PlannedPoint {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public boolean isPeer() {
        return kind == PointKind.PEER;
    }

    /**
     * @return every param except the name and the width: points that share these are measured
     *         alike and compare with each other (one profile, one chart, one block of a table)
     */
    public Map<String, String> profileParams() {
        Map<String, String> p = new TreeMap<>(params);
        for (PointKind k : PointKind.values()) {
            p.remove(k.label());
        }
        p.remove(WIDTH);
        return Collections.unmodifiableMap(p);
    }
}
