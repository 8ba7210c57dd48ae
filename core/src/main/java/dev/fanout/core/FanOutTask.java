package dev.fanout.core;

/**
 * One I/O-bound call made for one input: an HTTP request, a database query, a file read.
 *
 * <p>A task blocks its thread until the call is done and answers {@link Thread#interrupt()} by
 * ending early (throwing {@link InterruptedException} or any other exception). The strategies rely
 * on that: a per-task timeout, a fail-fast cancellation and a caller's interrupt all reach the task
 * as an interrupt. {@code java.net.http.HttpClient.send}, {@code Thread.sleep}, blocking queues and
 * latches all answer it; a busy loop that never looks at the flag does not, and then the strategy
 * can only wait for it. (An {@link AsyncFanOutTask} that a non-blocking strategy runs without a
 * thread is stopped by a cancel of its future instead.)
 *
 * @param <I> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface FanOutTask<I, R> {

    /**
     * Makes the call for one input.
     *
     * @param input the input, as the iterator returned it (may be {@code null} if the iterator
     *              returns nulls)
     * @return the result; {@code null} is a legal result
     * @throws Exception any failure; it becomes a {@link Outcome.Failure} of this input
     */
    R call(I input) throws Exception;
}
