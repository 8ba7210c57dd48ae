package dev.fanout.reports.gate;

import dev.fanout.reports.ResultsException;
import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.Metric;
import dev.fanout.reports.results.PointMetric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The regression gate: compares a current run with a baseline, point by point and metric by metric.
 * The rule, and the reason for each part, is in docs/gate.md; in short:
 *
 * <ol>
 *   <li>points are matched on {@link JmhPoint#key()}; a point or gated metric on one side only, a
 *       different set of parameters, or a number that is not a number makes the comparison
 *       impossible, and every such problem is listed;</li>
 *   <li>each metric's direction comes from its unit ({@link MetricRule});</li>
 *   <li>a change within the tolerance is unchanged;</li>
 *   <li>every gated metric, efficiency included, is judged against a {@link Yardstick}: points of the
 *       same runs with the same parameters, whose median change is the machine's drift and is
 *       divided out. A strategy's yardstick is the <em>peers</em> (points whose parameters name a
 *       {@link GateOptions#peerParameter() peer}: plain-JDK and Reactor fan-outs that use none of the
 *       project's run machinery), so a slower machine cancels out and a slower {@code FanOutRun},
 *       which slows every strategy alike, does not. Without peers it is the other strategies, as
 *       before the peers existed, and the result says that a change shared by every strategy cannot
 *       be seen. A peer is judged against the other peers and is never gated: it is the yardstick,
 *       not the project's code;</li>
 *   <li>a point must also leave the scatter between the runs by more than {@value #SCATTER_FACTOR}
 *       times its standard deviation: the scatter of the peers around their drift and of the other
 *       strategies around theirs, pooled, so a change shared by every strategy does not widen it;</li>
 *   <li>at a harness-bound point (flag {@value #HARNESS_BOUND} set in either run) the machine's
 *       CPU sets throughput and latency, so only efficiency, calibrated on the same machine, is
 *       gated there, and the point is nobody's yardstick;</li>
 *   <li>a change must also be beyond the noise the two runs show: where both carry JMH's
 *       per-iteration samples, Welch's t-test at the one-sided level {@value NoiseTest#SIGNIFICANCE}
 *       ({@link NoiseTest}); without samples, and for absolute numbers without a yardstick, the two
 *       confidence intervals (score ± scoreError) must not overlap. An unknown error (NaN: JMH had
 *       fewer than three samples) is taken to be as large as the tolerance; an infinite one is
 *       never beyond;</li>
 *   <li>a point that carries more load than its yardstick ({@value #HEAVIER_LOAD} times its median
 *       in-flight peak or more, as {@code all-at-once} does against bounded peers) has its latencies
 *       judged at the tail's tolerance: a busier machine delays each of its calls more;</li>
 *   <li>the harness's capacity and overhead are compared with the baseline's calibration
 *       ({@link HarnessComparison}) and reported on their own line;</li>
 *   <li>so is the CPU other processes took while the points were measured ({@link MachineLoad}):
 *       a busy machine is said, and never changes a verdict.</li>
 * </ol>
 */
public final class Gate {

    static final String PRIMARY = "primary";

    /** The benchmark's flag for a point where the harness, not the strategy, is the limit (docs/results-format.md). */
    static final String HARNESS_BOUND = "harnessBound";

    /**
     * How far, in multiples of the standard deviation of the scatter between the two runs, a point
     * must move from its yardstick to count. The yardstick's points are measured in the same two
     * runs: how much they scatter around their common drift is how much any point scatters from one
     * run to the next, a noise the iterations of one run cannot show.
     */
    static final double SCATTER_FACTOR = 2.0;

    /**
     * How many times its yardstick's in-flight peak a point must carry for its latencies to be judged
     * with the tail's tolerance ({@link MetricRule#TAIL_TOLERANCE_FACTOR}). A busier machine delays
     * each of 48 calls in flight more than each of 16, so the latencies of a point that carries more
     * load than its yardstick move more than the yardstick does, and in the same direction.
     */
    static final double HEAVIER_LOAD = 1.5;

    private Gate() {
    }

    /**
     * Reads both sides ({@link GateFiles#readRun(Path)}: a JMH JSON file or a results folder, and the
     * calibration that goes with it) and compares them. A side that cannot be read is a problem of
     * the result (exit code 2), not an exception, so both sides' problems are listed at once.
     */
    public static GateResult compareFiles(Path baseline, Path current, GateOptions options) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(options, "options");
        List<String> problems = new ArrayList<>();
        GateRun base = readOrNote("baseline", baseline, problems);
        GateRun cur = readOrNote("current run", current, problems);
        return problems.isEmpty() ? compare(base, cur, options) : GateResult.cannotCompare(problems, options);
    }

    /** Compares two lists of points, as read from JMH JSON files, without calibrations. */
    public static GateResult compare(List<JmhPoint> baseline, List<JmhPoint> current, GateOptions options) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        return compare(GateRun.of(baseline), GateRun.of(current), options);
    }

    /** Compares two runs: their points, and their harness calibrations when both have one. */
    public static GateResult compare(GateRun baselineRun, GateRun currentRun, GateOptions options) {
        Objects.requireNonNull(baselineRun, "baselineRun");
        Objects.requireNonNull(currentRun, "currentRun");
        Objects.requireNonNull(options, "options");
        List<String> problems = new ArrayList<>();
        Predicate<JmhPoint> isPeer = p -> p.params().containsKey(options.peerParameter());
        boolean peersInBaseline = baselineRun.points().stream().anyMatch(isPeer);
        boolean peersInCurrent = currentRun.points().stream().anyMatch(isPeer);
        // One side without any peer: the other side's peers are not missing points but a yardstick the
        // gate cannot use (an older baseline, say); the strategies then fall back to each other.
        boolean peersOnOneSide = peersInBaseline != peersInCurrent;
        List<JmhPoint> baseline = peersOnOneSide ? baselineRun.points().stream().filter(isPeer.negate()).toList() : baselineRun.points();
        List<JmhPoint> current = peersOnOneSide ? currentRun.points().stream().filter(isPeer.negate()).toList() : currentRun.points();

        Map<String, JmhPoint> base = index("baseline", baseline, problems);
        Map<String, JmhPoint> cur = index("current run", current, problems);
        if (base.isEmpty()) {
            problems.add("the baseline has no results");
        }
        if (cur.isEmpty()) {
            problems.add("the current run has no results");
        }
        parameterDifferences(baseline, current, problems);
        base.keySet().stream().filter(k -> !cur.containsKey(k)).forEach(k -> problems.add("point missing from the current run: " + k));
        cur.keySet().stream().filter(k -> !base.containsKey(k)).forEach(k -> problems.add("point missing from the baseline: " + k));

        Map<String, JmhPoint> matched = new LinkedHashMap<>(base);
        matched.keySet().retainAll(cur.keySet());
        Set<String> harnessBound = new HashSet<>();
        matched.keySet().stream().filter(k -> harnessBound(base.get(k)) || harnessBound(cur.get(k))).forEach(harnessBound::add);
        Yardsticks yardsticks = new Yardsticks(matched.values().stream().filter(p -> !harnessBound.contains(p.key())).toList(),
                base, cur, options);

        List<MetricComparison> rows = new ArrayList<>();
        Map<Yardstick, Integer> judgedAgainst = new EnumMap<>(Yardstick.class);
        for (JmhPoint b : matched.values()) {
            JmhPoint c = cur.get(b.key());
            Yardstick yardstick = yardsticks.of(b);
            if (!yardsticks.isPeer(b)) {
                judgedAgainst.merge(yardstick, 1, Integer::sum);
            }
            Set<String> labels = new LinkedHashSet<>();
            labels.add(PRIMARY);
            labels.addAll(b.secondary().keySet());
            labels.addAll(c.secondary().keySet());
            String heavierLoad = heavierLoad(inFlightPeak(b, c), yardsticks.peak(b, yardstick), yardstick);
            for (String label : labels) {
                rows.add(compareMetric(b, label, metric(b, label).orElse(null), metric(c, label).orElse(null),
                        yardsticks, yardstick, heavierLoad, harnessBound.contains(b.key()), noOpTasks(b) || noOpTasks(c),
                        options.tolerance(), problems));
            }
        }
        List<String> peers = matched.values().stream().filter(yardsticks::isPeer).map(p -> p.params().get(options.peerParameter()))
                .distinct().sorted().toList();
        String warning = yardstickWarning(peersInBaseline, peersInCurrent, judgedAgainst);
        HarnessComparison harness = HarnessComparison.compare(baselineRun.calibration(), baselineRun.missingCalibration("baseline"),
                currentRun.calibration(), currentRun.missingCalibration("current run"), options);
        MachineLoad machine = MachineLoad.of(matched.values(), matched.keySet().stream().map(cur::get).toList());
        return new GateResult(rows, problems, judgedAgainst, peers, warning, harness, machine, options);
    }

    /** What a change shared by every strategy does to this comparison: nothing to see, when the strategies had no peers. */
    private static String yardstickWarning(boolean peersInBaseline, boolean peersInCurrent, Map<Yardstick, Integer> judgedAgainst) {
        String blind = "a change shared by every strategy (a slower run machinery, client or server) cannot be seen";
        if (!peersInBaseline && !peersInCurrent) {
            return "no peers in either run: the strategies are judged against each other, so " + blind;
        }
        if (!peersInBaseline || !peersInCurrent) {
            return "no peers in the " + (peersInBaseline ? "current run" : "baseline") + " (the "
                    + (peersInBaseline ? "baseline's" : "current run's") + " are not used): the strategies are judged against"
                    + " each other, so " + blind + "; make a baseline with peers (docs/gate.md)";
        }
        int total = judgedAgainst.values().stream().mapToInt(Integer::intValue).sum();
        int withoutPeers = total - judgedAgainst.getOrDefault(Yardstick.PEERS, 0);
        if (withoutPeers == 0) {
            return null;
        }
        return withoutPeers + " of " + total + " points had no usable peers (none with their parameters, or only harness-bound"
                + " ones) and were judged against the other strategies or nothing, so there " + blind;
    }

    private static MetricComparison compareMetric(JmhPoint point, String label, Metric b, Metric c, Yardsticks yardsticks,
                                                  Yardstick yardstick, String heavierLoad, boolean harnessBound, boolean noOpTasks,
                                                  double tolerance, List<String> problems) {
        MetricRule rule = MetricRule.forMetric(label, (b != null ? b : c).unit());
        if (harnessBound && rule.gated() && !rule.machineIndependent()) {
            rule = new MetricRule(Direction.INFORMATIONAL, false, "harness-bound: the machine sets it here; efficiency judges this point");
        }
        if (b == null) {
            return informational(point, label, rule, null, c, Double.NaN, "new: not in the baseline");
        }
        if (c == null) {
            return unusable(point, label, rule, b, null, "not in the current run", problems);
        }
        if (!b.unit().equals(c.unit())) {
            return unusable(point, label, rule, b, c, "unit changed from " + b.unit() + " to " + c.unit(), problems);
        }
        double change = b.score() == c.score() ? 0 : c.score() / b.score() - 1; // 0 -> 0 is no change, not NaN
        if (!rule.gated()) {
            return informational(point, label, rule, b, c, change, rule.note());
        }
        if (unmeasured(b) && unmeasured(c)) {
            return informational(point, label, rule, b, c, Double.NaN, NOT_MEASURED_HERE);
        }
        if (noOpTasks && (label.startsWith("service.") || Double.isNaN(b.score()) || Double.isNaN(c.score()))) {
            return informational(point, label, rule, b, c, change, NO_OP_TASKS);
        }
        if (!Double.isFinite(b.score()) || b.score() <= 0) {
            return unusable(point, label, rule, b, c, "baseline score is " + Numbers.format(b.score()) + ": nothing to compare a change with", problems);
        }
        if (!Double.isFinite(c.score()) || c.score() < 0) {
            return unusable(point, label, rule, b, c, "current score is " + Numbers.format(c.score()) + ": the run did not measure it", problems);
        }
        // Efficiency too: calibrated or not, a loaded machine lowers every concurrent fan-out's (measured).
        Reference reference = yardsticks.reference(point, yardstick, label);
        double factor = rule.toleranceFactor();
        String heavier = "";
        if (heavierLoad != null && MetricRule.isLatency(label) && factor < MetricRule.TAIL_TOLERANCE_FACTOR) {
            factor = MetricRule.TAIL_TOLERANCE_FACTOR;
            heavier = "; " + heavierLoad + ", judged at ±" + GateOptions.percent(tolerance * factor);
        }
        MetricComparison judged = judge(point, label, rule, b, c, change, reference, tolerance * factor);
        if (!heavier.isEmpty()) {
            judged = new MetricComparison(point, label, rule, b, c, change, judged.yardstick(), judged.drift(), judged.verdict(),
                    judged.reason() + heavier);
        }
        if (yardsticks.isPeer(point) && (judged.verdict() == Verdict.REGRESSION || judged.verdict() == Verdict.GAIN)) {
            // A peer is the yardstick, not the project's code: shown, never failed.
            String way = judged.verdict() == Verdict.REGRESSION ? "worse" : "better";
            return new MetricComparison(point, label, rule, b, c, change, judged.yardstick(), judged.drift(), Verdict.PEER_MOVED,
                    way + " than the other peers, not gated: " + judged.reason());
        }
        return judged;
    }

    private static MetricComparison informational(JmhPoint point, String label, MetricRule rule, Metric b, Metric c,
                                                  double change, String why) {
        return new MetricComparison(point, label, rule, b, c, change, Yardstick.NONE, Double.NaN, Verdict.NOT_GATED, why);
    }

    /** A gated metric that cannot be compared is a problem; an informational one is merely shown. */
    private static MetricComparison unusable(JmhPoint point, String label, MetricRule rule, Metric b, Metric c,
                                             String why, List<String> problems) {
        if (!rule.gated()) {
            return informational(point, label, rule, b, c, Double.NaN, why);
        }
        problems.add(point.key() + ": " + label + ": " + why);
        return new MetricComparison(point, label, rule, b, c, Double.NaN, Yardstick.NONE, Double.NaN, Verdict.NOT_COMPARABLE, why);
    }

    private static MetricComparison judge(JmhPoint point, String label, MetricRule rule, Metric b, Metric c,
                                          double change, Reference reference, double tolerance) {
        Yardstick yardstick = reference.yardstick();
        double drift = reference.drift();
        if (Math.abs(change) <= tolerance) {
            return new MetricComparison(point, label, rule, b, c, change, yardstick, drift, Verdict.UNCHANGED,
                    "within ±" + GateOptions.percent(tolerance));
        }
        boolean withYardstick = yardstick != Yardstick.NONE;
        String against = "against the " + yardstick.text();
        double scale = withYardstick ? drift : 1;
        double expected = b.score() * scale;
        double judged = c.score() / expected - 1;
        if (withYardstick && (Math.abs(judged) <= tolerance || (judged > 0) != (change > 0))) {
            // The yardstick moved as much: the machine, not the code.
            return new MetricComparison(point, label, rule, b, c, change, yardstick, drift, Verdict.UNCHANGED,
                    "moved with the " + yardstick.text() + " (" + Numbers.signedPercent(drift - 1) + "): the machine");
        }
        double spread = reference.spread();
        if (withYardstick && Double.isFinite(spread) && Math.abs(Math.log(c.score() / expected)) <= SCATTER_FACTOR * spread) {
            return new MetricComparison(point, label, rule, b, c, change, yardstick, drift, Verdict.WITHIN_NOISE,
                    "within the scatter between the runs (" + Numbers.signedPercent(judged) + " " + against
                            + "; their scatter ±" + Numbers.signedPercent(Math.exp(spread) - 1).substring(1) + ")");
        }
        boolean up = judged > 0;
        // Absolute numbers with nothing to cancel the machine against need their intervals apart by the tolerance.
        boolean absolute = !rule.machineIndependent() && !withYardstick;
        String noiseNote;
        if (!absolute && NoiseTest.applicable(b, c)) {
            double p = NoiseTest.pValue(b, c, scale);
            if (!(p < NoiseTest.SIGNIFICANCE)) {
                return new MetricComparison(point, label, rule, b, c, change, yardstick, drift, Verdict.WITHIN_NOISE,
                        "within the runs' own noise (Welch's t-test on the iterations, p = " + Numbers.format(p) + ")");
            }
            noiseNote = " (p = " + Numbers.format(p) + ")";
        } else {
            double baseNoise = noise(b, tolerance) * scale;
            double currentNoise = noise(c, tolerance);
            double gap = (up ? (c.score() - currentNoise) - (expected + baseNoise) : (expected - baseNoise) - (c.score() + currentNoise)) / expected;
            double margin = absolute ? tolerance : 0;
            noiseNote = noiseNote(b, c, tolerance);
            if (!(gap > margin)) {
                String why = absolute
                        ? "confidence intervals not " + GateOptions.percent(tolerance) + " apart, and no yardstick to cancel the machine"
                        : "inside the confidence intervals";
                return new MetricComparison(point, label, rule, b, c, change, yardstick, drift, Verdict.WITHIN_NOISE, why + noiseNote);
            }
        }
        boolean better = up == (rule.direction() == Direction.HIGHER_IS_BETTER);
        String why = "beyond ±" + GateOptions.percent(tolerance) + " and the noise"
                + (withYardstick ? "; " + Numbers.signedPercent(judged) + " " + against : "")
                + (absolute ? "; no yardstick, intervals apart by more than " + GateOptions.percent(tolerance) : "")
                + noiseNote;
        return new MetricComparison(point, label, rule, b, c, change, yardstick, drift, better ? Verdict.GAIN : Verdict.REGRESSION, why);
    }

    /** Why a gated metric with no number in either run is shown, not judged. */
    static final String NOT_MEASURED_HERE = "no number in either run (0 or NaN): not measured at this point, such as the"
            + " efficiency and the service latency of no-op tasks";

    /** Why, at a point of no-op tasks, the service latency (and a metric without a number in one run) is shown, not judged. */
    static final String NO_OP_TASKS = "no-op tasks: the service latency is the empty task's own, a microsecond or 0, and"
            + " efficiency has no ideal; the throughput and the sojourn latencies judge this point";

    /**
     * @return whether a metric has no number to compare: NaN (efficiency with no ideal, at zero
     *         latency) or 0 (a latency below the recorder's microsecond)
     */
    static boolean unmeasured(Metric m) {
        return Double.isNaN(m.score()) || m.score() == 0;
    }

    /**
     * @return whether the point's tasks do nothing (its ideal makespan, {@code idealMs}, is 0): there
     *         efficiency has no ideal to be measured against and service latencies are below the
     *         recorder's resolution, so neither has a number, in any run
     */
    static boolean noOpTasks(JmhPoint point) {
        return metric(point, "idealMs").map(m -> m.score() == 0).orElse(false);
    }

    /** The half-width of a metric's confidence interval; unknown (NaN, negative) is taken as the tolerance. */
    static double noise(Metric m, double tolerance) {
        double e = m.error();
        return Double.isNaN(e) || e < 0 ? tolerance * Math.abs(m.score()) : e;
    }

    private static String noiseNote(Metric b, Metric c, double tolerance) {
        if (b.error() == Double.POSITIVE_INFINITY || c.error() == Double.POSITIVE_INFINITY) {
            return " (noise unbounded)";
        }
        if (Double.isNaN(b.error()) || b.error() < 0 || Double.isNaN(c.error()) || c.error() < 0) {
            return " (noise unknown, taken as ±" + GateOptions.percent(tolerance) + ")";
        }
        return "";
    }

    /** @return the point's in-flight peak, the larger of the two runs'; NaN when neither has it */
    private static double inFlightPeak(JmhPoint baseline, JmhPoint current) {
        double b = inFlightPeak(baseline);
        double c = inFlightPeak(current);
        return Double.isNaN(b) ? c : Double.isNaN(c) ? b : Math.max(b, c);
    }

    private static double inFlightPeak(JmhPoint point) {
        return point.metric(PointMetric.SERVER_MAX_IN_FLIGHT.label()).map(Metric::score).orElse(Double.NaN);
    }

    /**
     * @return what the row's reason says when the point carries {@value #HEAVIER_LOAD} times its
     *         yardstick's load or more (its latencies then get the tail's tolerance); null when it does not
     */
    private static String heavierLoad(double ownPeak, double yardstickPeak, Yardstick yardstick) {
        return ownPeak >= HEAVIER_LOAD * yardstickPeak
                ? "a latency of " + Numbers.format(ownPeak) + " calls in flight against the " + yardstick.text() + "' "
                + Numbers.format(yardstickPeak)
                : null;
    }

    private static boolean harnessBound(JmhPoint point) {
        return point.metric(HARNESS_BOUND).map(m -> m.score() >= 0.5).orElse(false);
    }

    static Optional<Metric> metric(JmhPoint point, String label) {
        return PRIMARY.equals(label) ? Optional.of(point.primary()) : point.metric(label);
    }

    private static GateRun readOrNote(String side, Path path, List<String> problems) {
        try {
            return GateFiles.readRun(path);
        } catch (ResultsException e) {
            problems.add(side + " " + e.getMessage());
            return GateRun.of(List.of());
        }
    }

    private static Map<String, JmhPoint> index(String side, List<JmhPoint> points, List<String> problems) {
        Map<String, JmhPoint> byKey = new LinkedHashMap<>();
        for (JmhPoint p : points) {
            if (byKey.putIfAbsent(p.key(), p) != null) {
                problems.add("the " + side + " has the same point twice: " + p.key());
            }
        }
        return byKey;
    }

    /** Names the parameters, and the values of each, that differ between the two sides, benchmark by benchmark. */
    private static void parameterDifferences(List<JmhPoint> baseline, List<JmhPoint> current, List<String> problems) {
        Map<String, Map<String, Set<String>>> base = parameterValues(baseline);
        Map<String, Map<String, Set<String>>> cur = parameterValues(current);
        for (Map.Entry<String, Map<String, Set<String>>> e : base.entrySet()) {
            Map<String, Set<String>> other = cur.get(e.getKey());
            if (other == null) {
                continue; // its points are each listed as missing
            }
            if (!e.getValue().keySet().equals(other.keySet())) {
                problems.add("parameters differ for " + e.getKey() + ": the baseline has " + e.getValue().keySet()
                        + ", the current run has " + other.keySet() + " (the benchmark changed: refresh the baseline, docs/gate.md)");
                continue;
            }
            for (String name : e.getValue().keySet()) {
                if (!e.getValue().get(name).equals(other.get(name))) {
                    problems.add("parameter " + name + " of " + e.getKey() + " differs: the baseline has " + e.getValue().get(name)
                            + ", the current run has " + other.get(name));
                }
            }
        }
    }

    private static Map<String, Map<String, Set<String>>> parameterValues(List<JmhPoint> points) {
        Map<String, Map<String, Set<String>>> byBenchmark = new TreeMap<>();
        for (JmhPoint p : points) {
            Map<String, Set<String>> values = byBenchmark.computeIfAbsent(p.benchmark() + " [" + p.mode() + "]", k -> new TreeMap<>());
            p.params().forEach((name, value) -> values.computeIfAbsent(name, k -> new TreeSet<>()).add(value));
        }
        return byBenchmark;
    }

    /**
     * How the yardstick of one metric of one point moved between the two runs.
     *
     * @param yardstick what it is; {@link Yardstick#NONE} when no point of it had the metric
     * @param drift     the median of current / baseline over its points; NaN with none
     * @param spread    the standard deviation of ln(current / baseline) around the drift, the scatter
     *                  between the runs; NaN when too few points to tell
     */
    private record Reference(Yardstick yardstick, double drift, double spread) {
        static final Reference NONE = new Reference(Yardstick.NONE, Double.NaN, Double.NaN);
    }

    /**
     * The points measured in the same runs under the same load: same mode and parameters but the
     * strategy or peer parameter, across benchmarks (a strategy's point and a peer's point with the
     * same width, latency, items, workload and client). How they moved, together, is how the
     * machine moved. Harness-bound points are left out: the machine moves them differently.
     */
    private static final class Yardsticks {
        private final Map<String, List<JmhPoint>> groups = new LinkedHashMap<>();
        private final Map<String, JmhPoint> base;
        private final Map<String, JmhPoint> cur;
        private final String strategyParameter;
        private final String peerParameter;

        Yardsticks(Iterable<JmhPoint> usable, Map<String, JmhPoint> base, Map<String, JmhPoint> cur, GateOptions options) {
            this.base = base;
            this.cur = cur;
            this.strategyParameter = options.strategyParameter();
            this.peerParameter = options.peerParameter();
            for (JmhPoint p : usable) {
                if (isPeer(p) || isStrategy(p)) {
                    groups.computeIfAbsent(group(p), g -> new ArrayList<>()).add(p);
                }
            }
        }

        boolean isPeer(JmhPoint p) {
            return p.params().containsKey(peerParameter);
        }

        private boolean isStrategy(JmhPoint p) {
            return !isPeer(p) && p.params().containsKey(strategyParameter);
        }

        private String group(JmhPoint p) {
            return "[" + p.mode() + "] " + p.params().entrySet().stream()
                    .filter(e -> !e.getKey().equals(peerParameter) && !e.getKey().equals(strategyParameter))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        }

        /** @return what the point is judged against: peers for a strategy where its parameters have any, else the next best */
        Yardstick of(JmhPoint p) {
            List<JmhPoint> group = others(p);
            if (isPeer(p)) {
                return group.stream().anyMatch(this::isPeer) ? Yardstick.OTHER_PEERS : Yardstick.NONE;
            }
            if (!isStrategy(p)) {
                return Yardstick.NONE;
            }
            if (group.stream().anyMatch(this::isPeer)) {
                return Yardstick.PEERS;
            }
            return group.stream().anyMatch(this::isStrategy) ? Yardstick.OTHER_STRATEGIES : Yardstick.NONE;
        }

        /**
         * @return how the point's yardstick moved for this metric; a strategy whose peers all lack the
         *         metric falls back to the other strategies
         */
        Reference reference(JmhPoint p, Yardstick yardstick, String label) {
            List<JmhPoint> others = others(p);
            double[] peers = ratios(others.stream().filter(this::isPeer).toList(), label);
            double[] strategies = ratios(others.stream().filter(this::isStrategy).toList(), label);
            return switch (yardstick) {
                case PEERS -> peers.length == 0
                        ? reference(p, Yardstick.OTHER_STRATEGIES, label)
                        // The strategies' scatter around their own drift: a shared change of the strategies does not widen it.
                        : new Reference(Yardstick.PEERS, Numbers.median(peers), pooledDeviation(logs(peers), logs(strategies)));
                case OTHER_PEERS -> single(Yardstick.OTHER_PEERS, peers);
                case OTHER_STRATEGIES -> single(Yardstick.OTHER_STRATEGIES, strategies);
                case NONE -> Reference.NONE;
            };
        }

        private static Reference single(Yardstick yardstick, double[] ratios) {
            return ratios.length == 0 ? Reference.NONE : new Reference(yardstick, Numbers.median(ratios), pooledDeviation(logs(ratios)));
        }

        /** @return the median in-flight peak, in the baseline, of the points the yardstick is made of: the load it carried; NaN without */
        double peak(JmhPoint p, Yardstick yardstick) {
            Predicate<JmhPoint> member = switch (yardstick) {
                case PEERS, OTHER_PEERS -> this::isPeer;
                case OTHER_STRATEGIES -> this::isStrategy;
                case NONE -> q -> false;
            };
            return Numbers.median(others(p).stream().filter(member).mapToDouble(o -> inFlightPeak(base.get(o.key())))
                    .filter(x -> x > 0).sorted().toArray());
        }

        /** @return the other usable points measured with the same parameters */
        private List<JmhPoint> others(JmhPoint p) {
            return groups.getOrDefault(group(p), List.of()).stream().filter(o -> !o.key().equals(p.key())).toList();
        }

        /** @return current / baseline of the metric for each point that has it, sorted */
        private double[] ratios(List<JmhPoint> points, String label) {
            return points.stream().mapToDouble(o -> ratio(metric(base.get(o.key()), label), metric(cur.get(o.key()), label)))
                    .filter(r -> !Double.isNaN(r)).sorted().toArray();
        }

        private static double ratio(Optional<Metric> b, Optional<Metric> c) {
            if (b.isEmpty() || c.isEmpty() || !b.get().unit().equals(c.get().unit())) {
                return Double.NaN;
            }
            double r = c.get().score() / b.get().score();
            return Double.isFinite(r) && r > 0 && b.get().score() > 0 ? r : Double.NaN;
        }

        private static double[] logs(double[] ratios) {
            return Arrays.stream(ratios).map(Math::log).toArray();
        }

        /**
         * @return the pooled sample standard deviation of the groups, each around its own mean: how
         *         much points scatter between the two runs once each group's drift is taken out; NaN
         *         when no group has two values
         */
        private static double pooledDeviation(double[]... groups) {
            double squares = 0;
            int freedom = 0;
            for (double[] g : groups) {
                if (g.length < 2) {
                    continue;
                }
                double mean = Arrays.stream(g).average().orElse(0);
                squares += Arrays.stream(g).map(x -> (x - mean) * (x - mean)).sum();
                freedom += g.length - 1;
            }
            return freedom == 0 ? Double.NaN : Math.sqrt(squares / freedom);
        }
    }
}
