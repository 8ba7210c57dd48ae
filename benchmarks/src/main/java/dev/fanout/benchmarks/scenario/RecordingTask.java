package dev.fanout.benchmarks.scenario;

import dev.fanout.benchmarks.workload.RunTimeline;
import dev.fanout.core.AsyncFanOutTask;

import java.util.concurrent.CompletableFuture;

/**
 * The workload's task with every call's start, end and status written to a timeline, measured the
 * same way for every contender (a strategy's own outcome timing would not exist for a yardstick).
 */
final class RecordingTask implements AsyncFanOutTask<Long, Integer> {

    private final AsyncFanOutTask<Long, Integer> task;
    private final RunTimeline timeline;

    RecordingTask(AsyncFanOutTask<Long, Integer> task, RunTimeline timeline) {
        this.task = task;
        this.timeline = timeline;
    }

    @Override
    public Integer call(Long item) throws Exception {
        long start = System.nanoTime();
        try {
            Integer status = task.call(item);
            timeline.call(start, System.nanoTime(), status == null ? 200 : status);
            return status;
        } catch (InterruptedException e) {
            timeline.call(start, System.nanoTime(), RunTimeline.CANCELLED);
            throw e;
        } catch (Exception e) {
            timeline.call(start, System.nanoTime(), RunTimeline.statusOf(e));
            throw e;
        }
    }

    @Override
    public CompletableFuture<Integer> callAsync(Long item) throws Exception {
        long start = System.nanoTime();
        return task.callAsync(item).whenComplete((status, error) -> timeline.call(start, System.nanoTime(),
                error == null ? (status == null ? 200 : status) : RunTimeline.statusOf(error)));
    }
}
