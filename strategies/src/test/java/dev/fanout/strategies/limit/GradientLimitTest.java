package dev.fanout.strategies.limit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientLimitTest {

    private static final long MS = 1_000_000;

    private final FakeClock clock = new FakeClock();

    private GradientLimit limit(int ceiling) {
        return GradientLimit.builder().ceiling(ceiling).clock(clock).build();
    }

    @Test
    void againstACalleeThatQueuesItKeepsAShortQueue() {
        SimulatedCallee callee = new SimulatedCallee(SimulatedCallee.Kind.QUEUES, t -> 24, 20);
        SimulatedCallee.Run run = callee.run(clock, limit(256), 256, 20_000, 1000 * MS);
        int[] range = run.rangeFrom(1000 * MS);
        assertTrue(range[0] >= 12 && range[1] <= 36, "after 1 s the limit stays near 24 (the drain halves it for a window): "
                + range[0] + ".." + range[1]);
        assertTrue(run.meanRoundTripAfterMs() <= 1.5 * 20, "mean round trip after 1 s: " + run.meanRoundTripAfterMs() + " ms");
        assertEquals(0, run.refused());
    }

    @Test
    void againstACalleeThatRefusesItSettlesNearTheLimit() {
        SimulatedCallee callee = new SimulatedCallee(SimulatedCallee.Kind.REFUSES, t -> 24, 20);
        SimulatedCallee.Run run = callee.run(clock, limit(256), 256, 20_000, 1000 * MS);
        int[] range = run.rangeFrom(1000 * MS);
        assertTrue(range[0] >= 19 && range[1] <= 29, "after 1 s: " + range[0] + ".." + range[1]);
        assertTrue(run.refusedShareAfter() <= 0.02, "refused after 1 s: " + run.refusedShareAfter());
    }

    @Test
    void withNoLimitAtTheCalleeItReachesTheCeiling() {
        SimulatedCallee callee = new SimulatedCallee(SimulatedCallee.Kind.QUEUES, t -> 10_000, 20);
        SimulatedCallee.Run run = callee.run(clock, limit(256), 256, 20_000, 500 * MS);
        assertEquals(256, run.limitAt(500 * MS));
    }

    @Test
    void everyProbeIntervalTheQueueIsDrainedForOneWindow() {
        GradientLimit limit = GradientLimit.builder().ceiling(64).clock(clock).probeInterval(Duration.ofMillis(100)).build();
        SimulatedCallee callee = new SimulatedCallee(SimulatedCallee.Kind.QUEUES, t -> 24, 20);
        SimulatedCallee.Run run = callee.run(clock, limit, 64, 5_000, 0);
        long drains = run.limitOverTime().stream().filter(p -> p[1] <= 16).count();
        assertTrue(drains >= 3, "the limit went down to half a few times: " + drains);
        assertTrue(limit.noLoadRoundTrip().toMillis() <= 21, "the no-load round trip is the service time: " + limit.noLoadRoundTrip());
    }

    @Test
    void aCalleeThatRefusesHasNoStandingQueueSoTheLimitIsNeverDrained() {
        GradientLimit limit = GradientLimit.builder().ceiling(256).clock(clock).probeInterval(Duration.ofMillis(100)).build();
        SimulatedCallee callee = new SimulatedCallee(SimulatedCallee.Kind.REFUSES, t -> 24, 20);
        SimulatedCallee.Run run = callee.run(clock, limit, 256, 20_000, 1000 * MS);
        int[] range = run.rangeFrom(1000 * MS);
        assertTrue(range[0] >= 19, "never halved after the first second: " + range[0] + ".." + range[1]);
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertEquals("ceiling must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> GradientLimit.builder().ceiling(0)).getMessage());
        for (double tolerance : new double[] {0.9, 11, Double.NaN}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientLimit.builder().tolerance(tolerance))
                    .getMessage().startsWith("tolerance must be from 1 to 10"), "tolerance " + tolerance);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientLimit.builder().backoffRatio(0.2))
                .getMessage().startsWith("backoffRatio must be from 0.5 to below 1"));
        assertEquals("probeInterval must be at least 1ms, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> GradientLimit.builder().probeInterval(Duration.ZERO)).getMessage());
    }
}
