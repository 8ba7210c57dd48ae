package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.server.SleepRecord;
import dev.fanout.core.AsyncFanOutTask;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the fan-outs of a benchmark or a run call, and its own record of what it saw:
 * <ul>
 *   <li>{@code http}: a real client ({@link ItemClient}) against the local latency server; the
 *       server's records are the evidence;</li>
 *   <li>{@code sim}: the same latency profiles in-process ({@link SimWorkload}): each task parks for
 *       the delay drawn from the same seeded sequence, no sockets. Its efficiency is the strategy's
 *       own cost; {@code http} minus {@code sim} is the harness's.</li>
 * </ul>
 * Both record the time really slept (the ideal makespan is computed from it) and the most calls in
 * flight at once (the proof of a bound).
 */
public interface Workload extends AutoCloseable {

    /** The workload names, the default first. */
    List<String> NAMES = List.of("http", "sim");

    /** The client name of a workload without one. */
    String NO_CLIENT = "none";

    /** @return the one-line message for a workload name that does not exist */
    static String unknown(String name) {
        return "unknown workload '" + name + "'; valid workloads: " + String.join(", ", NAMES);
    }

    /** @return {@code http} or {@code sim} */
    String name();

    /** @return the HTTP client's name, or {@value #NO_CLIENT} */
    String client();

    /** @return the task to fan out: one call per item; blocking and asynchronous forms */
    AsyncFanOutTask<Long, Integer> task();

    LatencyProfile latency();

    /** @return what the workload saw since it started or since {@link #resetStats()} */
    ServerStats stats();

    /** @return what the server's queueing limit saw, when it has one ({@code --server-capacity}) */
    default java.util.Optional<dev.fanout.benchmarks.server.QueueStats> queueStats() {
        return java.util.Optional.empty();
    }

    /** Starts counting afresh, and forgets what was slept. */
    void resetStats();

    /** @return what was slept since the last call (or reset), and forgets it */
    SleepRecord drainSlept();

    /** While on, every call is answered at once with no delay and no record: for warming up the JIT. */
    void answerAtOnce(boolean on);

    @Override
    void close();

    static Builder builder() {
        return new Builder();
    }

    /** Configures and starts a workload; every setter checks its argument. */
    final class Builder {
        private String workload = "http";
        private String client = ItemClient.DEFAULT;
        private LatencyProfile latency = new LatencyProfile.Fixed(Duration.ZERO);
        private Faults faults = Faults.NONE;
        private long seed = 42;
        private int maxInFlight = 64;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private dev.fanout.core.Rate serverRate;

        private Builder() {
        }

        /** @param serverRate the server answers 429 beyond this many requests a second; {@code http} only; null for none */
        public Builder serverRate(dev.fanout.core.Rate serverRate) {
            this.serverRate = serverRate;
            return this;
        }

        /** @param workload {@code http} or {@code sim} */
        public Builder workload(String workload) {
            if (!NAMES.contains(workload)) {
                throw new IllegalArgumentException(unknown(workload));
            }
            this.workload = workload;
            return this;
        }

        /** @param client {@code okhttp}, {@code jetty} or {@code jdk}; ignored by {@code sim} */
        public Builder client(String client) {
            if (!ItemClient.NAMES.contains(client) && !NO_CLIENT.equals(client)) {
                throw new IllegalArgumentException(ItemClient.unknown(client));
            }
            this.client = client;
            return this;
        }

        public Builder latency(LatencyProfile latency) {
            this.latency = Objects.requireNonNull(latency, "latency must not be null");
            return this;
        }

        /** @param faults injected faults; {@code http} only: the sim has no server to misbehave */
        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults must not be null");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param maxInFlight the most calls in flight at once (sizes the client's pool, the server's backlog) */
        public Builder maxInFlight(int maxInFlight) {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
            }
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** @param requestTimeout the HTTP client's stall guard; zero for none */
        public Builder requestTimeout(Duration requestTimeout) {
            if (requestTimeout == null || requestTimeout.isNegative()) {
                throw new IllegalArgumentException("requestTimeout must be zero or positive, was " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Workload start() throws IOException {
            if (workload.equals("sim")) {
                if (faults.any() || serverRate != null) {
                    throw new IllegalArgumentException("faults (" + (serverRate != null ? "a server rate" : faults.spec())
                            + ") need the http workload: the sim has no server to misbehave");
                }
                return new SimWorkload(latency, seed);
            }
            if (NO_CLIENT.equals(client)) {
                throw new IllegalArgumentException("the http workload needs a client; valid clients: " + String.join(", ", ItemClient.NAMES));
            }
            HttpWorkload http = HttpWorkload.start(client, latency, faults, seed, maxInFlight, requestTimeout);
            http.server().rateLimit(serverRate);
            return http;
        }
    }
}
