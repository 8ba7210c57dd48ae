package dev.fanout.benchmarks.workload;

import org.HdrHistogram.Histogram;

/**
 * The percentiles the project reports, in milliseconds, from a histogram of microseconds.
 */
public record Percentiles(double p50, double p90, double p99, double p999, double max) {

    /** All zero: nothing was recorded. */
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    /** @param micros a histogram whose values are microseconds */
    public static Percentiles ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new Percentiles(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
