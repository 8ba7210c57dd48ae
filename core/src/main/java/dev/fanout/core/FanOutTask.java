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
 * <p><b>Do not swallow an interrupt.</b> A task that catches {@link InterruptedException} should
 * end (rethrow it, or throw another exception with it as the cause), or restore the flag with
 * {@code Thread.currentThread().interrupt()} before it returns. It matters most under a strategy
 * whose {@link Capabilities#tasksOnCallerThread()} is true ({@code sequential}): there the task runs
 * on the caller's own thread, so the caller's interrupt reaches the task itself, and a task that
 * catches it and returns normally clears it for good: the run goes on as if the caller had never
 * asked it to stop. No strategy can see an interrupt that was cleared. On the caller's thread an
 * {@code InterruptedException} the task throws by itself is, by the same token, the caller's
 * interrupt: it cancels the run.
 *
 * <p>On a strategy's own threads the run stands between the caller and the task: the caller's
 * interrupt cancels the run whatever the tasks do with theirs, and an interrupt the run did not
 * send (the task throws {@code InterruptedException} by itself, or another library interrupts its
 * thread) ends this task alone, as a {@link Outcome.Failure}; it never reaches the next task the
 * thread runs.
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
