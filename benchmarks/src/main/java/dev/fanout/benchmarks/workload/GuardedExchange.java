package dev.fanout.benchmarks.workload;

import java.util.concurrent.CompletableFuture;

/**
 * One request of a non-blocking client as a future of its status, watched by the client's
 * {@link StallGuard}: a 2xx completes it, any other status fails it with an
 * {@link HttpStatusException}, the guard's expiry fails it with the request timeout, and
 * cancelling it aborts the request. The JDK and Jetty clients differ only in how a request is
 * aborted ({@link #abort}); each completes an exchange on its own threads, which must not block.
 */
abstract class GuardedExchange extends CompletableFuture<Integer> {

    private final StallGuard<GuardedExchange> guard;
    private final UrlTemplate target;
    private final long item;

    GuardedExchange(StallGuard<GuardedExchange> guard, UrlTemplate target, long item) {
        this.guard = guard;
        this.target = target;
        this.item = item;
    }

    /** Aborts the request underneath (its connection is closed); {@code why} ends the abort's message. */
    abstract void abort(String why);

    /** @return the request, as error messages name it (built only when one is) */
    final String describe() {
        return target.describe(item);
    }

    /** The request went out: from now on the guard watches it. */
    final void sent() {
        guard.sent(this);
    }

    /** The server answered with this status. */
    final void answered(int status) {
        guard.ended(this);
        if (status < 200 || status > 299) {
            completeExceptionally(new HttpStatusException(status, describe()));
        } else {
            complete(status);
        }
    }

    /** The request failed without an answer. */
    final void failed(Throwable failure) {
        guard.ended(this);
        completeExceptionally(failure);
    }

    /** The guard saw no answer within the request timeout; called on the guard's thread. */
    final void expire() {
        completeExceptionally(guard.timeoutOf(describe(), null));
        abort("no answer within the request timeout");
        guard.expired(this); // the failure is already the timeout: nothing left to look up
    }

    @Override
    public final boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        abort("cancelled");
        return cancelled;
    }
}
