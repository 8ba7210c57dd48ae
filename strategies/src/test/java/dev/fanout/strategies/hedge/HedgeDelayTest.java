package dev.fanout.strategies.hedge;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delay, with the run's clock passed in by hand: nothing here waits. */
class HedgeDelayTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aFixedDelayIsTheDelayFromTheStart() {
        HedgeDelay delay = new HedgeDelay(Duration.ofMillis(50), 99, 100, new LatencyHistogram());
        assertEquals(50 * MS, delay.nanosAt(0));
        assertEquals("50ms", HedgeDelay.spec(Duration.ofMillis(50), 99));
        assertEquals("0.25ms", HedgeDelay.spec(Duration.ofNanos(250_000), 99));
    }

    @Test
    void aPercentileWaitsForItsWarmUpThenFollowsTheLatenciesAtMostEveryRefresh() {
        LatencyHistogram latencies = new LatencyHistogram();
        HedgeDelay delay = new HedgeDelay(null, 90, 10, latencies);
        long now = 1_000 * MS;
        for (int i = 0; i < 9; i++) {
            latencies.record(10 * MS);
        }
        assertEquals(-1, delay.nanosAt(now), "nine samples of a warm-up of ten: no delay yet");
        latencies.record(10 * MS);
        long learned = delay.nanosAt(now += HedgeDelay.REFRESH_NANOS);
        assertTrue(learned >= 10 * MS && learned <= 11 * MS, "p90 of ten 10 ms samples: " + learned);
        for (int i = 0; i < 90; i++) {
            latencies.record(100 * MS);
        }
        assertEquals(learned, delay.nanosAt(now + HedgeDelay.REFRESH_NANOS - 1), "cached until the refresh is due");
        long moved = delay.nanosAt(now + HedgeDelay.REFRESH_NANOS);
        assertTrue(moved >= 100 * MS && moved <= 107 * MS, "p90 now among the 100 ms samples: " + moved);
    }

    @Test
    void theDefaultWarmUpAndBadSettings() {
        assertEquals(100, HedgeDelay.defaultWarmup(99));
        assertEquals(20, HedgeDelay.defaultWarmup(95), "never below " + HedgeDelay.MIN_WARMUP);
        assertEquals(1000, HedgeDelay.defaultWarmup(99.9));
        assertEquals("p99.5", HedgeDelay.spec(null, 99.5));
        LatencyHistogram l = new LatencyHistogram();
        assertEquals("delay must be at least 0, was PT-0.001S",
                assertThrows(IllegalArgumentException.class, () -> new HedgeDelay(Duration.ofMillis(-1), 99, 1, l)).getMessage());
        assertEquals("percentile must be above 0 and below 100, was 100.0",
                assertThrows(IllegalArgumentException.class, () -> new HedgeDelay(null, 100, 1, l)).getMessage());
        assertEquals("warmup must be at least 1 sample, was 0",
                assertThrows(IllegalArgumentException.class, () -> new HedgeDelay(null, 99, 0, l)).getMessage());
    }
}
