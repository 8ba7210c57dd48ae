package dev.fanout.benchmarks.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sums of the delays drawn and really slept, with no allocation and no lock per request; read and
 * reset between batches ({@link #drain}), so memory stays constant however long a server runs.
 */
public final class SleepLedger {

    private final LongAdder count = new LongAdder();
    private final LongAdder slept = new LongAdder();
    private final LongAdder drawn = new LongAdder();
    private final AtomicLong maxSlept = new AtomicLong();
    private final AtomicLong minSlept = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxDrawn = new AtomicLong();

    /** Records one sleep: the delay drawn and the time really slept, in nanoseconds. */
    public void record(long drawnNanos, long sleptNanos) {
        count.increment();
        slept.add(sleptNanos);
        drawn.add(drawnNanos);
        Maximum.raise(maxSlept, sleptNanos);
        Maximum.lower(minSlept, sleptNanos);
        Maximum.raise(maxDrawn, drawnNanos);
    }

    /** @return what was recorded since the last drain, and starts afresh */
    public SleepRecord drain() {
        long min = minSlept.getAndSet(Long.MAX_VALUE);
        return new SleepRecord(count.sumThenReset(), slept.sumThenReset(), maxSlept.getAndSet(0),
                min == Long.MAX_VALUE ? 0 : min, drawn.sumThenReset(), maxDrawn.getAndSet(0));
    }
}
