package dev.fanout.benchmarks.workload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * {@link ItemClient} over one shared {@code java.net.http.HttpClient}. HTTP/1.1 on purpose: the
 * client defaults to HTTP/2 and sends upgrade headers on plain http (docs/design.md,
 * "Traps measured on this machine class", trap 5). It has no per-host connection limit, so W requests in
 * flight are W sockets.
 *
 * <p>{@link #callAsync} is {@code sendAsync}; cancelling its future aborts the exchange. The blocking
 * {@link #call} waits for that future and turns an interrupt into a cancel, exactly as the JDK's own
 * {@code send} does (which is {@code sendAsync().get()} too).
 *
 * <p>Completions run on an executor of {@value #THREADS} threads given to the client: its default is
 * a cached pool that grows with load (74 threads alive at width 1,024, measured), so {@code async} on
 * it held a thread per few calls in flight. With the selector thread, the client is then
 * {@value #THREADS} + 1 threads at any width.
 *
 * <p>No {@code HttpRequest.timeout}: it registers a timer and wakes the selector thread on every
 * request; the request timeout is the {@link StallGuard}'s. The keep-alive timeout of idle pooled
 * connections is a system property the client reads once, when its implementation class is loaded
 * ({@value #KEEP_ALIVE_PROPERTY}, 30 s by default, so a benchmark that pauses longer than that between
 * batches would reconnect): it is set here to an hour before the first client is built, unless set
 * already, and the benchmark's forked JVMs get it on their command line.
 */
final class JdkItemClient implements ItemClient {

    static final String KEEP_ALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";
    static final String KEEP_ALIVE_SECONDS = "3600";

    static {
        if (System.getProperty(KEEP_ALIVE_PROPERTY) == null) {
            System.setProperty(KEEP_ALIVE_PROPERTY, KEEP_ALIVE_SECONDS);
        }
    }

    /** Threads of the executor that completes the exchanges' futures. */
    static final int THREADS = 3;

    private final HttpClient client;
    private final ExecutorService completions;
    private final UrlTemplate target;
    private final StallGuard<GuardedExchange> guard;

    JdkItemClient(UrlTemplate target, Duration requestTimeout) {
        this.completions = Executors.newFixedThreadPool(THREADS, Thread.ofPlatform().daemon().name("fanout-jdk-", 1).factory());
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(completions);
        if (requestTimeout != null) {
            builder.connectTimeout(requestTimeout); // a timer per new connection, not per request
        }
        this.client = builder.build();
        this.target = target;
        this.guard = requestTimeout == null ? StallGuard.none() : StallGuard.tracking(name(), requestTimeout, GuardedExchange::expire);
    }

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public CompletableFuture<Integer> callAsync(Long item) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.expand(item))).GET().build();
        CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        Exchange exchange = new Exchange(guard, target, item, sent);
        exchange.sent();
        sent.whenComplete(exchange);
        return exchange;
    }

    /** One exchange; aborting it cancels the JDK's future, which aborts the exchange. */
    private static final class Exchange extends GuardedExchange implements BiConsumer<HttpResponse<Void>, Throwable> {
        private final CompletableFuture<HttpResponse<Void>> sent;

        Exchange(StallGuard<GuardedExchange> guard, UrlTemplate target, Long item, CompletableFuture<HttpResponse<Void>> sent) {
            super(guard, target, item);
            this.sent = sent;
        }

        @Override
        public void accept(HttpResponse<Void> response, Throwable failure) {
            if (failure != null) {
                failed(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            } else {
                answered(response.statusCode());
            }
        }

        @Override
        void abort(String why) {
            sent.cancel(true);
        }
    }

    @Override
    public void close() {
        guard.close();
        client.shutdownNow(); // aborts what is still in flight (a stall), so close() does not wait for it
        client.close();
        completions.shutdownNow();
    }
}
