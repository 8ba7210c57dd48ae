package dev.fanout.reports.gate;

import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.Metric;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Writes a {@link GateResult} for people: Markdown for a pull-request comment, plain text for the console. */
public final class GateOutput {

    /** The parameters that identify a fan-out point, in reading order, with their short prefixes. */
    private static final Map<String, String> KNOWN_PARAMS = knownParams();

    // Rows shown in the open table; unchanged and informational rows fold away under <details>.
    private static final Set<Verdict> OPEN = EnumSet.of(Verdict.REGRESSION, Verdict.GAIN, Verdict.NOT_COMPARABLE,
            Verdict.PEER_MOVED, Verdict.WITHIN_NOISE);

    private GateOutput() {
    }

    /**
     * @return one line: the outcome and its counts, e.g.
     *         {@code FAIL: 2 regressions in 1 of 10 points; 1 gain; tolerance 10%}; a slower harness
     *         and peers that moved are counted too
     */
    public static String summary(GateResult result) {
        List<String> parts = new ArrayList<>();
        int regressions = result.withVerdict(Verdict.REGRESSION).size();
        boolean harnessSlower = result.harness().status() == HarnessComparison.Status.SLOWER;
        String outcome = switch (result.exitCode()) {
            case GateResult.EXIT_PASS -> "PASS: no regression in " + plural(result.pointsCompared(), "point");
            case GateResult.EXIT_REGRESSION -> regressions > 0
                    ? "FAIL: " + plural(regressions, "regression") + " in " + result.pointsRegressed() + " of "
                    + plural(result.pointsCompared(), "point")
                    : "FAIL: the harness is slower; no regression in " + plural(result.pointsCompared(), "point");
            default -> "CANNOT COMPARE: " + plural(result.problems().size(), "problem")
                    + (regressions > 0 ? ", and " + plural(regressions, "regression") + " among the points that compare" : "");
        };
        parts.add(outcome);
        if (harnessSlower && (result.exitCode() != GateResult.EXIT_REGRESSION || regressions > 0)) {
            parts.add(result.harness().fails(result.options()) ? "the harness is slower" : "the harness is slower (not gated)");
        }
        if (result.machine().busy() && regressions > 0) {
            parts.add("the machine was busy (see machine:)");
        }
        int gains = result.withVerdict(Verdict.GAIN).size();
        if (gains > 0) {
            parts.add(plural(gains, "gain"));
        }
        int peerMoves = result.withVerdict(Verdict.PEER_MOVED).size();
        if (peerMoves > 0) {
            parts.add(peerMoves + " peer " + (peerMoves == 1 ? "change" : "changes") + " (not gated)");
        }
        int noisy = result.withVerdict(Verdict.WITHIN_NOISE).size();
        if (noisy > 0) {
            parts.add(noisy + " within noise");
        }
        parts.add("tolerance " + GateOptions.percent(result.options().tolerance()));
        return String.join("; ", parts);
    }

    /**
     * @return one line: what the points were judged against, e.g. {@code peers jdk-fixed-pool,
     *         reactor-flatmap: every point is judged against them}, with the warning when some or
     *         all points had no peers
     */
    public static String yardstick(GateResult result) {
        String peers = result.peers().isEmpty() ? "" : "peers " + String.join(", ", result.peers());
        if (result.yardstickWarning().isPresent()) {
            return (peers.isEmpty() ? "" : peers + "; ") + "WARNING: " + result.yardstickWarning().get();
        }
        if (peers.isEmpty()) {
            return "none: the runs had nothing to judge against";
        }
        return peers + " (plain-JDK and Reactor fan-outs in the same runs): every point is judged against them, so a slower"
                + " machine cancels out and a change shared by every strategy does not";
    }

