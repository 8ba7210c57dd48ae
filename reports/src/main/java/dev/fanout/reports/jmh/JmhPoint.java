package dev.fanout.reports.jmh;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One benchmark point of a JMH JSON result file: a benchmark method with one set of parameters.
 *
 * @param benchmark the benchmark's full name, {@code package.Class.method}
 * @param mode      JMH's mode: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param params    the {@code @Param} values, as strings, sorted by name
 * @param primary   the primary metric
 * @param secondary the secondary metrics by label, in file order
 */
public record JmhPoint(String benchmark, String mode, Map<String, String> params, Metric primary,
                       Map<String, Metric> secondary) {

    /** The parameter that names a strategy: {@code FanOutBenchmark}'s points have it. */
    public static final String STRATEGY = "strategy";

    /**
     * The parameter that names a peer, a plain-JDK or Reactor fan-out that uses none of the
     * project's run machinery: {@code PeerBenchmark}'s points have it. A point with it is a yardstick.
     */
    public static final String PEER = "peer";

    public JmhPoint {
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        secondary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secondary));
    }

    /** @return the value of a parameter */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** @return whether this is a peer's point (its params contain {@value #PEER}): a yardstick, not the project's code */
    public boolean isPeer() {
        return params.containsKey(PEER);
    }

    /**
     * @return what ran: the peer's or the strategy's name, else the benchmark method's simple name
     *         ({@code fanOut})
     */
    public String name() {
        String name = params.containsKey(PEER) ? params.get(PEER) : params.get(STRATEGY);
        return name != null ? name : benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** @return a secondary metric by label */
    public Optional<Metric> metric(String label) {
        return Optional.ofNullable(secondary.get(label));
    }

    /**
     * @return what identifies this point across runs: the benchmark, the mode and every parameter,
     *         for example {@code ...FanOutBenchmark.fanOut [thrpt] items=200 latency=fixed:20ms strategy=semaphore width=16}
     */
    public String key() {
        String p = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return benchmark + " [" + mode + "]" + (p.isEmpty() ? "" : " " + p);
    }
}
