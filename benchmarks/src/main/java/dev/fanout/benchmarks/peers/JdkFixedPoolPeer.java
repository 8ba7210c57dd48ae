package dev.fanout.benchmarks.peers;

import dev.fanout.core.AsyncFanOutTask;

import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The pre-virtual-thread answer: {@code Executors.newFixedThreadPool(width)} (the width is the pool
 * size, {@code width} platform threads made for the fan-out) and an {@code ExecutorCompletionService}
 * to take the results as they finish ({@code as_completed}). Every item is submitted at once into the
 * pool's unbounded queue.
 */
final class JdkFixedPoolPeer implements Peer {

    static final String NAME = "jdk-fixed-pool";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Executors.newFixedThreadPool(width) and an ExecutorCompletionService, results as they finish";
    }

    @Override
    public long fanOut(long items, int width, AsyncFanOutTask<Long, Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(width);
        try {
            CompletionService<Integer> finished = new ExecutorCompletionService<>(pool);
            for (long i = 0; i < items; i++) {
                long item = i;
                finished.submit(() -> task.call(item));
            }
            for (long i = 0; i < items; i++) {
                finished.take().get();
            }
            return items;
        } finally {
            pool.shutdownNow();
        }
    }
}
