package dev.fanout.reports.gate;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the gate treats one metric, decided from its unit and its label alone, so any JMH result file
 * compares (see docs/gate.md).
 *
 * <ul>
 *   <li>{@code ops/s}, {@code ops/ms}...: throughput, higher is better, machine-dependent;</li>
 *   <li>{@code ratio} (efficiency = calibrated ideal / measured): higher is better and nearly
 *       nearly machine-independent (and at a harness-bound point the only metric gated);</li>
 *   <li>{@code s/op} ... {@code ns/op}: time per operation, lower is better, machine-dependent;</li>
 *   <li>a bare time unit ({@code ms}, {@code us}...) on a {@code service.*} or {@code sojourn.*}
 *       label: a latency, lower is better, machine-dependent; on any other label (such as
 *       {@code idealMs}) it is informational;</li>
 *   <li>maxima and p99.9 ({@code *.max}, {@code *.p999}, JMH's {@code ·p0.999}, {@code ·p1.00}):
 *       informational, because one stall moves them by any amount;</li>
 *   <li>p99 ({@code *.p99}, JMH's {@code ·p0.99}): gated, with twice the tolerance, because the
 *       tail moves more from one run to the next than the middle does (measured on the smoke
 *       profile: an unchanged strategy's service p99 moved +19% against the other strategies);</li>
 *   <li>{@code requests}, {@code requests/s}, {@code flag} and anything unknown: informational.</li>
 * </ul>
 *
 * @param direction          which way is better; {@link Direction#INFORMATIONAL} when not gated
 * @param machineIndependent whether a slower machine leaves the metric alone, so that without a
 *                           yardstick it needs no margin beyond the tolerance
 * @param note               why an informational metric is not gated; empty for gated metrics
 * @param toleranceFactor    the tolerance this metric gets, in multiples of the gate's tolerance
 */
public record MetricRule(Direction direction, boolean machineIndependent, String note, double toleranceFactor) {

    /** How much more a p99 must move than the tolerance before it counts. */
    public static final double TAIL_TOLERANCE_FACTOR = 2.0;

    public MetricRule(Direction direction, boolean machineIndependent, String note) {
        this(direction, machineIndependent, note, 1.0);
    }

    // JMH's short names for TimeUnit, plus the micro sign some tools write.
    private static final Set<String> TIME_UNITS = Set.of("ns", "us", "µs", "ms", "s", "min", "hr", "day");
    private static final Set<String> LATENCY_PREFIXES = Set.of("service.", "sojourn.");
    private static final Pattern NOISY_MAXIMUM = Pattern.compile("(\\.max|\\.p999+|·p0\\.999+|·p1\\.0+)$");
    private static final Pattern TAIL = Pattern.compile("(\\.p99|·p0\\.99)$");

    public MetricRule {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(note, "note");
    }

    /**
     * @param label the metric's label: {@code primary} for JMH's primary metric, else the
     *              secondary metric's label
     * @param unit  the unit as JMH wrote it
     */
    public static MetricRule forMetric(String label, String unit) {
        Objects.requireNonNull(label, "label");
        String u = unit == null ? "" : unit.trim();
        if (label.startsWith("machine.")) {
            return informational("the machine's, not the code's: the gate's machine line reports it");
        }
        if (u.equals("ratio")) {
            return new MetricRule(Direction.HIGHER_IS_BETTER, true, "");
        }
        if (u.startsWith("ops/") && TIME_UNITS.contains(u.substring(4))) {
            return gatedUnlessNoisy(label, Direction.HIGHER_IS_BETTER);
        }
        if (u.endsWith("/op") && TIME_UNITS.contains(u.substring(0, u.length() - 3))) {
            return gatedUnlessNoisy(label, Direction.LOWER_IS_BETTER);
        }
        if (TIME_UNITS.contains(u)) {
            return isLatency(label) ? gatedUnlessNoisy(label, Direction.LOWER_IS_BETTER)
                    : informational("a time, but not a latency of the fan-out");
        }
        return informational(u.isEmpty() ? "no unit" : "unit " + u + " has no better direction");
    }

    /** @return whether the label names a latency of the fan-out ({@code service.*}, {@code sojourn.*}) */
    public static boolean isLatency(String label) {
        return LATENCY_PREFIXES.stream().anyMatch(label::startsWith);
    }

    /** @return whether a change of this metric can fail the gate */
    public boolean gated() {
        return direction != Direction.INFORMATIONAL;
    }

    private static MetricRule gatedUnlessNoisy(String label, Direction direction) {
        if (NOISY_MAXIMUM.matcher(label).find()) {
            return informational("a maximum: one stall moves it by any amount");
        }
        return new MetricRule(direction, false, "", TAIL.matcher(label).find() ? TAIL_TOLERANCE_FACTOR : 1.0);
    }

    private static MetricRule informational(String note) {
        return new MetricRule(Direction.INFORMATIONAL, false, note);
    }
}
