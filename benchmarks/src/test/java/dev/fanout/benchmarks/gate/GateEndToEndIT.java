package dev.fanout.benchmarks.gate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The regression gate on the real pipeline: benchmark runs through the real benchmarks.jar, judged
 * by {@code fanout gate}. A baseline of the real code; the real code again must pass; a semaphore
 * strategy made 25% slower per task must fail, and the gate must name it.
 */
class GateEndToEndIT {

    /**
     * Three bounded strategies, so each has peers to cancel the machine's drift against; 50 ms
     * calls, so the harness's own overhead dilutes the slowdown less; twelve 1 s iterations, so
     * the noise test has samples enough; the semaphore last, away from the first point after
     * calibration, which measured slower than the rest here. About 50 s a run.
     */
    private static final String[] BENCH = {"bench", "--profile", "smoke", "--strategies", "worker-pool,structured,semaphore",
            "--latency", "fixed:50ms", "--items", "32", "--iterations", "12", "--iteration-time", "1s",
            "--warmup", "500", "--no-report"};

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
        String firstRow = markdown.lines().filter(l -> l.startsWith("|") && l.contains("regression")).findFirst().orElse("");
        assertTrue(firstRow.contains("semaphore"), "the first regression should be the semaphore strategy:\n" + markdown);
        assertTrue(gate.output().lines().filter(l -> l.startsWith("regression")).allMatch(l -> l.contains("semaphore")),
                "only the slowed strategy may regress:\n" + gate.output());
    }
}
