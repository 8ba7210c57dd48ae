package dev.fanout.strategies.limit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AimdLimitTest {

    private static final long MS = 1_000_000;

    private final FakeClock clock = new FakeClock();

    private AimdLimit limit(int ceiling) {
        return AimdLimit.builder().ceiling(ceiling).clock(clock).build();
    }

    @Test
    void slowStartAddsOnePerAnswerSoTheLimitDoublesEachRoundTrip() {
        AimdLimit limit = limit(256);
        assertEquals(10, limit.limit());
        for (int i = 0; i < 10; i++) {
            limit.onSample(clock.nanoTime(), 20 * MS, 10, false);
        }
        assertEquals(20, limit.limit());
    }

    @Test
    void anAnswerWithFewCallsInFlightTeachesNothing() {
        AimdLimit limit = limit(256);
        for (int i = 0; i < 100; i++) {
            limit.onSample(clock.nanoTime(), 20 * MS, 4, false); // 4 of 10 in flight: the input held them back
        }
        assertEquals(10, limit.limit());
    }

    @Test
    void aLossCutsOncePerRoundTripThenTheLimitGrowsByOnePerTwoRoundTrips() {
        AimdLimit limit = limit(256);
        for (int i = 0; i < 30; i++) {
            limit.onSample(clock.nanoTime(), 20 * MS, 40, false);
        }
        assertEquals(40, limit.limit());
        long sentBefore = clock.nanoTime();
        clock.advanceMillis(1);
        limit.onSample(sentBefore, MS, 40, true);
        assertEquals(36, limit.limit(), "x0.9");
        for (int i = 0; i < 20; i++) {
            limit.onSample(sentBefore, MS, 40, true); // the rest of the same burst: sent before the cut
        }
        assertEquals(36, limit.limit(), "a burst of losses from before the cut is one loss");
        clock.advanceMillis(1);
        limit.onSample(clock.nanoTime(), MS, 36, true); // sent after the cut: the cut was not enough
        assertEquals(32, limit.limit());
        // congestion avoidance: two round trips' worth of answers (about 2 x `limit` of them) add 1
        for (int i = 0; i < 65; i++) {
            limit.onSample(clock.nanoTime(), 20 * MS, 32, false);
        }
        assertEquals(33, limit.limit());
    }

    @Test
    void theLimitStaysBetweenOneAndTheCeiling() {
        AimdLimit limit = limit(12);
        for (int i = 0; i < 100; i++) {
            limit.onSample(clock.nanoTime(), 20 * MS, 12, false);
        }
        assertEquals(12, limit.limit());
        for (int i = 0; i < 100; i++) {
            clock.advanceMillis(1);
            limit.onSample(clock.nanoTime(), MS, 1, true);
        }
        assertEquals(1, limit.limit());
        assertEquals(3, AimdLimit.builder().initialLimit(50).ceiling(3).build().limit(), "an initial limit above the ceiling starts there");
    }

    @Test
    void againstACalleeThatRefusesAbove24ItSettlesNearItWithFewRefusals() {
        SimulatedCallee callee = new SimulatedCallee(SimulatedCallee.Kind.REFUSES, t -> 24, 20);
        SimulatedCallee.Run run = callee.run(clock, limit(256), 256, 20_000, 1000 * MS);
        int[] range = run.rangeFrom(1000 * MS);
        assertTrue(range[0] >= 19 && range[1] <= 29, "after 1 s the limit stays within 20% of 24: " + range[0] + ".." + range[1]);
        assertTrue(run.refusedShareAfter() <= 0.02, "refused after 1 s: " + run.refusedShareAfter());
    }

    @Test
    void itFollowsALimitThatDrops() {
        SimulatedCallee callee = new SimulatedCallee(SimulatedCallee.Kind.REFUSES, t -> t < 2000 * MS ? 48 : 16, 20);
        SimulatedCallee.Run run = callee.run(clock, limit(256), 256, 12_000, 2500 * MS);
        int[] before = run.rangeFrom(1000 * MS);
        assertTrue(run.limitAt(1900 * MS) >= 38, "near 48 before the drop: " + run.limitAt(1900 * MS));
        int[] after = run.rangeFrom(2200 * MS);
        assertTrue(after[1] <= 19, "within 20% of 16 from 200 ms after the drop: " + after[0] + ".." + after[1] + " (before " + before[0] + ")");
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertEquals("ceiling must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> AimdLimit.builder().ceiling(0)).getMessage());
        assertEquals("initialLimit must be at least 1, was -3",
                assertThrows(IllegalArgumentException.class, () -> AimdLimit.builder().initialLimit(-3)).getMessage());
        for (double ratio : new double[] {1.0, 0.4, Double.NaN, 2}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> AimdLimit.builder().backoffRatio(ratio))
                    .getMessage().startsWith("backoffRatio must be from 0.5 to below 1"), "ratio " + ratio);
        }
        for (double increase : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> AimdLimit.builder().increase(increase))
                    .getMessage().startsWith("increase must be above 0"), "increase " + increase);
        }
        assertEquals("clock must not be null", assertThrows(NullPointerException.class, () -> AimdLimit.builder().clock(null)).getMessage());
    }
}
