package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LatencyServer;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.server.SleepRecord;
import dev.fanout.core.AsyncFanOutTask;

import java.io.IOException;
import java.time.Duration;

/** The {@code http} workload: one {@link ItemClient} against one {@link LatencyServer}. */
final class HttpWorkload implements Workload {

    private final LatencyServer server;
    private final ItemClient client;

    HttpWorkload(LatencyServer server, ItemClient client) {
        this.server = server;
        this.client = client;
    }

    static HttpWorkload start(String clientName, LatencyProfile latency, Faults faults, long seed, int maxInFlight,
                              Duration requestTimeout) throws IOException {
        LatencyServer server = LatencyServer.builder().latency(latency).faults(faults).seed(seed)
                .backlog(Math.max(1024, maxInFlight)).start();
        try {
            return new HttpWorkload(server, ItemClient.create(clientName, server.baseUri(), maxInFlight, requestTimeout));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** @return the server, for what only it can tell */
    LatencyServer server() {
        return server;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String client() {
        return client.name();
    }

    @Override
    public AsyncFanOutTask<Long, Integer> task() {
        return client;
    }

    @Override
    public LatencyProfile latency() {
        return server.latency();
    }

    @Override
    public ServerStats stats() {
        return server.stats();
    }

    @Override
    public java.util.Optional<dev.fanout.benchmarks.server.QueueStats> queueStats() {
        return server.queueStats();
    }

    @Override
    public void resetStats() {
        server.resetStats();
    }

    @Override
    public SleepRecord drainSlept() {
        return server.drainSlept();
    }

    @Override
    public void answerAtOnce(boolean on) {
        server.answerAtOnce(on);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
