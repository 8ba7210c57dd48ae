package dev.fanout.reports.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.fanout.reports.gate.SyntheticRun.at;
import static dev.fanout.reports.gate.SyntheticRun.peers;
import static dev.fanout.reports.gate.SyntheticRun.strategies;
import static dev.fanout.reports.gate.SyntheticRun.strategy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peers as the yardstick: a change every strategy shares (a slower run machinery) fails, a
 * slower machine does not; without peers the gate falls back to the strategies and says what it
 * cannot see.
 */
class GateYardstickTest {

    @TempDir
    Path dir;

    /** The smoke profile's shape, as the format-2 benchmark writes it: five strategies and four peers, http with OkHttp. */
    private static SyntheticRun smokeWithPeers() {
        return SyntheticRun.smoke().param("workload", "http").param("client", "okhttp").withPeers();
    }

    private GateResult gate(SyntheticRun baseline, SyntheticRun current) {
        return gate(baseline, current, GateOptions.defaults());
    }

    private GateResult gate(SyntheticRun baseline, SyntheticRun current, GateOptions options) {
        Path base = baseline.write(dir.resolve("baseline.json"));
        Path folder = dir.resolve("current");
        current.write(folder.resolve("jmh.json"));
        return Gate.compareFiles(base, folder, options);
    }

    private static Set<String> regressed(GateResult result) {
        return result.withVerdict(Verdict.REGRESSION).stream().map(r -> r.point().name()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void everyStrategyThirtyPercentWorseWhileThePeersStayFails() {
        // The user: every strategy point 30% worse (a slower FanOutRun), the peers as they were.
        SyntheticRun base = smokeWithPeers();
        GateResult result = gate(base, base.worse(strategies(), 0.7));
        assertEquals(GateResult.EXIT_REGRESSION, result.exitCode(), GateOutput.console(result));
        assertEquals(Set.copyOf(SyntheticRun.STRATEGIES), regressed(result));
        assertEquals(10, result.pointsRegressed());
        assertEquals(10, result.pointsCompared(), "the peers are the yardstick, not points judged");
        assertEquals(10, result.pointsJudgedAgainst(Yardstick.PEERS));
        assertEquals(List.of("jdk-fixed-pool", "jdk-map-concurrent", "jdk-virtual-threads", "reactor-flatmap"), result.peers());
        assertTrue(result.yardstickWarning().isEmpty(), result.yardstickWarning().toString());
        MetricComparison throughput = result.withVerdict(Verdict.REGRESSION).stream().filter(r -> r.metric().equals("primary"))
                .findFirst().orElseThrow();
        assertEquals(Yardstick.PEERS, throughput.yardstick());
        assertEquals(1.0, throughput.drift(), 1e-9);
        assertTrue(throughput.reason().contains("-30.0% against the peers"), throughput.reason());
        assertTrue(result.comparisons().stream().filter(r -> r.point().isPeer())
                .allMatch(r -> r.verdict() == Verdict.UNCHANGED || r.verdict() == Verdict.NOT_GATED));
    }

    @Test
    void everyPointThirtyPercentWorsePeersIncludedIsASlowerMachineAndPasses() {
        SyntheticRun base = smokeWithPeers();
        GateResult result = gate(base, base.worse(p -> true, 0.7));
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), GateOutput.console(result));
        MetricComparison throughput = result.comparisons().getFirst();
        assertEquals(-0.3, throughput.change(), 1e-9);
        assertEquals(Yardstick.PEERS, throughput.yardstick());
        assertEquals("moved with the peers (-30.0%): the machine", throughput.reason());
    }

    @Test
    void withoutPeersInEitherRunTheStrategiesJudgeEachOtherAndTheGateSaysWhatItCannotSee() {
        // Today's rule: the same 30% shared by every strategy cancels out, and the output says so.
        SyntheticRun base = SyntheticRun.smoke();
        GateResult shared = gate(base, base.worse(strategies(), 0.7));
        assertEquals(GateResult.EXIT_PASS, shared.exitCode());
        assertEquals(10, shared.pointsJudgedAgainst(Yardstick.OTHER_STRATEGIES));
        String warning = shared.yardstickWarning().orElseThrow();
        assertTrue(warning.startsWith("no peers in either run: the strategies are judged against each other, so a change shared"
                + " by every strategy"), warning);
        assertTrue(warning.endsWith("cannot be seen"), warning);
        assertTrue(GateOutput.console(shared).contains("\nyardstick: WARNING: " + warning + "\n"), GateOutput.console(shared));
        assertTrue(GateOutput.markdown(shared).contains("> **Warning:** " + warning + ".\n"), GateOutput.markdown(shared));

        // One strategy slower is still caught against the others.
        GateResult one = gate(base, base.worse(strategy("worker-pool"), 0.7));
        assertEquals(Set.of("worker-pool"), regressed(one));
        assertEquals(Yardstick.OTHER_STRATEGIES, one.withVerdict(Verdict.REGRESSION).getFirst().yardstick());
    }

