package dev.fanout.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A call that can be made without holding a thread while it is in flight: {@link #callAsync} starts
 * it and returns at once with a future, the way asyncio's coroutines return to the event loop.
 * {@code java.net.http.HttpClient.sendAsync} is such a call.
 *
 * <p>Non-blocking strategies keep {@code width} futures outstanding and stop a call early by
 * {@linkplain CompletableFuture#cancel cancelling} its future, so an implementation should make a
 * cancel abort the work behind the future (the exchange, the query), not only the future itself.
 *
 * <p>Every other strategy runs a task on a thread and calls {@link #call}, whose default waits for
 * the future and turns an interrupt into a cancel; an implementation with a cheaper blocking path
 * may override it.
 *
 * <p>The trap (asyncio's "cardinal rule"): {@code callAsync} must not block before it returns. One
 * that does the call synchronously and returns a completed future turns every non-blocking strategy
 * into a sequential one.
 *
 * @param <I> the input type
 * @param <R> the result type
 */
public interface AsyncFanOutTask<I, R> extends FanOutTask<I, R> {

    /**
     * Starts the call for one input and returns without waiting for it.
     *
     * @param input the input, as the iterator returned it
     * @return the call's future, never {@code null}; it completes with the result, or exceptionally
     *         with the failure
     * @throws Exception a failure to start the call; it becomes a {@link Outcome.Failure} of this input
     */
    CompletableFuture<R> callAsync(I input) throws Exception;

    /**
     * The blocking form: starts the call and waits for it. An interrupt while waiting cancels the
     * future and is rethrown as {@link InterruptedException}; an exceptional completion rethrows
     * its cause.
     */
    @Override
    default R call(I input) throws Exception {
        CompletableFuture<R> future = Objects.requireNonNull(callAsync(input),
                () -> "callAsync returned null for input " + input);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }
}
