package dev.fanout.benchmarks.suite;

import dev.fanout.benchmarks.jmh.PointId;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of the plan: one strategy or peer, on one workload (and client), at one width, latency
 * profile and item count.
 *
 * @param kind     {@link #STRATEGY} or {@link #PEER}: also the name of the JMH param that names it
 * @param name     the strategy's or the peer's name
 * @param workload {@code http} or {@code sim}
 * @param client   {@code okhttp} or {@code jdk} for {@code http}; {@code none} for {@code sim}
 * @param section  the name of the plan's section the point belongs to
 */
public record BenchPoint(String kind, String name, String workload, String client, int width, String latency, int items,
                         String section) {

    public static final String STRATEGY = "strategy";
    public static final String PEER = "peer";

    /** @return the point's id in file names (docs/results-format.md, format 2) */
    public String id() {
        return PointId.of(name, workload, client, width, latency, items);
    }

    public boolean isPeer() {
        return PEER.equals(kind);
    }

    /** @return the JMH benchmark that measures it */
    public String benchmark() {
        return isPeer() ? BenchSuite.PEER_BENCHMARK : BenchSuite.STRATEGY_BENCHMARK;
    }

    /** @return the JMH {@code @Param} values, as JMH writes them (strings) */
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(kind, name);
        params.put("width", String.valueOf(width));
        params.put("latency", latency);
        params.put("items", String.valueOf(items));
        params.put("workload", workload);
        params.put("client", client);
        return params;
    }
}
