package dev.fanout.core;

/**
 * When one input was read, started and finished, in {@link NanoClock} nanoseconds.
 *
 * @param queuedNanos   when the strategy read the input from the iterator
 * @param startedNanos  when its task started running, or {@link #NOT_STARTED}
 * @param finishedNanos when its outcome was decided
 */
public record Timing(long queuedNanos, long startedNanos, long finishedNanos) {

    /** The value of {@link #startedNanos()} for an input that never ran. */
    public static final long NOT_STARTED = Long.MIN_VALUE;

    /** @return whether the task ran at all */
    public boolean started() {
        return startedNanos != NOT_STARTED;
    }

    /** @return nanoseconds the task ran (service time), or 0 if it never started */
    public long serviceNanos() {
        return started() ? finishedNanos - startedNanos : 0;
    }

    /** @return nanoseconds between being read and starting (queueing inside the strategy) */
    public long waitNanos() {
        return (started() ? startedNanos : finishedNanos) - queuedNanos;
    }

    /**
     * @param batchStartNanos the start of the whole run ({@link RunSummary#startNanos()})
     * @return nanoseconds from the start of the run to this outcome: the sojourn time, which
     *         counts queueing inside the strategy as well as the call itself
     */
    public long sojournNanos(long batchStartNanos) {
        return finishedNanos - batchStartNanos;
    }
}
