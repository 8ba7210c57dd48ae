package dev.fanout.core;

/**
 * Receives the outcomes of a streaming run, in the order they finish (asyncio's
 * {@code as_completed}).
 *
 * <p>It is called on the thread that called {@link FanOutStrategy#stream}, one outcome at a time,
 * so it needs no synchronisation. An exception it throws cancels the run (as an interrupt would)
 * and is rethrown to the caller.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface OutcomeSink<R> {
    void accept(Outcome<R> outcome);
}
