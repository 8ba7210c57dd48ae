package dev.fanout.reports.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.fanout.reports.gate.SyntheticRun.at;
import static dev.fanout.reports.gate.SyntheticRun.strategy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule, on JMH files written the way the benchmark writes them and read back through the real reader. */
class GateTest {

    private static final String KEY_PREFIX = SyntheticRun.BENCHMARK + " [thrpt] items=200 latency=fixed:20ms ";

    @TempDir
    Path dir;

    /** The baseline as a JMH file, the current run as a results folder: the way CI calls the gate. */
    private GateResult gate(SyntheticRun baseline, SyntheticRun current) {
        return gate(baseline, current, GateOptions.defaults());
    }

    private GateResult gate(SyntheticRun baseline, SyntheticRun current, GateOptions options) {
        Path base = baseline.write(dir.resolve("baseline.json"));
        Path folder = dir.resolve("current");
        current.write(folder.resolve("jmh.json"));
        return Gate.compareFiles(base, folder, options);
    }

    private static Set<String> verdicts(GateResult result, Verdict verdict) {
        return result.withVerdict(verdict).stream()
                .map(r -> GateOutput.pointLabel(r.point(), false) + " " + r.metric()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void identicalResultsPass() {
        GateResult result = gate(SyntheticRun.smoke(), SyntheticRun.smoke());
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), result.problems().toString());
        assertEquals(10, result.pointsCompared());
        assertTrue(result.comparisons().stream().filter(r -> r.rule().gated()).allMatch(r -> r.verdict() == Verdict.UNCHANGED));
        // throughput, efficiency and six latencies (p50, p90, p99 of service and sojourn) per point
        assertEquals(80, result.withVerdict(Verdict.UNCHANGED).size());
    }

