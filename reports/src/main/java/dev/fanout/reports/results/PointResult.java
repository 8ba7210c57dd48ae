package dev.fanout.reports.results;

import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.Metric;

import java.util.Objects;

/**
 * A finished point: its plan, its JMH result and the latency distributions of its .hlog files.
 *
 * @param point    the point as planned
 * @param jmh      its JMH result, which holds every {@link PointMetric}
 * @param service  request sent to response received, every interval merged
 * @param sojourn  batch start to item done, every interval merged
 * @param timeline one measured batch
 */
public record PointResult(PlannedPoint point, JmhPoint jmh, LatencyDistribution service, LatencyDistribution sojourn,
                          Timeline timeline) {

    public PointResult {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(jmh, "jmh");
        for (PointMetric m : PointMetric.values()) {
            if (jmh.metric(m.label()).isEmpty()) {
                throw new IllegalArgumentException("jmh result of " + point.id() + " has no metric " + m.label());
            }
        }
    }

    public String strategy() {
        return point.strategy();
    }

    public int width() {
        return point.width();
    }

    /** @return fan-outs per second, with JMH's error */
    public Metric opsPerSecond() {
        return jmh.primary();
    }

    /** @return items per second: the score times the batch size */
    public double itemsPerSecond() {
        return jmh.primary().score() * point.items();
    }

    /** @return the error of {@link #itemsPerSecond()}, 0 when JMH gave none */
    public double itemsPerSecondError() {
        return jmh.primary().errorOrZero() * point.items();
    }

    public double score(PointMetric metric) {
        return jmh.metric(metric.label()).orElseThrow().score();
    }

    /** @return whether the harness, not the strategy, was the limit (the flag is 1) */
    public boolean harnessBound() {
        return score(PointMetric.HARNESS_BOUND) >= 0.5;
    }
}
