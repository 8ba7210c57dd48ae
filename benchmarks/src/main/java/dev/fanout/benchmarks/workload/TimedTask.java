package dev.fanout.benchmarks.workload;

import dev.fanout.core.AsyncFanOutTask;

import java.util.concurrent.CompletableFuture;

/**
 * The timing of every call, taken around it by this wrapper and not by the code that makes it, so
 * that every strategy, peer and scenario contender is measured the same way: service time from the call's start to its end
 * (for {@link #callAsync}, to the completion of its future, before the peer's code sees it).
 * Cancelling the returned future cancels the call's own future.
 */
public final class TimedTask implements AsyncFanOutTask<Long, Integer> {

    /** Hears every call's timing and result (null on a failure), from any thread. */
    public interface Sink {
        void record(long item, long startNanos, long endNanos, Integer result, Throwable failure);
    }

    private final AsyncFanOutTask<Long, Integer> task;
    private final Sink sink;

    public TimedTask(AsyncFanOutTask<Long, Integer> task, Sink sink) {
        this.task = task;
        this.sink = sink;
    }

    @Override
    public Integer call(Long item) throws Exception {
        long start = System.nanoTime();
        Integer result = null;
        Throwable failure = null;
        try {
            result = task.call(item);
            return result;
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            sink.record(item, start, System.nanoTime(), result, failure);
        }
    }

    @Override
    public CompletableFuture<Integer> callAsync(Long item) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Integer> call = task.callAsync(item);
        Timed timed = new Timed(call);
        call.whenComplete((result, failure) -> {
            sink.record(item, start, System.nanoTime(), result, failure);
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
