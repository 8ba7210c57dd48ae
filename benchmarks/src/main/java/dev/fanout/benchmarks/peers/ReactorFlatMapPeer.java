package dev.fanout.benchmarks.peers;

import dev.fanout.core.AsyncFanOutTask;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

/**
 * Project Reactor, as a Reactor user writes a bounded fan-out: {@code Flux.flatMap(call, width)}
 * over {@code Mono.fromFuture} of the non-blocking call, so at most {@code width} inner publishers
 * are subscribed (calls in flight) and no thread is held per call by Reactor itself (the HTTP
 * client's asynchronous path decides that: Jetty's and the JDK client's hold none, OkHttp's
 * {@code enqueue} a dispatcher thread per call). The {@code threads-or-futures} profile runs it on
 * Jetty, {@code async}'s own client, so the two non-blocking contenders meet on equal terms.
 * Cancelling the subscription cancels the futures.
 */
final class ReactorFlatMapPeer implements Peer {

    static final String NAME = "reactor-flatmap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Flux.range(0, n).flatMap(i -> Mono.fromFuture(callAsync(i)), width).count().block()";
    }

    @Override
    public long fanOut(long items, int width, AsyncFanOutTask<Long, Integer> task) {
        Long succeeded = Flux.range(0, Math.toIntExact(items))
                .flatMap(i -> Mono.fromFuture(() -> start(task, i)), width)
                .count()
                .block();
        return succeeded == null ? 0 : succeeded;
    }

    private static CompletableFuture<Integer> start(AsyncFanOutTask<Long, Integer> task, int item) {
        try {
            return task.callAsync((long) item);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
