package dev.fanout.benchmarks.gate;

import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.JmhResultsReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The regression gate on the real pipeline: benchmark runs through the real benchmarks.jar, judged
 * by {@code fanout gate}. A baseline of the real code; the real code again must pass; a semaphore
 * strategy made 25% slower per task must fail, and the gate must name it; every strategy made 20%
 * slower per task (a slower run machinery, which the strategies share and the peers do not) must
 * fail against the peers.
 *
 * Every strategy spending 4 us of CPU more per delivered outcome (a costlier per-item path in the
 * run machinery) must fail on the profile's no-op cost points, against the peers.
 *
 * <p>Time: four runs of the smoke profile's http section, its peers and three strategies, each point
 * 10 x 1 s measured after JMH's 2 x 0.5 s warm-up in its own fork: about 13-15 s a point, so about
 * 1.5-2 minutes a run with the four peers; then two runs of the cost section at width 16 (five points
 * of about 5 s): 7-9 minutes in all on 2 cores. Three strategies, not five, to stay inside that: the
 * shared slowdown substitutes all five, and the run shows it on three.
 */
class GateEndToEndIT {

    /**
     * Three bounded strategies (with the smoke profile's peers, the yardstick); 50 ms calls, so the
     * harness's own overhead dilutes the slowdown less; ten 1 s iterations, so the noise test has
     * samples enough; the semaphore last among the strategies, away from the first point after
     * calibration, which measured slower than the rest here.
     */
    private static final String[] BENCH = {"bench", "--profile", "smoke", "--section", "http", "--strategies", "worker-pool,structured,semaphore",
            "--latency", "fixed:50ms", "--items", "32", "--iterations", "10", "--iteration-time", "1s",
            "--warmup", "500", "--no-report"};

    private static final Set<String> STRATEGIES = Set.of("worker-pool", "structured", "semaphore");

    /**
     * The smoke profile's no-op points at width 16, for the same three strategies and the section's two
     * peers: where a strategy's own cost per item is all there is to measure.
     */
    private static final String[] COST = {"bench", "--profile", "smoke", "--section", "cost", "--strategies",
            "worker-pool,structured,semaphore", "--widths", "16", "--warmup", "500", "--no-report"};

    private static Path work;
    private static dev.fanout.benchmarks.suite.BenchmarksJarAccess jar;

    @BeforeAll
    static void benchmarkTheRealCodeAsTheBaseline() throws Exception {
        work = Files.createTempDirectory("fanout-gate-");
        jar = dev.fanout.benchmarks.suite.BenchmarksJarAccess.built();
        assertEquals(0, jar.bench(work.resolve("baseline"), List.of(), BENCH), "baseline run failed; see " + work);
    }

    @Test
    void theRealCodeAgainstItsOwnBaselinePasses() throws Exception {
        assertEquals(0, jar.bench(work.resolve("again"), List.of(), BENCH));
        var gate = jar.gate(work.resolve("gate-again.log"), work.resolve("baseline/latest"), work.resolve("again/latest"),
                work.resolve("gate-again.md"));
        assertEquals(0, gate.exitCode(), gate.output());
        assertTrue(gate.output().startsWith("gate: PASS"), gate.output());
    }

    @Test
    void aSemaphoreStrategy25PercentSlowerIsCaughtAndNamed() throws Exception {
        String substitute = "-Dfanout.strategy.semaphore=" + SlowedSemaphoreStrategy.class.getName();
        assertEquals(0, jar.bench(work.resolve("slowed"), List.of(substitute), BENCH));
        var gate = jar.gate(work.resolve("gate-slowed.log"), work.resolve("baseline/latest"), work.resolve("slowed/latest"),
                work.resolve("gate-slowed.md"));
        assertEquals(1, gate.exitCode(), gate.output());
        String markdown = Files.readString(work.resolve("gate-slowed.md"));
        String firstRow = markdown.lines().filter(l -> l.startsWith("|") && l.contains("**regression**")).findFirst().orElse("");
        assertTrue(firstRow.contains("semaphore"), "the first regression should be the semaphore strategy:\n" + markdown);
        assertEquals(Set.of("semaphore"), regressed(gate.output()), "only the slowed strategy may regress:\n" + gate.output());
    }

    @Test
    void everyStrategy20PercentSlowerIsCaughtAgainstThePeers() throws Exception {
        assertPeersIn(work.resolve("baseline/latest"));
        assertEquals(0, jar.bench(work.resolve("all-slowed"), SlowedStrategy.substituteEvery(), BENCH));
        var gate = jar.gate(work.resolve("gate-all-slowed.log"), work.resolve("baseline/latest"), work.resolve("all-slowed/latest"),
                work.resolve("gate-all-slowed.md"));
        assertEquals(1, gate.exitCode(), gate.output());
        assertEquals(STRATEGIES, regressed(gate.output()), "every strategy of the run must regress:\n" + gate.output());
        assertFalse(gate.output().contains("WARNING"), "the strategies must have been judged against the peers:\n" + gate.output());
        String markdown = Files.readString(work.resolve("gate-all-slowed.md"));
        List<String> regressionRows = markdown.lines().filter(l -> l.startsWith("|") && l.contains("| **regression** |")).toList();
        assertTrue(regressionRows.stream().allMatch(l -> l.contains("| peers | **regression** |")),
                "every regression judged against the peers:\n" + markdown);
    }

    @Test
    void everyStrategySpending4MicrosecondsMorePerItemIsCaughtOnTheCostPoints() throws Exception {
        assertEquals(0, jar.bench(work.resolve("cost-baseline"), List.of(), COST), "cost baseline run failed; see " + work);
        assertPeersIn(work.resolve("cost-baseline/latest"));
        assertEquals(0, jar.bench(work.resolve("cost-slowed"), SlowedStrategy.substituteEvery(),
                Map.of(SlowedStrategy.SLOWDOWN_ENV, "0", SlowedStrategy.ITEM_COST_ENV, "4"), COST));
        var gate = jar.gate(work.resolve("gate-cost.log"), work.resolve("cost-baseline/latest"), work.resolve("cost-slowed/latest"),
                work.resolve("gate-cost.md"));
        assertEquals(1, gate.exitCode(), gate.output());
        assertEquals(STRATEGIES, regressed(gate.output()), "every strategy of the run must regress:\n" + gate.output());
        String markdown = Files.readString(work.resolve("gate-cost.md"));
        assertTrue(markdown.lines().filter(l -> l.startsWith("|") && l.contains("| **regression** |"))
                .allMatch(l -> l.contains("| peers | **regression** |")), "every regression judged against the peers:\n" + markdown);
    }

    /** @return the names of the points with a regression line in the gate's console output */
    private static Set<String> regressed(String output) {
        return output.lines().map(String::strip).filter(l -> l.startsWith("regression "))
                .map(l -> l.substring("regression ".length()).strip().split(" ")[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The shared slowdown can only be seen against peers: a smoke run without them makes this test meaningless. */
    private static void assertPeersIn(Path results) throws Exception {
        List<JmhPoint> points = JmhResultsReader.read(results.resolve("jmh.json"));
        assertTrue(points.stream().anyMatch(JmhPoint::isPeer), "the smoke run in " + results + " has no peer points"
                + " (PeerBenchmark, param 'peer'): this test needs the smoke profile with its peers (issue 9)");
    }
}
