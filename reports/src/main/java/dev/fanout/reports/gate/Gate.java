package dev.fanout.reports.gate;

import dev.fanout.reports.ResultsException;
import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.Metric;

import java.nio.file.Path;
import java.util.ArrayList;
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
 *   <li>every gated metric, efficiency included, is judged against its peers — the other
 *       strategies with the same parameters in the same run: the median of their changes is the
 *       machine's drift and is divided out, so a slower machine cancels and a slower strategy does
 *       not; and the point must move from them by more than {@value #PEER_SCATTER_FACTOR} times
 *       their own scatter between the runs. Without peers a machine-dependent metric counts only
 *       when the confidence intervals are apart by more than the tolerance;</li>
 *   <li>at a harness-bound point (flag {@value #HARNESS_BOUND} set in either run) the machine's
 *       CPU sets throughput and latency, so only efficiency, calibrated on the same machine, is
 *       gated there, and the point is nobody's peer;</li>
 *   <li>a change must also be beyond the noise the two runs show: where both carry JMH's
 *       per-iteration samples, Welch's t-test at the one-sided level {@value NoiseTest#SIGNIFICANCE}
 *       ({@link NoiseTest}); without samples, and for absolute numbers without peers, the two
 *       confidence intervals (score ± scoreError) must not overlap. An unknown error (NaN: JMH had
 *       fewer than three samples) is taken to be as large as the tolerance; an infinite one is
 *       never beyond.</li>
 * </ol>
 */
public final class Gate {

    static final String PRIMARY = "primary";

    /** The benchmark's flag for a point where the harness, not the strategy, is the limit (docs/results-format.md). */
    static final String HARNESS_BOUND = "harnessBound";

    private Gate() {
    }

    /**
     * Reads both sides ({@link GateFiles#read(Path)}: a JMH JSON file or a results folder) and
     * compares them. A side that cannot be read is a problem of the result (exit code 2), not an
     * exception, so both sides' problems are listed at once.
     */
    public static GateResult compareFiles(Path baseline, Path current, GateOptions options) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(options, "options");
        List<String> problems = new ArrayList<>();
        List<JmhPoint> base = readOrNote("baseline", baseline, problems);
        List<JmhPoint> cur = readOrNote("current run", current, problems);
        return problems.isEmpty() ? compare(base, cur, options) : new GateResult(List.of(), problems, 0, options);
    }

    /** Compares two lists of points, as read from JMH JSON files. */
    public static GateResult compare(List<JmhPoint> baseline, List<JmhPoint> current, GateOptions options) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(options, "options");
        List<String> problems = new ArrayList<>();
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
        Peers peers = new Peers(matched.values().stream().filter(p -> !harnessBound.contains(p.key())).toList(),
                base, cur, options.peerParameter());
        List<MetricComparison> rows = new ArrayList<>();
        for (JmhPoint b : matched.values()) {
            JmhPoint c = cur.get(b.key());
            Set<String> labels = new LinkedHashSet<>();
            labels.add(PRIMARY);
            labels.addAll(b.secondary().keySet());
            labels.addAll(c.secondary().keySet());
            for (String label : labels) {
                rows.add(compareMetric(b, label, metric(b, label).orElse(null), metric(c, label).orElse(null),
                        peers, harnessBound.contains(b.key()), options.tolerance(), problems));
            }
        }
        return new GateResult(rows, problems, matched.size(), options);
    }

    private static MetricComparison compareMetric(JmhPoint point, String label, Metric b, Metric c, Peers peers,
                                                  boolean harnessBound, double tolerance, List<String> problems) {
        MetricRule rule = MetricRule.forMetric(label, (b != null ? b : c).unit());
        if (harnessBound && rule.gated() && !rule.machineIndependent()) {
            rule = new MetricRule(Direction.INFORMATIONAL, false, "harness-bound: the machine sets it here; efficiency judges this point");
        }
        if (b == null) {
            return new MetricComparison(point, label, rule, null, c, Double.NaN, Double.NaN, Verdict.NOT_GATED, "new: not in the baseline");
        }
        if (c == null) {
            return unusable(point, label, rule, b, null, "not in the current run", problems);
        }
        if (!b.unit().equals(c.unit())) {
            return unusable(point, label, rule, b, c, "unit changed from " + b.unit() + " to " + c.unit(), problems);
        }
        double change = b.score() == c.score() ? 0 : c.score() / b.score() - 1; // 0 -> 0 is no change, not NaN
        if (!rule.gated()) {
            return new MetricComparison(point, label, rule, b, c, change, Double.NaN, Verdict.NOT_GATED, rule.note());
        }
        if (!Double.isFinite(b.score()) || b.score() <= 0) {
            return unusable(point, label, rule, b, c, "baseline score is " + Numbers.format(b.score()) + ": nothing to compare a change with", problems);
        }
        if (!Double.isFinite(c.score()) || c.score() < 0) {
            return unusable(point, label, rule, b, c, "current score is " + Numbers.format(c.score()) + ": the run did not measure it", problems);
        }
        // Efficiency too: calibrated or not, a loaded machine lowers every concurrent strategy's (measured).
        double drift = peers.drift(point.key(), label);
        double spread = peers.spread(point.key(), label);
        return judge(point, label, rule, b, c, change, drift, spread, tolerance * rule.toleranceFactor());
    }

    /** A gated metric that cannot be compared is a problem; an informational one is merely shown. */
    private static MetricComparison unusable(JmhPoint point, String label, MetricRule rule, Metric b, Metric c,
                                             String why, List<String> problems) {
        if (!rule.gated()) {
            return new MetricComparison(point, label, rule, b, c, Double.NaN, Double.NaN, Verdict.NOT_GATED, why);
        }
        problems.add(point.key() + ": " + label + ": " + why);
        return new MetricComparison(point, label, rule, b, c, Double.NaN, Double.NaN, Verdict.NOT_COMPARABLE, why);
    }

    /**
     * How far, in multiples of the peers' own scatter between the two runs, a point must move from
     * them to count. The peers are measured in the same two runs: how much they scatter around
     * their common drift is how much any point scatters from one run to the next, a noise the
     * iterations of one run cannot show.
     */
    static final double PEER_SCATTER_FACTOR = 2.0;

    private static MetricComparison judge(JmhPoint point, String label, MetricRule rule, Metric b, Metric c,
                                          double change, double drift, double spread, double tolerance) {
        if (Math.abs(change) <= tolerance) {
            return new MetricComparison(point, label, rule, b, c, change, drift, Verdict.UNCHANGED, "within ±" + GateOptions.percent(tolerance));
        }
        boolean withPeers = !Double.isNaN(drift);
        double scale = withPeers ? drift : 1;
        double expected = b.score() * scale;
        double judged = c.score() / expected - 1;
        if (withPeers && (Math.abs(judged) <= tolerance || (judged > 0) != (change > 0))) {
            // The peers moved as much: the machine, not the code.
            return new MetricComparison(point, label, rule, b, c, change, drift, Verdict.UNCHANGED,
                    "moved with its peers (" + Numbers.signedPercent(drift - 1) + "): the machine");
        }
        if (withPeers && Double.isFinite(spread) && Math.abs(Math.log(c.score() / expected)) <= PEER_SCATTER_FACTOR * spread) {
            return new MetricComparison(point, label, rule, b, c, change, drift, Verdict.WITHIN_NOISE,
                    "its peers scattered as much between the runs (" + Numbers.signedPercent(judged)
                            + " against them; their scatter ±" + Numbers.signedPercent(Math.exp(spread) - 1).substring(1) + ")");
        }
        boolean up = judged > 0;
        // Absolute numbers with nothing to cancel the machine against need their intervals apart by the tolerance.
        boolean absolute = !rule.machineIndependent() && !withPeers;
        String noiseNote;
        if (!absolute && NoiseTest.applicable(b, c)) {
            double p = NoiseTest.pValue(b, c, scale);
            if (!(p < NoiseTest.SIGNIFICANCE)) {
                return new MetricComparison(point, label, rule, b, c, change, drift, Verdict.WITHIN_NOISE,
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
                        ? "confidence intervals not " + GateOptions.percent(tolerance) + " apart, and no peers to cancel the machine"
                        : "inside the confidence intervals";
                return new MetricComparison(point, label, rule, b, c, change, drift, Verdict.WITHIN_NOISE, why + noiseNote);
            }
        }
        boolean better = up == (rule.direction() == Direction.HIGHER_IS_BETTER);
        String why = "beyond ±" + GateOptions.percent(tolerance) + " and the noise"
                + (withPeers ? "; " + Numbers.signedPercent(judged) + " against its peers" : "")
                + (absolute ? "; no peers, intervals apart by more than " + GateOptions.percent(tolerance) : "")
                + noiseNote;
        return new MetricComparison(point, label, rule, b, c, change, drift, better ? Verdict.GAIN : Verdict.REGRESSION, why);
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

    private static boolean harnessBound(JmhPoint point) {
        return point.metric(HARNESS_BOUND).map(m -> m.score() >= 0.5).orElse(false);
    }

    static Optional<Metric> metric(JmhPoint point, String label) {
        return PRIMARY.equals(label) ? Optional.of(point.primary()) : point.metric(label);
    }

    private static List<JmhPoint> readOrNote(String side, Path path, List<String> problems) {
        try {
            return GateFiles.read(path);
        } catch (ResultsException e) {
            problems.add(side + " " + e.getMessage());
            return List.of();
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
                        + ", the current run has " + other.keySet());
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
     * The points measured in the same run under the same load: same benchmark, mode and parameters
     * but the peer parameter. How they moved, together, is how the machine moved.
     */
    private static final class Peers {
        private final Map<String, List<String>> keysByGroup = new LinkedHashMap<>();
        private final Map<String, String> groupByKey = new LinkedHashMap<>();
        private final Map<String, JmhPoint> base;
        private final Map<String, JmhPoint> cur;

        Peers(Iterable<JmhPoint> matched, Map<String, JmhPoint> base, Map<String, JmhPoint> cur, String peerParameter) {
            this.base = base;
            this.cur = cur;
            for (JmhPoint p : matched) {
                if (!p.params().containsKey(peerParameter)) {
                    continue;
                }
                String group = p.benchmark() + " [" + p.mode() + "] " + p.params().entrySet().stream()
                        .filter(e -> !e.getKey().equals(peerParameter))
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
                groupByKey.put(p.key(), group);
                keysByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(p.key());
            }
        }

        /** @return the median of current / baseline of the metric over the point's peers; NaN when none has it */
        double drift(String key, String label) {
            return Numbers.median(peerRatios(key, label));
        }

        /**
         * @return the sample standard deviation of ln(current / baseline) over the point's peers:
         *         how much points scatter between the two runs; NaN with fewer than two peers
         */
        double spread(String key, String label) {
            double[] logs = java.util.Arrays.stream(peerRatios(key, label)).map(Math::log).toArray();
            if (logs.length < 2) {
                return Double.NaN;
            }
            double mean = java.util.Arrays.stream(logs).average().orElse(0);
            double sum = java.util.Arrays.stream(logs).map(x -> (x - mean) * (x - mean)).sum();
            return Math.sqrt(sum / (logs.length - 1));
        }

        /** @return current / baseline of the metric for each of the point's peers that has it, sorted */
        private double[] peerRatios(String key, String label) {
            String group = groupByKey.get(key);
            if (group == null) {
                return new double[0];
            }
            return keysByGroup.get(group).stream().filter(k -> !k.equals(key))
                    .mapToDouble(k -> ratio(metric(base.get(k), label), metric(cur.get(k), label)))
                    .filter(r -> !Double.isNaN(r)).sorted().toArray();
        }

        private static double ratio(Optional<Metric> b, Optional<Metric> c) {
            if (b.isEmpty() || c.isEmpty() || !b.get().unit().equals(c.get().unit())) {
                return Double.NaN;
            }
            double r = c.get().score() / b.get().score();
            return Double.isFinite(r) && r > 0 && b.get().score() > 0 ? r : Double.NaN;
        }
    }
}
