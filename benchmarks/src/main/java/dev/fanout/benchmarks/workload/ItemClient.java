package dev.fanout.benchmarks.workload;

import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.strategies.AsyncStrategy;
import dev.fanout.strategies.HedgedStrategy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP task of every benchmark: one {@code GET /item/{n}} per input item (or, against any service,
 * one GET of a {@link UrlTemplate} per item), over one shared client
 * configured for measuring. A 2xx answer is the result (its status code); any other status is a
 * {@link HttpStatusException} naming it.
 *
 * <p>Three clients, the same promises:
 * <ul>
 *   <li>{@code okhttp} (the default of every strategy but {@code async}; measured cheaper, see
 *       README): the blocking {@link #call} runs the whole exchange on the calling thread;
 *       {@link #callAsync} uses OkHttp's {@code enqueue}, which runs each call on a thread of
 *       OkHttp's dispatcher pool, so it is asynchronous but not non-blocking (a thread per call in
 *       flight).</li>
 *   <li>{@code jetty} (the default of {@code async}, {@link #defaultFor}): Jetty's
 *       {@code HttpClient}, non-blocking with a fixed thread count: one selector and a few threads
 *       for completions, whatever the width; the blocking call waits for the asynchronous one.</li>
 *   <li>{@code jdk}: {@code java.net.http.HttpClient}; {@link #callAsync} is {@code sendAsync},
 *       non-blocking, its completions on a small fixed executor; the blocking call waits for it, as
 *       the JDK's own {@code send} does.</li>
 * </ul>
 *
 * <p>Stopping a call early: an interrupt of the thread blocked in {@link #call} aborts the exchange
 * (the connection is closed, never returned to the pool) and the call throws
 * {@link InterruptedException}; cancelling the future of {@link #callAsync} aborts it too. That is
 * how a strategy's timeout, fail-fast or the caller's interrupt reach the request.
 *
 * <p>A dropped connection (the server closes it before any answer): OkHttp is configured not to
 * retry and Jetty does not, so the item fails and the server counts one request. The JDK client retries a GET once
 * when a <em>kept-alive</em> connection closes like that (it takes it for a stale connection), so
 * the server counts both requests, and the item fails only when the retry is dropped too. For both:
 * requests counted by the server minus items = dropped requests minus failed items (plus the hedges
 * of the {@code hedged} strategy: a GET is idempotent, so the client says so, {@link HedgedStrategy.Idempotent}).
 *
 * <p>The request timeout is a stall guard, not a per-request timer: one thread per client looks at
 * the exchanges in flight every half timeout and aborts those it has seen for a whole timeout, so a
 * stall ends with {@link java.net.http.HttpTimeoutException} between 1 and 1.5 timeouts after it began.
 * A per-request timer costs on every request: the JDK's {@code HttpRequest.timeout} registers a timer
 * and wakes the selector thread, OkHttp's timeouts wake its watchdog thread on every read.
 */
public interface ItemClient extends AsyncFanOutTask<Long, Integer>, HedgedStrategy.Idempotent, AutoCloseable {

    /** The client names {@link #create} accepts, the default first. */
    List<String> NAMES = List.of("okhttp", "jetty", "jdk");

    /** The client used when none is named (but see {@link #defaultFor}). */
    String DEFAULT = "okhttp";

    /** The non-blocking client: a call in flight holds no thread; {@code async}'s default. */
    String NON_BLOCKING = "jetty";

    /**
     * @param strategy a strategy's name
     * @return the client it runs on when none is named: {@value #NON_BLOCKING} for {@code async}, whose
     *         calls in flight would otherwise each hold an OkHttp dispatcher thread; {@value #DEFAULT}
     *         for the rest, which block a (virtual) thread per call whatever the client
     */
    static String defaultFor(String strategy) {
        return AsyncStrategy.NAME.equals(strategy) ? NON_BLOCKING : DEFAULT;
    }

    /**
     * @param name           {@code okhttp}, {@code jetty} or {@code jdk}
     * @param base           the server, such as {@code http://127.0.0.1:41234}
     * @param maxInFlight    the most calls that will be in flight at once: OkHttp keeps this many
     *                       connections idle in its pool and lets this many run per host; Jetty
     *                       opens and queues up to this many (at least its defaults, 64 and 1,024)
     * @param requestTimeout how long one request may go unanswered before it fails; zero or null for
     *                       no limit (then nothing watches for stalls at all)
     * @throws IllegalArgumentException for an unknown name (listing the valid ones) or a bad argument
     */
    static ItemClient create(String name, URI base, int maxInFlight, Duration requestTimeout) {
        return create(name, UrlTemplate.items(base), maxInFlight, requestTimeout);
    }

    /**
     * A client of any HTTP service: item {@code n} is {@code GET target.expand(n)} ({@code fanout run
     * --target}). The same configuration as against the latency server.
     *
     * @param target where item {@code n} lives, such as {@code http://127.0.0.1:8080/item/{n}}
     * @see #create(String, URI, int, Duration)
     */
    static ItemClient create(String name, UrlTemplate target, int maxInFlight, Duration requestTimeout) {
        java.util.Objects.requireNonNull(target, "target must not be null");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (requestTimeout != null && requestTimeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must not be negative, was " + requestTimeout);
        }
        Duration timeout = requestTimeout == null || requestTimeout.isZero() ? null : requestTimeout;
        return switch (name) {
            case "okhttp" -> new OkHttpItemClient(target, maxInFlight, timeout);
            case "jetty" -> new JettyItemClient(target, maxInFlight, timeout);
            case "jdk" -> new JdkItemClient(target, timeout);
            default -> throw new IllegalArgumentException(unknown(name));
        };
    }

    /** @return the one-line message for a client name that does not exist */
    static String unknown(String name) {
        return "unknown client '" + name + "'; valid clients: " + String.join(", ", NAMES);
    }

    /** @return {@code okhttp}, {@code jetty} or {@code jdk} */
    String name();

    /** @return a future of the 2xx status code; cancelling it aborts the exchange */
    @Override
    CompletableFuture<Integer> callAsync(Long item);

    @Override
    void close();
}
