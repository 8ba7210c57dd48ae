package dev.fanout.strategies.hedge;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A log-linear histogram of attempt latencies in microseconds (16 buckets per power of two, so a
 * percentile is within about 6%): lock-free to record, a scan to read. No third-party
 * dependency, and no allocation per sample.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    /** Up to 2^40 microseconds (about 12 days); longer is counted in the last bucket. */
    private static final int BUCKETS = (40 - SUB_BITS + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();

    public void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos / 1000)));
        total.increment();
    }

    public long count() {
        return total.sum();
    }

    /** @return the percentile in nanoseconds (a bucket's upper edge), or -1 with fewer than {@code warmup} samples */
    public long percentileNanos(double percentile, int warmup) {
        long n = total.sum();
        if (n < warmup || n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperMicros(i) * 1000;
            }
        }
        return upperMicros(BUCKETS - 1) * 1000;
    }

    static int index(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int index = (exponent - SUB_BITS + 1) * SUB + (int) ((micros >>> (exponent - SUB_BITS)) & (SUB - 1));
        return Math.min(index, BUCKETS - 1);
    }

    /** @return the smallest value above every value counted in the bucket */
    static long upperMicros(int index) {
        if (index < SUB) {
            return index + 1;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        long lower = (long) (SUB + index % SUB) << (exponent - SUB_BITS);
        return lower + (1L << (exponent - SUB_BITS));
    }
}
