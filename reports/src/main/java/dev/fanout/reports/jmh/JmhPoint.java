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

    public JmhPoint {
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        secondary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secondary));
    }

    /** @return the value of a parameter */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
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