    /**
     * @return Markdown for a pull-request comment or {@code $GITHUB_STEP_SUMMARY}: the summary line,
     *         the problems, then a table of what moved (regressions first, then gains, then the
     *         rest) and, folded, the unchanged and the informational rows
     */
    public static String markdown(GateResult result) {
        StringBuilder md = new StringBuilder();
        String summary = summary(result);
        int colon = summary.indexOf(':');
        md.append("**Performance gate: ").append(summary, 0, colon).append("**").append(summary.substring(colon)).append("\n\n");
        if (!result.comparisons().isEmpty()) {
            if (result.yardstickWarning().isPresent()) {
                md.append("> **Warning:** ").append(cell(result.yardstickWarning().get())).append(".\n\n");
            }
            if (!result.peers().isEmpty()) {
                md.append("**Yardstick:** the peers ").append(result.peers().stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")))
                        .append(", plain-JDK and Reactor fan-outs measured in the same runs: a slower machine moves them and the"
                                + " strategies alike.\n\n");
            }
            HarnessComparison harness = result.harness();
            md.append(harness.status() == HarnessComparison.Status.SLOWER ? "**Harness (slower):**" : "**Harness:**")
                    .append(' ').append(cell(harness.text())).append(".\n\n");
            md.append(result.machine().busy() ? "> **Machine (busy):** " : "**Machine:** ").append(cell(result.machine().text()))
                    .append(".\n\n");
        }
        if (!result.problems().isEmpty()) {
            md.append("The comparison cannot be made:\n\n");
            result.problems().forEach(p -> md.append("- ").append(cell(p)).append('\n'));
            md.append('\n');
        }
        boolean withBenchmark = severalBenchmarks(result);
        List<MetricComparison> ranked = result.ranked();
        List<MetricComparison> open = ranked.stream().filter(r -> OPEN.contains(r.verdict())).toList();
        if (!open.isEmpty()) {
            table(md, open, withBenchmark);
            md.append('\n');
        } else if (!ranked.isEmpty()) {
            md.append("No gated metric moved beyond the tolerance and the noise.\n\n");
        }
        List<MetricComparison> unchanged = ranked.stream().filter(r -> r.verdict() == Verdict.UNCHANGED).toList();
        fold(md, unchanged, unchanged.size() + " unchanged", withBenchmark);
        // Informational rows that did not move carry nothing for a pull request; the report has them all.
        double tolerance = result.options().tolerance();
        List<MetricComparison> informational = ranked.stream().filter(r -> r.verdict() == Verdict.NOT_GATED).toList();
        List<MetricComparison> moved = informational.stream().filter(r -> !(Math.abs(r.change()) <= tolerance)).toList();
        fold(md, moved, moved.size() + " not gated that moved beyond ±" + GateOptions.percent(tolerance)
                + " (" + (informational.size() - moved.size()) + " more did not)", withBenchmark);
        md.append("Direction comes from each metric's unit. Each strategy is judged against its yardstick, the peers where the"
                + " runs have them: a slower machine moves both and cancels out, a slower strategy or run machinery does not."
                + " See docs/gate.md.\n");
        return md.toString();
    }

    /**
     * @return plain text for the console: the summary, the yardstick and harness lines, each
     *         regression, gain, peer change and noisy change, and each problem
     */
    public static String console(GateResult result) {
        StringBuilder out = new StringBuilder("gate: ").append(summary(result)).append('\n');
        if (!result.comparisons().isEmpty()) {
            out.append("yardstick: ").append(yardstick(result)).append('\n');
            out.append("harness: ").append(result.harness().text()).append('\n');
            out.append("machine: ").append(result.machine().text()).append('\n');
        }
        boolean withBenchmark = severalBenchmarks(result);
        for (MetricComparison r : result.ranked()) {
            if (r.verdict() == Verdict.REGRESSION || r.verdict() == Verdict.GAIN || r.verdict() == Verdict.PEER_MOVED
                    || r.verdict() == Verdict.WITHIN_NOISE) {
                out.append(String.format("  %-12s %s  %s  %s -> %s  %s: %s%n", r.verdict().text(), pointLabel(r.point(), withBenchmark),
                        metricLabel(r), value(r.baseline()), value(r.current()), change(r), r.reason()));
            }
        }
        if (!result.problems().isEmpty()) {
            out.append("the comparison cannot be made:\n");
            result.problems().forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return out.toString();
    }

    /**
     * @return a point as people name it: {@code semaphore w16 fixed:20ms n200}, other parameters as
     *         {@code name=value}, the benchmark method first when the results hold several
     */
    public static String pointLabel(JmhPoint point, boolean withBenchmark) {
        List<String> parts = new ArrayList<>();
        if (withBenchmark) {
            String b = point.benchmark();
            parts.add(b.substring(b.lastIndexOf('.') + 1) + " [" + point.mode() + "]");
        }
        KNOWN_PARAMS.forEach((name, prefix) -> point.param(name).ifPresent(v -> parts.add(prefix + v)));
        point.params().forEach((name, value) -> {
            if (!KNOWN_PARAMS.containsKey(name)) {
                parts.add(name + "=" + value);
            }
        });
        if (parts.isEmpty()) {
            parts.add(point.benchmark().substring(point.benchmark().lastIndexOf('.') + 1) + " [" + point.mode() + "]");
        }
        return String.join(" ", parts);
    }

    private static void table(StringBuilder md, List<MetricComparison> rows, boolean withBenchmark) {
        md.append("| Point | Metric | Baseline | Current | Change | Yardstick | Verdict | Why |\n");
        md.append("|---|---|--:|--:|--:|---|---|---|\n");
        for (MetricComparison r : rows) {
            String verdict = r.verdict() == Verdict.REGRESSION ? "**" + r.verdict().text() + "**" : r.verdict().text();
            md.append("| ").append(cell(pointLabel(r.point(), withBenchmark)))
                    .append(" | ").append(cell(metricLabel(r)))
                    .append(" | ").append(cell(value(r.baseline())))
                    .append(" | ").append(cell(value(r.current())))
                    .append(" | ").append(cell(change(r)))
                    .append(" | ").append(r.verdict() == Verdict.NOT_GATED ? "-" : r.yardstick().text())
                    .append(" | ").append(verdict)
                    .append(" | ").append(cell(r.reason()))
                    .append(" |\n");
        }
    }

    private static void fold(StringBuilder md, List<MetricComparison> rows, String summary, boolean withBenchmark) {
        if (!rows.isEmpty()) {
            md.append("<details><summary>").append(cell(summary)).append("</summary>\n\n");
            table(md, rows, withBenchmark);
            md.append("\n</details>\n\n");
        }
    }

    private static String metricLabel(MetricComparison r) {
        String unit = r.unit();
        String name = r.metric();
        if (Gate.PRIMARY.equals(name)) {
            name = unit.startsWith("ops/") ? "throughput" : unit.endsWith("/op") ? "time" : "score";
        }
        return unit.isEmpty() ? name : name + " (" + unit + ")";
    }

    private static String value(Metric m) {
        if (m == null) {
            return "-";
        }
        double e = m.error();
        return Numbers.format(m.score()) + (Double.isNaN(e) ? " ± ?" : " ± " + Numbers.format(e));
    }

    /** The change as measured, and against the yardstick when it moved. */
    private static String change(MetricComparison r) {
        String measured = Numbers.signedPercent(r.change());
        double judged = r.judgedChange();
        boolean showJudged = !Double.isNaN(r.drift()) && Double.isFinite(judged) && Math.abs(judged - r.change()) >= 0.001;
        return showJudged ? measured + " (" + Numbers.signedPercent(judged) + " vs " + r.yardstick().text() + ")" : measured;
    }

    private static boolean severalBenchmarks(GateResult result) {
        // By the method's simple name: a strategy's and a peer's benchmark both call theirs fanOut, and the name tells them apart.
        return result.comparisons().stream().map(r -> r.point().benchmark().substring(r.point().benchmark().lastIndexOf('.') + 1)
                + " " + r.point().mode()).distinct().count() > 1;
    }

    /** A Markdown table cell: pipes escaped, on one line. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ');
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Map<String, String> knownParams() {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("strategy", "");
        known.put("peer", "");
        known.put("workload", "");
        known.put("client", "");
        known.put("width", "w");
        known.put("latency", "");
        known.put("items", "n");
        return known;
    }
}
