package dev.fanout.core;

import java.util.Objects;
import java.util.Optional;

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
 * @param slowCall    the first call whose {@link AsyncFanOutTask#callAsync} held the caller's thread
 *                    past the strategy's threshold, if the strategy watches for that (a non-blocking
 *                    one does); empty otherwise
 */
public record RunSummary(String strategy, int width, long startNanos, long endNanos, long read,
                         long succeeded, long failed, long timedOut, long cancelled,
                         int maxRunning, StopReason stopReason, Optional<SlowCall> slowCall) {

    public RunSummary {
        Objects.requireNonNull(slowCall, "slowCall must not be null (use Optional.empty())");
    }

    /** The totals of a run with no slow call to report. */
    public RunSummary(String strategy, int width, long startNanos, long endNanos, long read,
                      long succeeded, long failed, long timedOut, long cancelled,
                      int maxRunning, StopReason stopReason) {
        this(strategy, width, startNanos, endNanos, read, succeeded, failed, timedOut, cancelled, maxRunning,
                stopReason, Optional.empty());
    }

    /** @return nanoseconds from start to the last outcome: the makespan */
    public long makespanNanos() {
        return endNanos - startNanos;
    }

    /** @return succeeded + failed + timedOut + cancelled */
    public long outcomes() {
        return succeeded + failed + timedOut + cancelled;
    }
}