    @Test
    void aBaselineWithoutPeersIsStillReadAndItsRunsPeersAreNotUsed() {
        // An older baseline (format 1: strategies only) against a run with peers: no missing points,
        // the strategies judge each other, and the output asks for a baseline with peers.
        SyntheticRun old = SyntheticRun.smoke();
        GateResult result = gate(old, old.withPeers().worse(strategies(), 0.7));
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), result.problems().toString());
        assertTrue(result.peers().isEmpty());
        assertTrue(result.yardstickWarning().orElseThrow().startsWith("no peers in the baseline (the current run's are not used)"),
                result.yardstickWarning().toString());

        GateResult reverse = gate(old.withPeers(), old);
        assertEquals(GateResult.EXIT_PASS, reverse.exitCode(), reverse.problems().toString());
        assertTrue(reverse.yardstickWarning().orElseThrow().startsWith("no peers in the current run"), reverse.yardstickWarning().toString());
    }

    @Test
    void aPeerMissingFromARunWithPeersCannotBeCompared() {
        SyntheticRun base = smokeWithPeers();
        GateResult result = gate(base, base.drop(p -> p.peer() && p.strategy().equals("reactor-flatmap") && p.width() == 4));
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, result.exitCode());
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("point missing from the current run: " + SyntheticRun.PEER_BENCHMARK)),
                result.problems().toString());
    }

    @Test
    void aPeerThatMovedAloneIsShownAndNeverFails() {
        SyntheticRun base = smokeWithPeers();
        GateResult result = gate(base, base.worse(strategy("reactor-flatmap"), 0.7));
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), GateOutput.console(result));
        List<MetricComparison> moved = result.withVerdict(Verdict.PEER_MOVED);
        assertFalse(moved.isEmpty());
        assertTrue(moved.stream().allMatch(r -> r.point().name().equals("reactor-flatmap") && r.yardstick() == Yardstick.OTHER_PEERS));
        assertTrue(moved.getFirst().reason().startsWith("worse than the other peers, not gated: "), moved.getFirst().reason());
        // The median of the four peers stays where three of them are: the strategies did not move.
        assertTrue(result.comparisons().stream().filter(r -> !r.point().isPeer())
                .allMatch(r -> r.verdict() == Verdict.UNCHANGED || r.verdict() == Verdict.NOT_GATED));
        assertTrue(GateOutput.summary(result).contains("peer changes (not gated)"), GateOutput.summary(result));
    }

    @Test
    void oneStrategySlowerIsCaughtAgainstThePeersOnAnyMachine() {
        SyntheticRun base = smokeWithPeers().without("efficiency");
        GateResult result = gate(base, base.faster(strategy("semaphore"), 0.75));
        assertEquals(Set.of("semaphore"), regressed(result));
        GateResult slowerMachine = gate(base, base.onMachine(0.6).faster(strategy("semaphore"), 0.75));
        assertEquals(Set.of("semaphore"), regressed(slowerMachine));
        MetricComparison throughput = slowerMachine.withVerdict(Verdict.REGRESSION).stream()
                .filter(r -> r.metric().equals("primary")).findFirst().orElseThrow();
        assertEquals(0.6, throughput.drift(), 1e-9);
        assertEquals(-0.25, throughput.judgedChange(), 1e-9);
    }

    @Test
    void aStrategyInsideTheStrategiesOwnScatterIsNoise() {
        // The peers agree to the digit, but the strategies scatter ±8% between the runs: a strategy
        // 11% below the peers is within what its kind does from one run to the next.
        SyntheticRun base = smokeWithPeers();
        SyntheticRun current = base.worse(strategy("sequential"), 1.08).worse(strategy("all-at-once"), 0.92)
                .worse(strategy("semaphore"), 1.08).worse(strategy("structured"), 0.92).worse(strategy("worker-pool"), 0.89);
        GateResult result = gate(base, current);
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), GateOutput.console(result));
        MetricComparison workerPool = result.comparisons().stream()
                .filter(r -> r.point().name().equals("worker-pool") && r.metric().equals("primary")).findFirst().orElseThrow();
        assertEquals(Verdict.WITHIN_NOISE, workerPool.verdict());
        assertTrue(workerPool.reason().startsWith("within the scatter between the runs (-11.0% against the peers"), workerPool.reason());
    }

    @Test
    void aPointWithMoreCallsInFlightThanItsPeersHasItsLatenciesJudgedAtTheTailsTolerance() {
        // all-at-once has all 200 items in flight, the peers 16: a busier machine delays each of its
        // calls more than each of theirs, so its latencies move further than the yardstick's.
        SyntheticRun base = smokeWithPeers();
        GateResult result = gate(base, base.scale(strategy("all-at-once"), "sojourn.p90", 1.15)
                .scale(strategy("semaphore"), "sojourn.p90", 1.15));
        MetricComparison allAtOnce = row(result, "all-at-once", 16, "sojourn.p90");
        assertEquals(Verdict.UNCHANGED, allAtOnce.verdict(), allAtOnce.reason());
        assertTrue(allAtOnce.reason().equals("within ±20%; a latency of 200 calls in flight against the peers' 16, judged at ±20%"),
                allAtOnce.reason());
        assertEquals(Verdict.REGRESSION, row(result, "semaphore", 16, "sojourn.p90").verdict(), "the peers' own load: ±10%");
        assertEquals(Set.of("semaphore"), regressed(result));

        // Its throughput keeps the tolerance, and a latency beyond the tail's tolerance still fails.
        GateResult slower = gate(base, base.scale(strategy("all-at-once"), "sojourn.p90", 1.3));
        assertEquals(Verdict.REGRESSION, row(slower, "all-at-once", 16, "sojourn.p90").verdict());
        GateResult fewer = gate(base, base.worse(strategy("all-at-once"), 0.85));
        assertEquals(Verdict.REGRESSION, row(fewer, "all-at-once", 16, "primary").verdict());
    }

    private static MetricComparison row(GateResult result, String name, int width, String metric) {
        return result.comparisons().stream().filter(r -> r.point().name().equals(name) && r.metric().equals(metric)
                && r.point().params().get("width").equals(String.valueOf(width))).findFirst().orElseThrow();
    }

    @Test
    void harnessBoundPeersAreNobodysYardstick() {
        // Every peer at the harness's ceiling: the strategies fall back to each other, and say so.
        SyntheticRun base = smokeWithPeers().set(peers(), "harnessBound", 1, 0);
        GateResult result = gate(base, base.worse(strategies(), 0.7));
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), GateOutput.console(result));
        assertEquals(10, result.pointsJudgedAgainst(Yardstick.OTHER_STRATEGIES));
        assertTrue(result.yardstickWarning().orElseThrow().startsWith("10 of 10 points had no usable peers"),
                result.yardstickWarning().toString());
    }

    @Test
    void pointsWithoutPeersOfTheirOwnParametersFallBackPointByPoint() {
        // Peers at width 16 only: the width-4 strategies judge each other, the width-16 ones use the peers.
        SyntheticRun base = SyntheticRun.smoke().plus(SyntheticRun.of(List.of("semaphore"), List.of(16)).withPeers()
                .drop(strategies()));
        GateResult result = gate(base, base);
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), result.problems().toString());
        assertEquals(5, result.pointsJudgedAgainst(Yardstick.PEERS));
        assertEquals(5, result.pointsJudgedAgainst(Yardstick.OTHER_STRATEGIES));
        assertTrue(result.yardstickWarning().orElseThrow().startsWith("5 of 10 points had no usable peers"), result.yardstickWarning().toString());
    }

    @Test
    void theMarkdownNamesEachRowsYardstick() {
        SyntheticRun base = smokeWithPeers();
        String md = GateOutput.markdown(gate(base, base.worse(strategy("semaphore"), 0.7).worse(strategy("jdk-fixed-pool"), 0.7)));
        assertTrue(md.contains("| Point | Metric | Baseline | Current | Change | Yardstick | Verdict | Why |"), md);
        assertTrue(md.contains("**Yardstick:** the peers `jdk-fixed-pool`, `jdk-map-concurrent`, `jdk-virtual-threads`, `reactor-flatmap`"), md);
        List<String> rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Point")).toList();
        assertTrue(rows.getFirst().startsWith("| semaphore http okhttp w"), rows.getFirst());
        assertTrue(rows.getFirst().contains(" | peers | **regression** | "), rows.getFirst());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("| jdk-fixed-pool http okhttp w") && r.contains(" | other peers | peer moved | ")),
                String.join("\n", rows));
        assertTrue(rows.stream().filter(r -> r.contains("| not gated |")).allMatch(r -> r.contains(" | - | not gated |")));

        SyntheticRun alone = SyntheticRun.of(List.of("semaphore"), List.of(16));
        String none = GateOutput.markdown(gate(alone, alone.worse(p -> true, 0.5)));
        assertTrue(none.contains(" | none | **regression** | "), none);
    }
}
