package dev.fanout.benchmarks.peers;

import dev.fanout.core.AsyncFanOutTask;

import java.util.concurrent.CompletionException;
import java.util.stream.Gatherers;
import java.util.stream.LongStream;

/**
 * {@code Gatherers.mapConcurrent(width, f)} (JDK 24+): a stream stage that runs {@code f} on a
 * virtual thread per element, at most {@code width} at once, and emits the results in input order.
 *
 * <p>The trap: it counts finished but not yet emitted results against its limit, so when a slow call
 * holds the head of the line, fewer than {@code width} calls are in flight (the server's count shows
 * it under a heavy-tailed latency). It also surfaces a failure only when that element reaches the
 * head, and ignores the caller's interrupt until the end.
 */
final class JdkMapConcurrentPeer implements Peer {

    static final String NAME = "jdk-map-concurrent";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "stream.gather(Gatherers.mapConcurrent(width, call)): a virtual thread per element, results in input order";
    }

    @Override
    public long fanOut(long items, int width, AsyncFanOutTask<Long, Integer> task) {
        return LongStream.range(0, items).boxed()
                .gather(Gatherers.mapConcurrent(width, item -> {
                    try {
                        return task.call(item);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }))
                .toList()
                .size();
    }
}
