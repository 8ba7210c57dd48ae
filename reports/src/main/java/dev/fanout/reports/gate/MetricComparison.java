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
 * @param yardstick what the change was judged against ({@link Yardstick#NONE} for informational
 *                  rows and where nothing in the runs had this metric and these parameters)
 * @param drift     how the same metric of the yardstick moved: the median of current / baseline
 *                  over its points; NaN with {@link Yardstick#NONE}
 * @param verdict   what the gate concluded
 * @param reason    why, in a few words
 */
public record MetricComparison(JmhPoint point, String metric, MetricRule rule, Metric baseline, Metric current,
                               double change, Yardstick yardstick, double drift, Verdict verdict, String reason) {

    public MetricComparison {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(yardstick, "yardstick");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if (baseline == null && current == null) {
            throw new IllegalArgumentException("baseline and current cannot both be null: a row compares something");
        }
    }

    /** @return the change the verdict was judged on: against the yardstick when there is one, else {@link #change()} */
    public double judgedChange() {
        return Double.isNaN(drift) ? change : (change + 1) / drift - 1;
    }

    /** @return the unit, from the current run when it has the metric */
    public String unit() {
        return current != null ? current.unit() : baseline.unit();
    }
}
