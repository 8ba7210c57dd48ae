package dev.fanout.reports.gate;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the gate found: a row per metric of every matched point, and every problem that kept a
 * comparison from being made.
 */
public final class GateResult {

    /** No regression: the change may go in. */
    public static final int EXIT_PASS = 0;
    /** At least one regression. */
    public static final int EXIT_REGRESSION = 1;
    /** The comparison cannot be made (unreadable file, missing points, other parameters...). */
    public static final int EXIT_CANNOT_COMPARE = 2;

    private final List<MetricComparison> comparisons;
    private final List<String> problems;
    private final int pointsCompared;
    private final GateOptions options;

    GateResult(List<MetricComparison> comparisons, List<String> problems, int pointsCompared, GateOptions options) {
        this.comparisons = List.copyOf(comparisons);
        this.problems = List.copyOf(problems);
        this.pointsCompared = pointsCompared;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** @return every row, point by point in the baseline's order, metrics in file order */
    public List<MetricComparison> comparisons() {
        return comparisons;
    }

    /**
     * @return every row in the report's order: regressions, then gains, then the rest by verdict;
     *         regressions and gains grouped by point, the point that moved most first, each point's
     *         metrics in file order
     */
    public List<MetricComparison> ranked() {
        // How far a point moved: the largest |ln(current / expected)| of its rows with that verdict,
        // so that x0.8 throughput and x1.25 latency, the same slowdown, weigh the same.
        Map<String, Double> moved = new HashMap<>();
        for (MetricComparison r : comparisons) {
            if (r.verdict() == Verdict.REGRESSION || r.verdict() == Verdict.GAIN) {
                moved.merge(r.verdict() + " " + r.point().key(), Math.abs(Math.log1p(r.judgedChange())), Math::max);
            }
        }
        Comparator<MetricComparison> order = Comparator.<MetricComparison, Verdict>comparing(MetricComparison::verdict)
                .thenComparingDouble(r -> -moved.getOrDefault(r.verdict() + " " + r.point().key(), 0.0));
        return comparisons.stream().sorted(order).toList();
    }

    /** @return the rows with this verdict, in the report's order */
    public List<MetricComparison> withVerdict(Verdict verdict) {
        return ranked().stream().filter(r -> r.verdict() == verdict).toList();
    }

    /** @return every reason the comparison could not be made, one line each; empty when it could */
    public List<String> problems() {
        return problems;
    }

    /** @return how many points were in both runs */
    public int pointsCompared() {
        return pointsCompared;
    }

    /** @return how many points have at least one regression */
    public long pointsRegressed() {
        return comparisons.stream().filter(r -> r.verdict() == Verdict.REGRESSION).map(r -> r.point().key()).distinct().count();
    }

    public GateOptions options() {
        return options;
    }

    /**
     * @return {@link #EXIT_CANNOT_COMPARE} when there is any problem (even alongside regressions: a
     *         partial comparison is not a verdict), else {@link #EXIT_REGRESSION} when any metric
     *         regressed, else {@link #EXIT_PASS}
     */
    public int exitCode() {
        if (!problems.isEmpty()) {
            return EXIT_CANNOT_COMPARE;
        }
        return comparisons.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSION) ? EXIT_REGRESSION : EXIT_PASS;
    }
}
