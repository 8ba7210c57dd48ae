package dev.fanout.reports.results;

import java.util.List;

/**
 * A latency histogram as the HdrHistogram plotter draws it: the value at each percentile, in
 * milliseconds, every interval of a .hlog merged.
 *
 * @param count  how many requests were recorded
 * @param points percentile (0..100) and value, percentiles rising, ending at 100 (the max)
 */
public record LatencyDistribution(long count, List<Percentile> points) {

    public LatencyDistribution {
        points = List.copyOf(points);
    }

    /**
     * @param percentile from 0 to 100
     * @param millis     the highest value recorded at or below that percentile
     */
    public record Percentile(double percentile, double millis) {
    }
}
