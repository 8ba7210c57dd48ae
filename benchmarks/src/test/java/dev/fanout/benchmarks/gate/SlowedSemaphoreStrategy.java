package dev.fanout.benchmarks.gate;

import dev.fanout.core.Capabilities;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.RunSummary;
import dev.fanout.strategies.SemaphoreStrategy;

import java.time.Duration;
import java.util.Iterator;

/**
 * A deliberately slower semaphore strategy, for the regression gate's end-to-end test only: every
 * task takes 25% longer than the call it makes. It reports the name {@code semaphore}, so that
 * substituted with {@code -Dfanout.strategy.semaphore=...} its results compare point for point with
 * a baseline of the real one.
 */
public final class SlowedSemaphoreStrategy implements FanOutStrategy {

    private final SemaphoreStrategy real = new SemaphoreStrategy();

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public String description() {
        return "the semaphore strategy with 25% extra latency per task (a test's regression)";
    }

    @Override
    public Capabilities capabilities() {
        return real.capabilities();
    }

    @Override
    public <I, R> RunSummary stream(Iterator<? extends I> inputs, FanOutTask<I, R> task, FanOutOptions options,
                                    OutcomeSink<R> sink) throws InterruptedException {
        FanOutTask<I, R> slower = input -> {
            long start = System.nanoTime();
            R result = task.call(input);
            Thread.sleep(Duration.ofNanos((System.nanoTime() - start) / 4));
            return result;
        };
        return real.stream(inputs, slower, options, sink);
    }
}
