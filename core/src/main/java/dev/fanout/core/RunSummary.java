package dev.fanout.core;

/**
 * The totals of one run.
 *
 * @param strategy    the strategy's name
 * @param width       the effective width: the most tasks the strategy allowed in flight
 *                    ({@link Integer#MAX_VALUE} for an unbounded one)
 * @param startNanos  when the run started ({@link NanoClock} time); sojourn times count from here
 * @param endNanos    when the last outcome was decided
 * @param read        inputs read from the iterator; each has an outcome. {@link #outcomes()} can be
 *                    larger only for a collection gathered after an early stop, whose unread
 *                    elements are counted as cancelled
 * @param succeeded   {@link Outcome.Success} outcomes
 * @param failed      {@link Outcome.Failure} outcomes
 * @param timedOut    {@link Outcome.TimedOut} outcomes
 * @param cancelled   {@link Outcome.Cancelled} outcomes
 * @param maxRunning  the most tasks seen running at once by the run itself
 * @param stopReason  why the run ended
 */
public record RunSummary(String strategy, int width, long startNanos, long endNanos, long read,
                         long succeeded, long failed, long timedOut, long cancelled,
                         int maxRunning, StopReason stopReason) {

    /** @return nanoseconds from start to the last outcome: the makespan */
    public long makespanNanos() {
        return endNanos - startNanos;
    }

    /** @return succeeded + failed + timedOut + cancelled */
    public long outcomes() {
        return succeeded + failed + timedOut + cancelled;
    }
}
