package dev.fanout.benchmarks.server;

/**
 * What a workload really slept, summed over the requests (or simulated tasks) of one batch: the
 * ideal makespan is computed from these, so a timer that wakes late (Linux timer slack, a busy
 * machine) is not charged to the strategy or the harness.
 *
 * @param count         requests that slept (a disconnect or a stall does not)
 * @param sleptNanos    the time they really slept, summed
 * @param maxSleptNanos the longest one really slept
 * @param minSleptNanos the shortest one really slept (0 when none slept)
 * @param drawnNanos    the delays drawn for them, summed
 * @param maxDrawnNanos the longest delay drawn
 */
public record SleepRecord(long count, long sleptNanos, long maxSleptNanos, long minSleptNanos, long drawnNanos, long maxDrawnNanos) {

    /** Nothing slept. */
    public static final SleepRecord NONE = new SleepRecord(0, 0, 0, 0, 0, 0);

    /** @return the mean time really slept, in nanoseconds, or 0 */
    public double meanSleptNanos() {
        return count == 0 ? 0 : (double) sleptNanos / count;
    }

    /** @return how much later than drawn the sleeps ended, on average, in milliseconds */
    public double meanOvershootMs() {
        return count == 0 ? 0 : (sleptNanos - drawnNanos) / 1e6 / count;
    }
}
