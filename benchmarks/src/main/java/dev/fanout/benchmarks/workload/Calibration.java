package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LatencyServer;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.OutcomeSink;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * What the harness itself costs, measured before a run so that the run's numbers can be read
 * against it (design, "How performance is measured"):
 * <ul>
 *   <li>warm-up: requests at zero latency until the JIT has compiled the client and server paths
 *       (the first few hundred are 2-3x slower, trap 7);</li>
 *   <li>overhead: p50 service latency minus injected latency, at width 1, with 1 ms injected;</li>
 *   <li>capacity: requests/s at zero latency and width {@value #CAPACITY_WIDTH}, the best of
 *       {@value #CAPACITY_ROUNDS} rounds: the ceiling no strategy can pass on this machine. The best,
 *       not the mean, because a ceiling is what the harness can do, and the JIT keeps improving
 *       the path for tens of thousands of requests.</li>
 * </ul>
 * An overhead above {@value #TRUSTWORTHY_OVERHEAD_MS} ms is the Nagle trap or an overloaded
 * machine: the result says so and the numbers after it cannot be trusted.
 *
 * @param warmupRequests    requests sent to warm up
 * @param overheadMs        p50 service latency minus injected latency at width 1
 * @param overheadLatencyMs the latency injected while measuring the overhead
 * @param capacityRps       requests per second at zero latency and width {@code capacityWidth}
 * @param capacityWidth     the width capacity was measured at
 * @param warning           why the numbers cannot be trusted, or null
 */
public record Calibration(int warmupRequests, double overheadMs, double overheadLatencyMs, double capacityRps,
                          int capacityWidth, String warning) {

    public static final int CAPACITY_WIDTH = 64;
    public static final double TRUSTWORTHY_OVERHEAD_MS = 3.0;
    static final int OVERHEAD_REQUESTS = 300;
    static final int CAPACITY_REQUESTS = 3000;
    static final int CAPACITY_ROUNDS = 3;
    private static final Duration OVERHEAD_LATENCY = Duration.ofMillis(1);

    /** @return whether the harness looked healthy */
    public boolean trustworthy() {
        return warning == null;
    }

    /**
     * Measures the harness with the given client kind and a calibrating strategy.
     *
     * @param clientName     the {@link ItemClient} to use, as the run will
     * @param strategy       the strategy that drives calibration (a bounded one, such as semaphore)
     * @param warmupRequests requests to warm up with, at least 0
     */
    public static Calibration measure(String clientName, FanOutStrategy strategy, int warmupRequests)
            throws IOException, InterruptedException {
        if (warmupRequests < 0) {
            throw new IllegalArgumentException("warmupRequests must be at least 0, was " + warmupRequests);
        }
        OutcomeSink<Integer> ignore = o -> { };
        Duration requestTimeout = Duration.ofSeconds(10);
        try (LatencyServer zero = LatencyServer.builder().start();
             ItemClient client = ItemClient.create(clientName, zero.baseUri(), requestTimeout)) {
            if (warmupRequests > 0) {
                FanOutMeasurement.measure(strategy, FanOutOptions.builder().width(8).build(), client, zero,
                        warmupRequests, FanOutMeasurement.Order.COMPLETION, false, ignore);
            }
            double capacityRps = 0;
            for (int round = 0; round < CAPACITY_ROUNDS; round++) {
                FanOutMeasurement.Result capacity = FanOutMeasurement.measure(strategy,
                        FanOutOptions.builder().width(CAPACITY_WIDTH).build(), client, zero,
                        CAPACITY_REQUESTS, FanOutMeasurement.Order.COMPLETION, false, ignore);
                capacityRps = Math.max(capacityRps, CAPACITY_REQUESTS / (capacity.makespanMs() / 1000.0));
            }

            try (LatencyServer oneMs = LatencyServer.builder().latency(new LatencyProfile.Fixed(OVERHEAD_LATENCY)).start();
                 ItemClient overheadClient = ItemClient.create(clientName, oneMs.baseUri(), requestTimeout)) {
                FanOutMeasurement.Result sequential = FanOutMeasurement.measure(strategy,
                        FanOutOptions.builder().width(1).build(), overheadClient, oneMs,
                        OVERHEAD_REQUESTS, FanOutMeasurement.Order.COMPLETION, false, ignore);
                double p50 = Percentiles.ofMicros(sequential.service()).p50();
                double injectedMs = OVERHEAD_LATENCY.toNanos() / 1e6;
                double overhead = Math.max(0, p50 - injectedMs);
                String warning = overhead > TRUSTWORTHY_OVERHEAD_MS
                        ? String.format(Locale.ROOT, "harness overhead is %.1f ms per request at width 1 (expected under %.0f ms):"
                        + " TCP_NODELAY is off (the Nagle trap) or the machine is overloaded; the numbers of this run cannot be trusted",
                        overhead, TRUSTWORTHY_OVERHEAD_MS)
                        : null;
                return new Calibration(warmupRequests, overhead, injectedMs, capacityRps, CAPACITY_WIDTH, warning);
            }
        }
    }
}
