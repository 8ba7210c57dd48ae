package dev.fanout.reports.gate;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate found: a row per metric of every matched point, what each point was judged against,
 * the harness compared with the baseline's, and every problem that kept a comparison from being made.
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
    private final Map<Yardstick, Integer> yardsticks;
    private final List<String> peers;
    private final String yardstickWarning;
    private final HarnessComparison harness;
    private final MachineLoad machine;
    private final GateOptions options;

    /**
     * @param yardsticks       how many of the judged (non-peer) points were judged against each yardstick
     * @param peers            the names of the peers in both runs, the yardstick
     * @param yardstickWarning what the gate cannot see with the yardsticks it had, or null
     */
    GateResult(List<MetricComparison> comparisons, List<String> problems, Map<Yardstick, Integer> yardsticks,
               List<String> peers, String yardstickWarning, HarnessComparison harness, MachineLoad machine, GateOptions options) {
        this.comparisons = List.copyOf(comparisons);
        this.problems = List.copyOf(problems);
        this.yardsticks = yardsticks.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(yardsticks));
        this.peers = List.copyOf(peers);
        this.yardstickWarning = yardstickWarning;
        this.harness = Objects.requireNonNull(harness, "harness");
        this.machine = Objects.requireNonNull(machine, "machine");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A result with nothing compared: every problem that kept the comparison from being made. */
    static GateResult cannotCompare(List<String> problems, GateOptions options) {
        return new GateResult(List.of(), problems, Map.of(), List.of(), null,
                HarnessComparison.notCompared("not compared: the runs could not be read"), MachineLoad.NOT_MEASURED, options);
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

    /** @return how many points the gate judged (in both runs, peers not counted: they are the yardstick) */
    public int pointsCompared() {
        return yardsticks.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return how many of the judged points were judged against this yardstick */
    public int pointsJudgedAgainst(Yardstick yardstick) {
        return yardsticks.getOrDefault(yardstick, 0);
    }

    /** @return the names of the peers in both runs, sorted: the yardstick; empty when the runs have none in common */
    public List<String> peers() {
        return peers;
    }

    /**
     * @return the warning that the yardstick is weaker than peers for some or all points, so a change
     *         shared by every strategy cannot be seen there; empty when every point had peers
     */
    public Optional<String> yardstickWarning() {
        return Optional.ofNullable(yardstickWarning);
    }

    /** @return the harness's capacity and overhead compared with the baseline's */
    public HarnessComparison harness() {
        return harness;
    }

    /** @return how busy the machine was with other work while the two runs were measured */
    public MachineLoad machine() {
        return machine;
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
     *         regressed, or the harness got slower and {@link GateOptions#failOnHarness()} asks for
     *         that to fail, else {@link #EXIT_PASS}
     */
    public int exitCode() {
        if (!problems.isEmpty()) {
            return EXIT_CANNOT_COMPARE;
        }
        boolean regressed = comparisons.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSION);
        return regressed || harness.fails(options) ? EXIT_REGRESSION : EXIT_PASS;
    }
}
