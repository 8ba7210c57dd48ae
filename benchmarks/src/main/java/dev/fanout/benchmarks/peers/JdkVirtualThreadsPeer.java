package dev.fanout.benchmarks.peers;

import dev.fanout.core.AsyncFanOutTask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * A virtual thread per item, and a {@code Semaphore(width)} around each call: the way JEP 444 says to
 * limit concurrency with virtual threads (do not pool them; guard the scarce resource). Every item
 * gets its thread at once; at most {@code width} of them are inside the call.
 */
final class JdkVirtualThreadsPeer implements Peer {

    static final String NAME = "jdk-virtual-threads";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Executors.newVirtualThreadPerTaskExecutor(), each call inside a Semaphore(width)";
    }

    @Override
    public long fanOut(long items, int width, AsyncFanOutTask<Long, Integer> task) throws Exception {
        Semaphore permits = new Semaphore(width);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < items; i++) {
                long item = i;
                results.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return task.call(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        for (Future<Integer> result : results) {
            result.get();
        }
        return results.size();
    }
}
