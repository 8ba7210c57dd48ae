package dev.fanout.benchmarks.jmh;

import dev.fanout.core.AsyncFanOutTask;

import java.util.concurrent.CompletableFuture;

/**
 * The timing of a peer's calls, taken around each call by this wrapper and not by the peer's own
 * code, so that every peer is measured the same way: service time from the call's start to its end
 * (for {@link #callAsync}, to the completion of its future, before the peer's code sees it).
 * Cancelling the returned future cancels the call's own future.
 */
final class TimedTask implements AsyncFanOutTask<Long, Integer> {

    /** Hears every call's timing, from any thread. */
    interface Sink {
        void record(long item, long startNanos, long endNanos, Throwable failure);
    }

    private final AsyncFanOutTask<Long, Integer> task;
    private final Sink sink;

    TimedTask(AsyncFanOutTask<Long, Integer> task, Sink sink) {
        this.task = task;
        this.sink = sink;
    }

    @Override
    public Integer call(Long item) throws Exception {
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            return task.call(item);
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            sink.record(item, start, System.nanoTime(), failure);
        }
    }

    @Override
    public CompletableFuture<Integer> callAsync(Long item) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Integer> call = task.callAsync(item);
        Timed timed = new Timed(call);
        call.whenComplete((result, failure) -> {
            sink.record(item, start, System.nanoTime(), failure);
            if (failure != null) {
                timed.completeExceptionally(failure);
            } else {
                timed.complete(result);
            }
        });
        return timed;
    }

    private static final class Timed extends CompletableFuture<Integer> {
        private final CompletableFuture<Integer> call;

        Timed(CompletableFuture<Integer> call) {
            this.call = call;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            call.cancel(mayInterruptIfRunning);
            return cancelled;
        }
    }
}
