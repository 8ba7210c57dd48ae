package dev.fanout.benchmarks.workload;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client's request timeout without a timer per request: one daemon thread wakes every half
 * timeout, looks at the exchanges in flight, and aborts any it has now seen three times in a row
 * (so in flight for at least one whole timeout). A stall therefore ends between 1 and 1.5 timeouts
 * after it began, and a request that is answered costs the guard nothing at all.
 *
 * <p>The price of the alternative, measured on the hot path of a benchmark: the JDK's
 * {@code HttpRequest.timeout} registers a timer and wakes the client's selector thread per request;
 * OkHttp's read timeout arms its watchdog on every socket read.
 */
final class StallGuard<E> implements AutoCloseable {

    private final Duration timeout;
    private final Supplier<? extends Collection<? extends E>> inFlight;
    private final Consumer<? super E> abort;
    /** The exchanges in flight when the guard keeps them itself ({@link #tracking}); null otherwise. */
    private final Set<E> tracked;
    private final Set<Object> expired = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    /**
     * A guard over exchanges the client keeps itself (OkHttp's dispatcher does).
     *
     * @param inFlight the exchanges in flight now (a snapshot)
     * @param abort    aborts one exchange; called on the guard's thread after it is marked expired
     */
    static <E> StallGuard<E> over(String clientName, Duration timeout, Supplier<? extends Collection<? extends E>> inFlight,
                                  Consumer<? super E> abort) {
        return new StallGuard<>(clientName, timeout, inFlight, abort, null);
    }

    /**
     * A guard that keeps the exchanges in flight itself: the client calls {@link #sent} when an
     * exchange goes out and {@link #ended} when it completes, whatever ended it.
     *
     * @param abort aborts one exchange; called on the guard's thread after it is marked expired
     */
    static <E> StallGuard<E> tracking(String clientName, Duration timeout, Consumer<? super E> abort) {
        Set<E> tracked = ConcurrentHashMap.newKeySet();
        return new StallGuard<>(clientName, timeout, () -> tracked, abort, tracked);
    }

    /** No request timeout: a guard with no thread, that tracks nothing and never expires anything. */
    static <E> StallGuard<E> none() {
        return new StallGuard<>(null, null, null, null, null);
    }

    private StallGuard(String clientName, Duration timeout, Supplier<? extends Collection<? extends E>> inFlight,
                       Consumer<? super E> abort, Set<E> tracked) {
        this.timeout = timeout;
        this.inFlight = inFlight;
        this.abort = abort;
        this.tracked = tracked;
        this.thread = timeout == null ? null
                : Thread.ofPlatform().daemon().name("fanout-" + clientName + "-stall-guard").unstarted(this::watch);
        if (thread != null) {
            thread.start();
        }
    }

    /** An exchange went out: watch it (a guard made by {@link #tracking}; otherwise nothing). */
    void sent(E exchange) {
        if (tracked != null) {
            tracked.add(exchange);
        }
    }

    /** An exchange ended, answered or not: stop watching it. */
    void ended(E exchange) {
        if (tracked != null) {
            tracked.remove(exchange);
        }
    }

    private void watch() {
        long period = Math.max(1, timeout.toNanos() / 2);
        Map<E, Integer> seen = new IdentityHashMap<>();
        try {
            while (true) {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(period);
                Map<E, Integer> next = new IdentityHashMap<>();
                for (E exchange : inFlight.get()) {
                    int times = seen.getOrDefault(exchange, 0) + 1;
                    if (times >= 3) {
                        expired.add(exchange);
                        abort.accept(exchange);
                    } else {
                        next.put(exchange, times);
                    }
                }
                seen = next;
            }
        } catch (InterruptedException closed) {
            // close() ends the guard
        }
    }

    /** @return whether the guard aborted this exchange (and forgets it) */
    boolean expired(Object exchange) {
        return !expired.isEmpty() && expired.remove(exchange);
    }

    /** @return the exception an expired exchange ends with */
    HttpTimeoutException timeoutOf(String path, Throwable cause) {
        HttpTimeoutException e = new HttpTimeoutException(path + ": no answer within the client's request timeout of "
                + timeout.toMillis() + " ms");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
