package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.server.SleepRecord;
import dev.fanout.core.AsyncFanOutTask;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Any HTTP service as the workload ({@code fanout run --target}): one {@link ItemClient}, configured as
 * against the latency server, and nothing else. What only the local server knows (its own counts,
 * the delays it injected) is not known here: {@link #stats()} is empty and nothing is slept, so the
 * ideal makespan comes from the round trips measured by the client instead
 * ({@link #roundTrips(Histogram)}).
 */
public final class TargetWorkload implements Workload {

    private static final ServerStats UNKNOWN = new ServerStats(0, Map.of(), 0, 0, 0, 0, 0);

    private final UrlTemplate target;
    private final ItemClient client;

    private TargetWorkload(UrlTemplate target, ItemClient client) {
        this.target = target;
        this.client = client;
    }

    /**
     * @param clientName     {@code okhttp} or {@code jdk}
     * @param target         where item {@code n} lives
     * @param maxInFlight    the most calls in flight at once (the client's pool)
     * @param requestTimeout the client's stall guard; zero for none
     */
    public static TargetWorkload start(String clientName, UrlTemplate target, int maxInFlight, Duration requestTimeout) {
        Objects.requireNonNull(target, "target must not be null");
        return new TargetWorkload(target, ItemClient.create(clientName, target, maxInFlight, requestTimeout));
    }

    /** @return where item {@code n} lives */
    public UrlTemplate target() {
        return target;
    }

    /**
     * What the ideal is computed from when no server records what it slept: each answered request's
     * round trip as the client measured it, so the ideal includes the network and the service's own
     * time, and an efficiency of 1 means the strategy added nothing to them.
     *
     * @param serviceMicros the round trips of the answered requests, microseconds
     */
    public static SleepRecord roundTrips(Histogram serviceMicros) {
        long count = serviceMicros.getTotalCount();
        if (count == 0) {
            return SleepRecord.NONE;
        }
        long sumNanos = Math.round(serviceMicros.getMean() * count * 1000);
        long max = serviceMicros.getMaxValue() * 1000;
        long min = serviceMicros.getMinValue() * 1000;
        return new SleepRecord(count, sumNanos, max, min, sumNanos, max);
    }

    @Override
    public String name() {
        return "target";
    }

    @Override
    public String client() {
        return client.name();
    }

    @Override
    public AsyncFanOutTask<Long, Integer> task() {
        return client;
    }

    /** @throws UnsupportedOperationException always: a service's latency is its own, not a profile */
    @Override
    public LatencyProfile latency() {
        throw new UnsupportedOperationException("a target's latency is its own; only its round trips are measured");
    }

    /** @return nothing: only the service itself knows what it saw */
    @Override
    public ServerStats stats() {
        return UNKNOWN;
    }

    @Override
    public void resetStats() {
    }

    /** @return nothing: no delay is injected here */
    @Override
    public SleepRecord drainSlept() {
        return SleepRecord.NONE;
    }

    /** @throws UnsupportedOperationException when switched on: a service answers as it does */
    @Override
    public void answerAtOnce(boolean on) {
        if (on) {
            throw new UnsupportedOperationException("a target answers as it does; warm up against it with real requests");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
