package dev.fanout.strategies.limit;

import dev.fanout.core.NanoClock;

/**
 * A concurrency limit that moves with what the calls say: how many calls may be in flight now. The
 * {@code adaptive} strategy holds its permits at {@link #limit()} and hands every call's outcome
 * back through {@link #onSample}. The shape is Netflix concurrency-limits' {@code Limit}: an
 * algorithm fed with samples, nothing else; the permits are the strategy's business.
 *
 * <p>Two kinds of sample: a <em>loss</em> ({@code dropped}: the callee refused the call as
 * overloaded, or it timed out), and a round trip (the call got its answer in {@code rttNanos}).
 * Failures that say nothing about load (a bug, a 404, a cancelled call) are not samples at all.
 *
 * <p>Times are nanoseconds of the clock the limit was made with ({@link Factory#create}), the same
 * clock the run stamps its calls with, so a test can drive a limit with a clock of its own.
 * Implementations are thread-safe: samples arrive from every thread that ends a call.
 */
public interface Limit {

    /** @return how many calls may be in flight now: at least 1, at most the ceiling it was made with */
    int limit();

    /**
     * One call's outcome.
     *
     * @param startNanos when the call started
     * @param rttNanos   how long it took, start to answer
     * @param inFlight   calls in flight when it started, itself included
     * @param dropped    a loss: the callee refused it as overloaded, or it timed out
     */
    void onSample(long startNanos, long rttNanos, int inFlight, boolean dropped);

    /** Makes the limit of one fan-out (or of every fan-out of one strategy instance). */
    @FunctionalInterface
    interface Factory {

        /**
         * @param ceiling the most the limit may allow, at least 1: the fan-out's width
         * @param clock   the clock of the calls' timings
         * @return a new limit
         */
        Limit create(int ceiling, NanoClock clock);
    }
}
