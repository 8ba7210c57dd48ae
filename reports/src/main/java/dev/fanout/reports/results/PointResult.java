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

    /** @return the strategy's or the peer's name */
    public String name() {
        return point.name();
    }

    public PointKind kind() {
        return point.kind();
    }

    public boolean isPeer() {
        return point.isPeer();
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
        return metric(metric).score();
    }

    public Metric metric(PointMetric metric) {
        return jmh.metric(metric.label()).orElseThrow();
    }

    /** The optional metric: requests the server counted per item (results written before it lack it). */
    public static final String REQUESTS_PER_ITEM = "server.requestsPerItem";

    /**
     * @return the requests the server counted beyond one per item, as a share of the items (0.014 =
     *         1.4% more requests: the hedged strategy's second attempts), or empty when the point does
     *         not carry the metric
     */
    public java.util.OptionalDouble extraRequestShare() {
        java.util.OptionalDouble requests = optionalScore(REQUESTS_PER_ITEM);
        return requests.isPresent() ? java.util.OptionalDouble.of(requests.getAsDouble() - 1) : requests;
    }

    /** The optional metric: items per fan-out that ended in a failure, as a share of the items. */
    public static final String FAILED_PER_ITEM = "failedPerItem";

    /**
     * @return the share of the items that failed (0.25 = a quarter: a 429, a refused connection, a
     *         timeout; they still count in items/s), or empty when the point does not carry the metric
     */
    public java.util.OptionalDouble failedShare() {
        return optionalScore(FAILED_PER_ITEM);
    }

    /** @return an optional metric's score, or empty when the point does not carry it or it is not finite */
    private java.util.OptionalDouble optionalScore(String label) {
        return jmh.metric(label).filter(Metric::finite)
                .map(m -> java.util.OptionalDouble.of(m.score())).orElse(java.util.OptionalDouble.empty());
    }

    /** @return whether the harness, not the strategy, was the limit (the flag is 1) */
    public boolean harnessBound() {
        return score(PointMetric.HARNESS_BOUND) >= 0.5;
    }

    /**
     * @return whether the efficiency exceeds 1.0 by more than its own error (JMH's scoreError; none
     *         counts as 0). No code beats the ideal: such a point says the ideal, that is the
     *         calibration, is wrong there, so it is flagged and never recommended.
     */
    public boolean beyondIdeal() {
        Metric efficiency = metric(PointMetric.EFFICIENCY);
        return efficiency.finite() && efficiency.score() - efficiency.errorOrZero() > 1.0;
    }
}
