package dev.fanout.strategies.hedge;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramTest {

    @Test
    @DisplayName("every value falls in a bucket within 1/16 of it")
    void bucketsAreWithinASixteenth() {
        for (long v : new long[]{0, 1, 15, 16, 17, 31, 32, 33, 100, 1_000, 9_999, 10_000, 123_456, 500_000, 1L << 39}) {
            int index = LatencyHistogram.index(v);
            long upper = LatencyHistogram.upperMicros(index);
            assertTrue(upper > v, v + " -> upper " + upper);
            assertTrue(upper - v <= Math.max(1, v / 16 + 1), v + " -> upper " + upper);
            if (index > 0) {
                assertTrue(LatencyHistogram.upperMicros(index - 1) <= v, v + " belongs above bucket " + (index - 1));
            }
        }
    }

    @Test
    @DisplayName("a percentile is within a bucket of the true one, and none before the warm-up")
    void percentileAfterTheWarmUp() {
        LatencyHistogram latencies = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            latencies.record(TimeUnit.MILLISECONDS.toNanos(i));
        }
        assertEquals(100, latencies.count());
        assertEquals(-1, latencies.percentileNanos(99, 101));
        long p99 = latencies.percentileNanos(99, 100);
        assertTrue(p99 >= TimeUnit.MILLISECONDS.toNanos(99) && p99 <= TimeUnit.MILLISECONDS.toNanos(99) * 17 / 16, "p99 " + p99);
        long p50 = latencies.percentileNanos(50, 1);
        assertTrue(p50 >= TimeUnit.MILLISECONDS.toNanos(50) && p50 <= TimeUnit.MILLISECONDS.toNanos(50) * 17 / 16, "p50 " + p50);
    }
}
