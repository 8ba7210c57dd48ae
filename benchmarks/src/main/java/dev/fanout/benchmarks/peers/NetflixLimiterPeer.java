package dev.fanout.benchmarks.peers;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.OverloadSignal;
import dev.fanout.strategies.limit.LimitListener;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The adaptive strategy's yardstick: Netflix concurrency-limits (0.5.4) around the same calls, as
 * its README has a batch client use it. A {@code SimpleLimiter} with the chosen {@code Limit},
 * wrapped in a {@code BlockingLimiter} so that {@code acquire} waits for a permit (the back-pressure
 * of a batch client), a virtual thread per call, and each call's end reported: answered is
 * {@code onSuccess}, a 429 (an {@link OverloadSignal}) or a timeout is {@code onDropped}, anything
 * else {@code onIgnore}.
 *
 * <p>Settings: the library's defaults, except the bounds, which are the adaptive strategy's: the
 * width as the most ({@code maxLimit} / {@code maxConcurrency}), 10 to start, 1 at the least. The
 * defaults of 20 to start and 20 at the least would keep it above a server limit of 16 for ever.
 *
 * <p>A yardstick of the benchmark scenarios only, not a registered peer: against a server with no
 * limit it is a semaphore at its ceiling like every other peer, and the JMH sections need no more.
 * Unlike the registered peers it does not stop at the first failure: the refusals are what it
 * learns from, and each is an item's outcome.
 */
public final class NetflixLimiterPeer implements Peer {

    /** The two Netflix limits measured: {@code aimd} ({@code AIMDLimit}) and {@code gradient2} ({@code Gradient2Limit}). */
    public static final List<String> LIMITS = List.of("aimd", "gradient2");

    private final String limitName;
    private final LimitListener listener;

    /**
     * @param limitName {@code aimd} or {@code gradient2}
     * @param listener  hears every move of the library's limit
     */
    public NetflixLimiterPeer(String limitName, LimitListener listener) {
        if (!LIMITS.contains(limitName)) {
            throw new IllegalArgumentException("unknown Netflix limit '" + limitName + "'; valid: " + String.join(", ", LIMITS));
        }
        this.limitName = limitName;
        this.listener = listener;
    }

    @Override
    public String name() {
        return "netflix-" + limitName;
    }

    @Override
    public String description() {
        return "Netflix concurrency-limits: BlockingLimiter.wrap(SimpleLimiter with " + (limitName.equals("aimd") ? "AIMDLimit" : "Gradient2Limit")
                + "), a virtual thread per call; 429s and timeouts dropped";
    }

    /** The library's limit with the adaptive strategy's bounds; everything else its defaults. */
    Limit limit(int width) {
        return switch (limitName) {
            case "aimd" -> AIMDLimit.newBuilder().initialLimit(Math.min(10, width)).minLimit(1).maxLimit(width).build();
            default -> Gradient2Limit.newBuilder().initialLimit(Math.min(10, width)).minLimit(1).maxConcurrency(width).build();
        };
    }

    @Override
    public long fanOut(long items, int width, AsyncFanOutTask<Long, Integer> task) throws Exception {
        Limit limit = limit(width);
        limit.notifyOnChange(value -> listener.limitChanged(System.nanoTime(), value));
        listener.limitChanged(System.nanoTime(), limit.getLimit());
        Limiter<Void> limiter = BlockingLimiter.wrap(SimpleLimiter.newBuilder().limit(limit).build());
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < items; i++) {
                Limiter.Listener permit = limiter.acquire(null)
                        .orElseThrow(() -> new IllegalStateException("the blocking limiter gave up waiting for a permit"));
                long item = i;
                results.add(executor.submit(() -> {
                    try {
                        Integer answer = task.call(item);
                        permit.onSuccess();
                        return answer;
                    } catch (Exception e) {
                        if (dropped(e)) {
                            permit.onDropped();
                        } else {
                            permit.onIgnore();
                        }
                        throw e;
                    }
                }));
            }
        }
        long succeeded = 0;
        for (Future<Integer> result : results) {
            if (result.state() == Future.State.SUCCESS) {
                succeeded++;
            }
        }
        return succeeded;
    }

    /** A 429 (or 503), or a timeout: the limiter's "dropped". */
    static boolean dropped(Throwable e) {
        if (OverloadSignal.in(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
