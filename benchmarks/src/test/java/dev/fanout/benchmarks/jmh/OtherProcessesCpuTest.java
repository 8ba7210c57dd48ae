package dev.fanout.benchmarks.jmh;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OtherProcessesCpuTest {

    private static final String STAT = """
            cpu  1000 10 200 5000 40 0 30 20 0 0
            cpu0 500 5 100 2500 20 0 15 10 0 0
            cpu1 500 5 100 2500 20 0 15 10 0 0
            intr 12345
            """;

    private static String self(long utime, long stime) {
        // a command with a space and a parenthesis, as a thread may be named
        return "4242 (java (main) x) S 1 4242 4242 0 -1 4194304 98 0 0 0 " + utime + " " + stime + " 7 9 20 0 30 0 100 0 0";
    }

    @Test
    void readsTheMachinesBusyTicksAndThisProcesssOwn() {
        OtherProcessesCpu.Sample s = OtherProcessesCpu.parse(STAT, self(300, 50));
        assertEquals(1000 + 10 + 200 + 30 + 20, s.machineBusy(), "user nice system softirq steal; idle and iowait are not busy");
        assertEquals(s.machineBusy() + 5000 + 40, s.machineTotal());
        assertEquals(350, s.own(), "user and system time, fields 14 and 15");
        assertEquals(2, s.cpus());
    }

    @Test
    void otherCoresAreTheMachinesBusyTimeLessOursPerElapsedTick() {
        OtherProcessesCpu.Sample before = new OtherProcessesCpu.Sample(1000, 3000, 100, 2);
        // 200 ticks of machine time pass on 2 CPUs (100 ticks each): 150 busy, 60 of them ours
        OtherProcessesCpu.Sample after = new OtherProcessesCpu.Sample(1150, 3200, 160, 2);
        assertEquals(0.9, after.otherCoresSince(before), 1e-9);
        assertEquals(0.0, new OtherProcessesCpu.Sample(1100, 3200, 200, 2).otherCoresSince(before), "never below 0");
        assertTrue(Double.isNaN(before.otherCoresSince(before)), "no time passed: nothing to say");
    }

    @Test
    void anythingButProcStatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OtherProcessesCpu.parse("intr 1 2 3\n", self(1, 1)));
    }

    @Test
    void aSpinningNeighbourIsCountedAndOurOwnSpinningIsNot() throws Exception {
        assumeTrue(OtherProcessesCpu.sample().isPresent(), "Linux's /proc is needed");
        // Generous bounds: a spinning process takes about one core of this machine's two.
        OtherProcessesCpu.Sample start = OtherProcessesCpu.sample().orElseThrow();
        Process neighbour = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(1000);
        } finally {
            neighbour.destroyForcibly();
            assertTrue(neighbour.waitFor(30, TimeUnit.SECONDS));
        }
        double withNeighbour = OtherProcessesCpu.sample().orElseThrow().otherCoresSince(start);
        assertTrue(withNeighbour >= 0.5, "a spinning shell counted as " + withNeighbour + " cores");

        // The other half needs a machine where nothing else runs: what others really take is counted,
        // and a build beside this test (a second suite, a benchmark) would read as our own spinning.
        double before = othersWhileIdle();
        OtherProcessesCpu.Sample ownStart = OtherProcessesCpu.sample().orElseThrow();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long spins = 0;
        while (System.nanoTime() < until) {
            spins++;
        }
        double whileWeSpin = OtherProcessesCpu.sample().orElseThrow().otherCoresSince(ownStart);
        double after = othersWhileIdle();
        assumeTrue(Math.max(before, after) < 0.25, "other processes took " + Math.max(before, after)
                + " cores around this test: it needs a quiet machine to tell our CPU from theirs");
        assertTrue(spins > 0 && whileWeSpin < 0.5, "our own spinning counted as " + whileWeSpin + " cores of others"
                + " (others took " + before + " cores just before and " + after + " just after)");
    }

    /** @return the cores other processes took over half a second in which this test does nothing */
    private static double othersWhileIdle() throws InterruptedException {
        OtherProcessesCpu.Sample start = OtherProcessesCpu.sample().orElseThrow();
        Thread.sleep(500);
        return OtherProcessesCpu.sample().orElseThrow().otherCoresSince(start);
    }
}
