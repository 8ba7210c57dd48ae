package dev.fanout.reports.gate;

/** Which way a metric gets better. */
public enum Direction {
    /** Throughput ({@code ops/s}) and efficiency ({@code ratio}): a bigger number is better. */
    HIGHER_IS_BETTER,
    /** Time per operation ({@code ms/op}) and latencies ({@code ms}): a smaller number is better. */
    LOWER_IS_BETTER,
    /** Counts, rates of requests, flags, unknown units: shown, never gated. */
    INFORMATIONAL
}
