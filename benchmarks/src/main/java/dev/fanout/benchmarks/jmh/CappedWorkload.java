package dev.fanout.benchmarks.jmh;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.server.SleepRecord;
import dev.fanout.benchmarks.workload.Workload;
import dev.fanout.core.AsyncFanOutTask;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A workload that sends at most {@code cap} requests: {@code bench --target}'s promise to a real
 * service, kept in each fork whatever JMH does (an iteration runs one fan-out at the iteration time
 * the command sets, but the cap must not depend on that). A call beyond the cap fails at once,
 * unsent, and is counted as any failure.
 */
final class CappedWorkload implements Workload {

    private final Workload inner;
    private final AtomicLong left;
    private final AsyncFanOutTask<Long, Integer> task;

    CappedWorkload(Workload inner, long cap) {
        this.inner = inner;
        this.left = new AtomicLong(cap);
        AsyncFanOutTask<Long, Integer> calls = inner.task();
        this.task = item -> left.getAndDecrement() > 0 ? calls.callAsync(item)
                : CompletableFuture.failedFuture(new IOException("not sent: the request cap (--max-requests) is spent"));
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String client() {
        return inner.client();
    }

    @Override
    public AsyncFanOutTask<Long, Integer> task() {
        return task;
    }

    @Override
    public LatencyProfile latency() {
        return inner.latency();
    }

    @Override
    public ServerStats stats() {
        return inner.stats();
    }

    @Override
    public void resetStats() {
        inner.resetStats();
    }

    @Override
    public SleepRecord drainSlept() {
        return inner.drainSlept();
    }

    @Override
    public void answerAtOnce(boolean on) {
        inner.answerAtOnce(on);
    }

    @Override
    public void close() {
        inner.close();
    }
}
