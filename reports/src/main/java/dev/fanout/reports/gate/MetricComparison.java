package dev.fanout.reports.gate;

import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.Metric;

import java.util.Objects;

/**
 * One row of the gate: one metric of one point, in the baseline and in the current run.
 *
 * @param point     the point as the baseline has it (its key and parameters identify the row)
 * @param metric    {@code primary} for JMH's primary metric, else the secondary metric's label
 * @param rule      how the metric is gated
 * @param baseline  the baseline's metric; null when only the current run has it
 * @param current   the current run's metric; null when only the baseline has it
 * @param change    current / baseline - 1: the change as measured; NaN when it cannot be computed
 * @param peerDrift how the same metric of this point's peers moved (median of current / baseline
 *                  over the other strategies with the same parameters); NaN when the metric is
 *                  machine-independent or the point has no peers
 * @param verdict   what the gate concluded
 * @param reason    why, in a few words
 */
public record MetricComparison(JmhPoint point, String metric, MetricRule rule, Metric baseline, Metric current,
                               double change, double peerDrift, Verdict verdict, String reason) {

    public MetricComparison {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if (baseline == null && current == null) {
            throw new IllegalArgumentException("baseline and current cannot both be null: a row compares something");
        }
    }

    /** @return the change the verdict was judged on: against the peers when they moved, else {@link #change()} */
    public double judgedChange() {
        return Double.isNaN(peerDrift) ? change : (change + 1) / peerDrift - 1;
    }

    /** @return the unit, from the current run when it has the metric */
    public String unit() {
        return current != null ? current.unit() : baseline.unit();
    }
}
