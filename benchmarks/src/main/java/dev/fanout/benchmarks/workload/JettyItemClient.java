package dev.fanout.benchmarks.workload;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * {@link ItemClient} over Jetty 12's {@code HttpClient}: the benchmarks' non-blocking client. One
 * selector thread does every socket's I/O and the completions run on a fixed pool of
 * {@value #THREADS} threads (the selector among them), so a call in flight is a socket and a future,
 * never a thread: {@code async} at width 10,000 runs on the same few threads as at width 1. OkHttp's
 * {@code enqueue} holds a dispatcher thread per call, and the JDK client's default executor grows
 * with load (290 and 74 threads alive at width 1,024, measured: docs/guide/threads-or-futures.md).
 *
 * <p>Each default that would distort a benchmark is replaced (design, "Harness facts"):
 * <ul>
 *   <li>the executor: a {@code QueuedThreadPool} of exactly {@value #THREADS} threads, all started
 *       at once and none reserved (the default pool grows to 200 and keeps reserved threads spinning
 *       up for the selector);</li>
 *   <li>{@code maxConnectionsPerDestination} and {@code maxRequestsQueuedPerDestination} raised to
 *       {@code maxInFlight} (the defaults, 64 and 1,024, would queue the calls of width 1,024 behind
 *       64 connections, and fail those past 1,024 queued);</li>
 *   <li>no idle timeout and no request timeout: each arms a timer on the scheduler per connection or
 *       per request; the request timeout is the {@link StallGuard}'s instead, and it is the connect
 *       timeout too (one timer per new connection, as the JDK client's);</li>
 *   <li>HTTP/1.1 only, {@code TCP_NODELAY} on, no redirects followed (a benchmark counts what it asked).</li>
 * </ul>
 *
 * <p>{@link #callAsync} is {@code Request.send(listener)}; cancelling its future aborts the request,
 * which closes its connection. The blocking {@link #call} is the interface's: it waits for that
 * future, and an interrupt cancels it. A dropped connection fails the item: Jetty does not retry it.
 * On a loaded machine it now and then also fails an item whose 200 the server sent while connections
 * were being dropped around it (ItemClientTest measures both); not yet understood.
 */
final class JettyItemClient implements ItemClient {

    /**
     * Jetty logs through slf4j, which has no provider here and says so on stderr in three lines the
     * first time a client starts; nothing of Jetty's is logged, so that notice only clutters a run.
     */
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    static {
        if (System.getProperty(SLF4J_VERBOSITY) == null) {
            System.setProperty(SLF4J_VERBOSITY, "ERROR");
        }
    }

    /** Threads of the client: one selector and the rest for completions. */
    static final int THREADS = 4;

    private final HttpClient client;
    private final UrlTemplate target;
    private final StallGuard<GuardedExchange> guard;

    JettyItemClient(UrlTemplate target, int maxInFlight, Duration requestTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, THREADS);
        threads.setName("fanout-jetty");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("fanout-jetty-scheduler", true);
        // Jetty has no connect without a timer (a zero timeout fails the connect): an hour stands for none.
        Duration connectTimeout = requestTimeout == null ? Duration.ofHours(1) : requestTimeout;
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        connector.setTCPNoDelay(true);
        connector.setIdleTimeout(Duration.ZERO);
        connector.setConnectTimeout(connectTimeout);
        this.client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setMaxConnectionsPerDestination(Math.max(64, maxInFlight));
        client.setMaxRequestsQueuedPerDestination(Math.max(1024, maxInFlight));
        client.setIdleTimeout(0);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setFollowRedirects(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the Jetty client did not start: " + e, e);
        }
        this.target = target;
        this.guard = requestTimeout == null ? StallGuard.none() : StallGuard.tracking(name(), requestTimeout, GuardedExchange::expire);
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public CompletableFuture<Integer> callAsync(Long item) {
        Exchange exchange = new Exchange(guard, target, item, client.newRequest(target.expand(item)));
        exchange.sent();
        exchange.request.send(exchange);
        return exchange;
    }

    /** One request; aborting it aborts the Jetty request, which closes its connection. */
    private static final class Exchange extends GuardedExchange implements Response.CompleteListener {
        private final Request request;

        Exchange(StallGuard<GuardedExchange> guard, UrlTemplate target, Long item, Request request) {
            super(guard, target, item);
            this.request = request;
        }

        @Override
        public void onComplete(Result result) {
            if (result.isFailed()) {
                failed(result.getFailure());
            } else {
                answered(result.getResponse().getStatus());
            }
        }

        @Override
        void abort(String why) {
            request.abort(new CancellationException(describe() + ": " + why));
        }
    }

    @Override
    public void close() {
        guard.close();
        try {
            client.stop(); // aborts what is still in flight (a stall), closes every connection, stops its threads
        } catch (Exception e) {
            throw new IllegalStateException("the Jetty client did not stop: " + e, e);
        }
    }
}