    @Test
    void twentyPercentLossFails() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult result = gate(base, base.faster(at("semaphore", 16), 0.8));
        assertEquals(GateResult.EXIT_REGRESSION, result.exitCode());
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary", "semaphore w16 fixed:20ms n200 efficiency",
                "semaphore w16 fixed:20ms n200 sojourn.p50", "semaphore w16 fixed:20ms n200 sojourn.p90",
                "semaphore w16 fixed:20ms n200 sojourn.p99"), verdicts(result, Verdict.REGRESSION));
        assertEquals(1, result.pointsRegressed());
        MetricComparison throughput = result.ranked().stream().filter(r -> r.metric().equals("primary")).findFirst().orElseThrow();
        assertEquals(-0.2, throughput.change(), 1e-9);
    }

    @Test
    void twentyPercentGainPassesAndIsAGain() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult result = gate(base, base.faster(at("structured", 4), 1.2));
        assertEquals(GateResult.EXIT_PASS, result.exitCode());
        assertTrue(verdicts(result, Verdict.GAIN).containsAll(Set.of("structured w4 fixed:20ms n200 primary",
                "structured w4 fixed:20ms n200 efficiency", "structured w4 fixed:20ms n200 sojourn.p90")), verdicts(result, Verdict.GAIN).toString());
        // the tail's 1/1.2 = -16.7% is inside its doubled tolerance of 20%
        assertTrue(verdicts(result, Verdict.UNCHANGED).contains("structured w4 fixed:20ms n200 sojourn.p99"));
        assertEquals(Set.of(), verdicts(result, Verdict.REGRESSION));
    }

    @Test
    void aDifferenceInsideTheScoreErrorPasses() {
        // 15% slower, beyond the tolerance, but inside each run's score error of ±20%: noise can explain it.
        SyntheticRun base = SyntheticRun.smoke().relativeError(at("semaphore", 16), "primary", 0.20)
                .relativeError(at("semaphore", 16), "efficiency", 0.20);
        SyntheticRun current = base.scale(at("semaphore", 16), "primary", 0.85).scale(at("semaphore", 16), "efficiency", 0.85);
        GateResult result = gate(base, current);
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), GateOutput.console(result));
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary", "semaphore w16 fixed:20ms n200 efficiency"),
                verdicts(result, Verdict.WITHIN_NOISE));
        assertTrue(result.withVerdict(Verdict.WITHIN_NOISE).getFirst().reason().contains("Welch's t-test"));
    }

    @Test
    void aChangeBeyondTheIterationsNoiseFailsEvenWhereTheIntervalsOverlap() {
        // 15% slower with ±10% intervals: the 99.9% intervals overlap, but ten iterations a side say
        // the means differ far beyond their spread (Welch's t-test, p well below 0.001).
        SyntheticRun base = SyntheticRun.smoke().relativeError(at("semaphore", 16), "primary", 0.10)
                .relativeError(at("semaphore", 16), "efficiency", 0.10);
        SyntheticRun current = base.scale(at("semaphore", 16), "primary", 0.85).scale(at("semaphore", 16), "efficiency", 0.85);
        GateResult result = gate(base, current);
        assertEquals(GateResult.EXIT_REGRESSION, result.exitCode(), GateOutput.console(result));
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary", "semaphore w16 fixed:20ms n200 efficiency"),
                verdicts(result, Verdict.REGRESSION));
    }

    @Test
    void aMissingPointOnEitherSideCannotBeCompared() {
        SyntheticRun base = SyntheticRun.smoke();
        SyntheticRun current = base.drop(at("semaphore", 16)).plus(SyntheticRun.of(List.of("hedged"), List.of(16)));
        GateResult result = gate(base, current);
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, result.exitCode());
        assertTrue(result.problems().contains("point missing from the current run: " + KEY_PREFIX + "strategy=semaphore width=16"), result.problems().toString());
        assertTrue(result.problems().contains("point missing from the baseline: " + KEY_PREFIX + "strategy=hedged width=16"), result.problems().toString());
        assertEquals(9, result.pointsCompared(), "the points on both sides are still compared");
    }

    @Test
    void differentParameterSetsCannotBeCompared() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult names = gate(base, base.param("faults", "0"));
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, names.exitCode());
        assertTrue(names.problems().getFirst().startsWith("parameters differ for " + SyntheticRun.BENCHMARK + " [thrpt]: the baseline has [items, latency, strategy, width], the current run has [faults, items, latency, strategy, width]"),
                names.problems().getFirst());
        assertEquals(1 + 10 + 10, names.problems().size(), "the cause, then every point on each side");

        GateResult values = gate(base, SyntheticRun.of(SyntheticRun.STRATEGIES, List.of(4, 32)));
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, values.exitCode());
        assertTrue(values.problems().contains("parameter width of " + SyntheticRun.BENCHMARK + " [thrpt] differs: the baseline has [16, 4], the current run has [32, 4]"),
                values.problems().toString());
    }

    @Test
    void aUniformlySlowerMachineDoesNotFail() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult result = gate(base, base.onMachine(0.6));
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), GateOutput.console(result));
        MetricComparison throughput = result.comparisons().getFirst();
        assertEquals(-0.4, throughput.change(), 1e-9);
        assertEquals(0.6, throughput.drift(), 1e-9);
        assertEquals(Yardstick.OTHER_STRATEGIES, throughput.yardstick());
        assertTrue(throughput.reason().contains("moved with the other strategies"), throughput.reason());
    }

    @Test
    void oneStrategySlowerFailsEvenWithoutEfficiency() {
        // No efficiency metric: only the comparison with the other strategies of the same run can see it.
        SyntheticRun base = SyntheticRun.smoke().without("efficiency");
        GateResult result = gate(base, base.faster(strategy("worker-pool"), 0.75));
        assertEquals(GateResult.EXIT_REGRESSION, result.exitCode());
        assertTrue(result.withVerdict(Verdict.REGRESSION).stream().allMatch(r -> r.point().param("strategy").orElseThrow().equals("worker-pool")));
        assertTrue(verdicts(result, Verdict.REGRESSION).containsAll(Set.of("worker-pool w4 fixed:20ms n200 primary", "worker-pool w16 fixed:20ms n200 primary")));

        // The same strategy change on a machine 40% slower: the machine cancels, the strategy does not.
        GateResult slowerMachine = gate(base, base.onMachine(0.6).faster(strategy("worker-pool"), 0.75));
        assertEquals(verdicts(result, Verdict.REGRESSION), verdicts(slowerMachine, Verdict.REGRESSION));
    }

    @Test
    void peersThatGotFasterDoNotMakeAnUnchangedStrategyARegression() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult result = gate(base, base.faster(strategy("sequential").negate(), 1.3));
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), GateOutput.console(result));
        assertTrue(result.comparisons().stream().filter(r -> r.point().param("strategy").orElseThrow().equals("sequential"))
                .allMatch(r -> r.verdict() == Verdict.UNCHANGED || r.verdict() == Verdict.NOT_GATED));

        // Faster itself, only less so than its peers: -18% against them, but nothing got slower.
        GateResult lessFaster = gate(base, base.faster(strategy("sequential").negate(), 1.4).faster(strategy("sequential"), 1.15));
        assertEquals(GateResult.EXIT_PASS, lessFaster.exitCode(), GateOutput.console(lessFaster));
        MetricComparison sequential = lessFaster.comparisons().getFirst();
        assertEquals(0.15, sequential.change(), 1e-9);
        assertEquals(1.15 / 1.4 - 1, sequential.judgedChange(), 1e-9);
        assertEquals(Verdict.UNCHANGED, sequential.verdict());
    }

    @Test
    void atAHarnessBoundPointOnlyEfficiencyIsGated() {
        // all-at-once at the harness's capacity: the machine's CPU sets its throughput, so a slower
        // machine drops it alone while the latency-bound strategies barely move.
        SyntheticRun base = SyntheticRun.smoke().set(strategy("all-at-once"), "harnessBound", 1, 0);
        GateResult slowerMachine = gate(base, base.onMachine(0.95).scale(strategy("all-at-once"), "primary", 0.65 / 0.95)
                .scale(strategy("all-at-once"), "sojourn.p99", 0.95 / 0.65));
        assertEquals(GateResult.EXIT_PASS, slowerMachine.exitCode(), GateOutput.console(slowerMachine));
        MetricComparison throughput = slowerMachine.comparisons().stream()
                .filter(r -> r.metric().equals("primary") && r.point().param("strategy").orElseThrow().equals("all-at-once")).findFirst().orElseThrow();
        assertEquals(Verdict.NOT_GATED, throughput.verdict());
        assertTrue(throughput.reason().startsWith("harness-bound"), throughput.reason());

        GateResult lessEfficient = gate(base, base.faster(strategy("all-at-once"), 0.7));
        assertEquals(Set.of("all-at-once w4 fixed:20ms n200 efficiency", "all-at-once w16 fixed:20ms n200 efficiency"),
                verdicts(lessEfficient, Verdict.REGRESSION));
    }

    @Test
    void aHarnessBoundPointIsNobodysPeer() {
        // Were all-at-once (harness-bound, 40% slower with the machine) a peer, semaphore's 25% loss
        // would look like a gain against it.
        SyntheticRun base = SyntheticRun.of(List.of("semaphore", "all-at-once"), List.of(16)).without("efficiency")
                .set(strategy("all-at-once"), "harnessBound", 1, 0);
        GateResult result = gate(base, base.scale(strategy("all-at-once"), "primary", 0.6).scale(strategy("semaphore"), "primary", 0.75));
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary"), verdicts(result, Verdict.REGRESSION));
        assertTrue(Double.isNaN(result.withVerdict(Verdict.REGRESSION).getFirst().drift()));
    }

    @Test
    void aLongerTailLatencyFailsAndAShorterOneIsAGain() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult longer = gate(base, base.scale(at("semaphore", 4), "sojourn.p99", 1.3));
        assertEquals(GateResult.EXIT_REGRESSION, longer.exitCode());
        assertEquals(Set.of("semaphore w4 fixed:20ms n200 sojourn.p99"), verdicts(longer, Verdict.REGRESSION));
        assertEquals(Direction.LOWER_IS_BETTER, longer.withVerdict(Verdict.REGRESSION).getFirst().rule().direction());

        GateResult shorter = gate(base, base.scale(at("semaphore", 4), "sojourn.p99", 0.7));
        assertEquals(GateResult.EXIT_PASS, shorter.exitCode());
        assertEquals(Set.of("semaphore w4 fixed:20ms n200 sojourn.p99"), verdicts(shorter, Verdict.GAIN));
    }

    @Test
    void noisyMaximaAreShownButNeverGated() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult result = gate(base, base.scale(at("semaphore", 4), "sojourn.max", 3).scale(at("semaphore", 4), "service.p999", 3));
        assertEquals(GateResult.EXIT_PASS, result.exitCode());
        MetricComparison max = result.comparisons().stream()
                .filter(r -> r.metric().equals("sojourn.max") && r.point().param("strategy").orElseThrow().equals("semaphore") && r.point().param("width").orElseThrow().equals("4"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.NOT_GATED, max.verdict());
        assertEquals(2.0, max.change(), 1e-9);
    }

    @Test
    void timePerOperationGettingSmallerIsAGain() {
        SyntheticRun base = SyntheticRun.smoke().averageTime();
        GateResult smaller = gate(base, base.scale(at("semaphore", 16), "primary", 0.8));
        assertEquals(GateResult.EXIT_PASS, smaller.exitCode());
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary"), verdicts(smaller, Verdict.GAIN));

        GateResult larger = gate(base, base.scale(at("semaphore", 16), "primary", 1.25));
        assertEquals(GateResult.EXIT_REGRESSION, larger.exitCode());
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary"), verdicts(larger, Verdict.REGRESSION));
    }

    @Test
    void throughputIsBiggerIsBetterUnlikeTheCommonAction() {
        // Trap 11: github-action-benchmark (its issue #365) treats every JMH score as smaller-is-better.
        SyntheticRun base = SyntheticRun.smoke().without("efficiency");
        GateResult up = gate(base, base.scale(at("semaphore", 16), "primary", 1.25));
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary"), verdicts(up, Verdict.GAIN));
        assertEquals(Set.of(), verdicts(up, Verdict.REGRESSION));
        GateResult down = gate(base, base.scale(at("semaphore", 16), "primary", 0.75));
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary"), verdicts(down, Verdict.REGRESSION));
    }

    @Test
    void withoutPeersAbsoluteThroughputNeedsIntervalsApartByTheTolerance() {
        SyntheticRun base = SyntheticRun.of(List.of("semaphore"), List.of(16)).without("efficiency");
        // 12% slower with ±2% intervals: apart, but by less than 10% once the intervals are counted.
        GateResult close = gate(base, base.scale(p -> true, "primary", 0.88));
        assertEquals(GateResult.EXIT_PASS, close.exitCode());
        assertEquals(Verdict.WITHIN_NOISE, close.comparisons().getFirst().verdict());
        assertTrue(close.comparisons().getFirst().reason().contains("no yardstick"), close.comparisons().getFirst().reason());
        assertEquals(Yardstick.NONE, close.comparisons().getFirst().yardstick());
        // 30% slower: nothing but the code or the machine explains it, and with one strategy the gate cannot tell which.
        GateResult far = gate(base, base.scale(p -> true, "primary", 0.7));
        assertEquals(GateResult.EXIT_REGRESSION, far.exitCode());
    }

    @Test
    void unknownNoiseIsTakenAsLargeAsTheTolerance() {
        SyntheticRun base = SyntheticRun.smoke().error(at("semaphore", 16), "primary", Double.NaN)
                .error(at("semaphore", 16), "efficiency", Double.NaN);
        GateResult slightly = gate(base, base.scale(at("semaphore", 16), "primary", 0.85).scale(at("semaphore", 16), "efficiency", 0.85));
        assertEquals(GateResult.EXIT_PASS, slightly.exitCode(), GateOutput.console(slightly));
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary", "semaphore w16 fixed:20ms n200 efficiency"), verdicts(slightly, Verdict.WITHIN_NOISE));
        assertTrue(slightly.withVerdict(Verdict.WITHIN_NOISE).getFirst().reason().contains("noise unknown"));

        GateResult clearly = gate(base, base.scale(at("semaphore", 16), "primary", 0.7).scale(at("semaphore", 16), "efficiency", 0.7));
        assertEquals(GateResult.EXIT_REGRESSION, clearly.exitCode());
    }

    @Test
    void infiniteNoiseNeverFailsAndNegativeNoiseIsUnknown() {
        SyntheticRun base = SyntheticRun.smoke().without("efficiency");
        GateResult unbounded = gate(base, base.scale(at("semaphore", 16), "primary", 0.5)
                .error(at("semaphore", 16), "primary", Double.POSITIVE_INFINITY));
        assertEquals(GateResult.EXIT_PASS, unbounded.exitCode());
        assertTrue(unbounded.withVerdict(Verdict.WITHIN_NOISE).getFirst().reason().contains("unbounded"));

        SyntheticRun slower = base.scale(at("semaphore", 16), "primary", 0.8);
        GateResult negative = gate(base, slower.error(at("semaphore", 16), "primary", Double.NEGATIVE_INFINITY));
        GateResult unknown = gate(base, slower.error(at("semaphore", 16), "primary", Double.NaN));
        assertEquals(verdicts(unknown, Verdict.REGRESSION), verdicts(negative, Verdict.REGRESSION));
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary"), verdicts(negative, Verdict.REGRESSION));
        assertTrue(negative.withVerdict(Verdict.REGRESSION).getFirst().reason().contains("noise unknown"));
    }

    @Test
    void aGatedMetricWithoutANumberCannotBeComparedAndAnInformationalOneIsShown() {
        SyntheticRun base = SyntheticRun.smoke();
        SyntheticRun current = base.set(at("semaphore", 16), "efficiency", Double.NaN, Double.NaN)
                .set(at("semaphore", 4), "sojourn.max", Double.POSITIVE_INFINITY, Double.NaN)
                .set(at("semaphore", 4), "harnessBound", Double.NEGATIVE_INFINITY, Double.NaN);
        GateResult result = gate(base, current);
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, result.exitCode());
        assertEquals(List.of(KEY_PREFIX + "strategy=semaphore width=16: efficiency: current score is NaN: the run did not measure it"), result.problems());
        assertEquals(1, result.withVerdict(Verdict.NOT_COMPARABLE).size());
        String markdown = GateOutput.markdown(result);
        assertTrue(markdown.contains("+INF"), markdown);
        assertTrue(markdown.contains("-INF"), markdown);

        GateResult infiniteBaseline = gate(base.set(at("worker-pool", 4), "primary", Double.POSITIVE_INFINITY, Double.NaN), base);
        assertEquals(List.of(KEY_PREFIX + "strategy=worker-pool width=4: primary: baseline score is +INF: nothing to compare a change with"),
                infiniteBaseline.problems());
    }

    @Test
    void aGatedMetricWithNoNumberInEitherRunIsShownNotJudged() {
        // no-op tasks: efficiency has no ideal (NaN) and the service latency is below the recorder's microsecond (0)
        SyntheticRun noOp = SyntheticRun.smoke().set(p -> true, "efficiency", Double.NaN, Double.NaN)
                .set(p -> true, "service.p50", 0, Double.NaN);
        GateResult result = gate(noOp, noOp.scale(at("semaphore", 16), "service.p50", 2));
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), result.problems().toString());
        List<MetricComparison> unmeasured = result.comparisons().stream()
                .filter(c -> c.metric().equals("efficiency") || c.metric().equals("service.p50")).toList();
        assertFalse(unmeasured.isEmpty());
        assertTrue(unmeasured.stream().allMatch(c -> c.verdict() == Verdict.NOT_GATED && c.reason().equals(Gate.NOT_MEASURED_HERE)),
                unmeasured.toString());
    }

    @Test
    void atNoOpTasksTheServiceLatencyIsShownNotJudged() {
        // a no-op point: idealMs 0, efficiency NaN, service latency 0 in one run and a microsecond in the other
        SyntheticRun noOp = SyntheticRun.smoke().set(p -> true, "idealMs", 0, Double.NaN).set(p -> true, "efficiency", Double.NaN, Double.NaN)
                .set(p -> true, "service.p99", 0, Double.NaN);
        GateResult result = gate(noOp, noOp.set(at("semaphore", 16), "service.p99", 0.001, Double.NaN)
                .scale(at("worker-pool", 16), "service.p50", 3));
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), result.problems().toString());
        assertTrue(result.comparisons().stream().filter(c -> c.metric().startsWith("service."))
                .allMatch(c -> c.verdict() == Verdict.NOT_GATED), result.comparisons().toString());
        assertEquals(Set.of("semaphore w16 fixed:20ms n200 primary"),
                verdicts(gate(noOp, noOp.worse(at("semaphore", 16), 0.6)), Verdict.REGRESSION).stream()
                        .filter(v -> v.endsWith("primary")).collect(java.util.stream.Collectors.toSet()),
                "the throughput still judges such a point");
    }

    @Test
    void aPeerWithoutANumberDoesNotSpoilTheOthersDrift() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult result = gate(base, base.onMachine(0.6).set(at("sequential", 16), "primary", Double.NaN, Double.NaN));
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertEquals(Set.of(), verdicts(result, Verdict.REGRESSION));
    }

    @Test
    void aGatedMetricGoneFromTheCurrentRunIsAProblemAndANewOneIsShown() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult result = gate(base.without("sojourn.max"), base.without("efficiency"));
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, result.exitCode());
        assertEquals(10, result.problems().size());
        assertTrue(result.problems().getFirst().endsWith("efficiency: not in the current run"), result.problems().getFirst());
        assertEquals(10, result.comparisons().stream().filter(r -> r.metric().equals("sojourn.max") && r.verdict() == Verdict.NOT_GATED).count());
    }

    @Test
    void problemsOutrankRegressionsAndDuplicatesAreProblems() {
        SyntheticRun base = SyntheticRun.smoke();
        SyntheticRun current = base.faster(at("semaphore", 16), 0.7).plus(SyntheticRun.of(List.of("structured"), List.of(4)));
        GateResult result = gate(base, current);
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, result.exitCode());
        assertEquals(List.of("the current run has the same point twice: " + KEY_PREFIX + "strategy=structured width=4"), result.problems());
        assertTrue(!result.withVerdict(Verdict.REGRESSION).isEmpty());
    }

    @Test
    void unreadableFilesAreEachListed() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "[{\"benchmark\": ");
        Path missing = dir.resolve("nothing-here");
        GateResult result = Gate.compareFiles(corrupt, missing, GateOptions.defaults());
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, result.exitCode());
        assertEquals(2, result.problems().size());
        assertTrue(result.problems().get(0).startsWith("baseline " + corrupt + ": not valid JSON"), result.problems().get(0));
        assertEquals("current run " + missing + ": no such file or folder", result.problems().get(1));
    }

    @Test
    void emptyResultsCannotBeCompared() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        GateResult result = Gate.compareFiles(empty, empty, GateOptions.defaults());
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, result.exitCode());
        assertEquals(List.of("the baseline has no results", "the current run has no results"), result.problems());
    }

    @Test
    void aLargerToleranceLetsTheSameLossPass() {
        SyntheticRun base = SyntheticRun.smoke();
        GateResult result = gate(base, base.faster(at("semaphore", 16), 0.8), GateOptions.builder().tolerance(0.25).build());
        assertEquals(GateResult.EXIT_PASS, result.exitCode());
    }
}
