package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.SleepRecord;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the harness itself (one HTTP client and the latency server, in one JVM) costs, measured
 * before a run so that the run's numbers can be read against it (docs/design.md, "How performance is
 * measured"). Driven by plain code, not by a strategy, so no strategy's own cost is in it:
 * <ul>
 *   <li>warm-up: requests at zero latency, 64 at a time, so the JIT has compiled the client and
 *       server paths (the first few hundred are 2-3x slower, trap 7; measured here, a second
 *       calibration in the same JVM after 2,000 warm-up requests found 1.6-1.8x the capacity of the
 *       first: 10,000 is the command line's default);</li>
 *   <li>capacity: requests/s at zero latency, each request on its own virtual thread behind a
 *       semaphore, at widths {@link #CAPACITY_WIDTHS}, {@value #CAPACITY_ROUNDS} rounds each, in up
 *       to {@value #CAPACITY_PASSES} passes (until a pass no longer raises the best by 5%): the best of
 *       all. The best, not the mean, because a ceiling is what the harness can do; at several widths
 *       and after passes, because one width measured early sits below the ceiling that a strategy
 *       then appears to beat (width 64 alone measured 2,000-3,000 requests/s where a strategy
 *       reached 2,956 at width 256: efficiency 1.02);</li>
 *   <li>overhead: p50 round trip minus the injected latency, one request after another on the
 *       calling thread, with 1 ms injected; the timer's own lateness (the server's slept record) is
 *       reported beside it as {@code sleepOvershootMs}. Measured in {@value #OVERHEAD_ROUNDS} rounds,
 *       and {@code fanout bench} measures as many again after its points ({@link #overheadRounds}):
 *       each round's overhead is kept ({@code overheadRoundsMs}), and how much they scatter over the
 *       run is what the gate's harness line must see a change exceed before it calls the harness
 *       slower (a late timer wake-up moves the overhead by a tenth of a millisecond).</li>
 * </ul>
 * An overhead above {@value #TRUSTWORTHY_OVERHEAD_MS} ms is the Nagle trap or an overloaded
 * machine: the result says so and the numbers after it cannot be trusted.
 *
 * @param client            the HTTP client measured
 * @param warmupRequests    requests sent to warm up
 * @param overheadMs        p50 round trip minus injected latency at width 1
 * @param overheadLatencyMs the latency injected while measuring the overhead
 * @param sleepOvershootMs  how much later than drawn the server's sleeps ended, on average, meanwhile
 * @param capacityRps       requests per second at zero latency: the best of every width and round
 * @param capacityWidth     the width the best was measured at
 * @param capacityByWidth   the best of each width
 * @param warning           why the numbers cannot be trusted, or null
 * @param overheadRoundsMs  the overhead of each round, in order (before the run's points, then after
 *                          them); empty when not measured in rounds
 * @param capacityRoundsRps the capacity before the run's points, then the best of one more pass
 *                          after them
 */
public record Calibration(String client, int warmupRequests, double overheadMs, double overheadLatencyMs,
                          double sleepOvershootMs, double capacityRps, int capacityWidth,
                          Map<Integer, Double> capacityByWidth, String warning, List<Double> overheadRoundsMs,
                          List<Double> capacityRoundsRps) {

    /** A calibration without the capacity measured again. */
    public Calibration(String client, int warmupRequests, double overheadMs, double overheadLatencyMs, double sleepOvershootMs,
                       double capacityRps, int capacityWidth, Map<Integer, Double> capacityByWidth, String warning,
                       List<Double> overheadRoundsMs) {
        this(client, warmupRequests, overheadMs, overheadLatencyMs, sleepOvershootMs, capacityRps, capacityWidth, capacityByWidth,
                warning, overheadRoundsMs, List.of(capacityRps));
    }

    /** A calibration whose overhead was measured in one go. */
    public Calibration(String client, int warmupRequests, double overheadMs, double overheadLatencyMs, double sleepOvershootMs,
                       double capacityRps, int capacityWidth, Map<Integer, Double> capacityByWidth, String warning) {
        this(client, warmupRequests, overheadMs, overheadLatencyMs, sleepOvershootMs, capacityRps, capacityWidth, capacityByWidth,
                warning, List.of());
    }

    public static final List<Integer> CAPACITY_WIDTHS = List.of(16, 64, 256);
    public static final double TRUSTWORTHY_OVERHEAD_MS = 3.0;
    static final int OVERHEAD_REQUESTS = 300;
    static final int OVERHEAD_ROUNDS = 5;
    static final int CAPACITY_REQUESTS = 3000;
    static final int CAPACITY_ROUNDS = 2;
    static final int CAPACITY_PASSES = 3;
    private static final Duration OVERHEAD_LATENCY = Duration.ofMillis(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public Calibration {
        capacityByWidth = Collections.unmodifiableMap(new LinkedHashMap<>(capacityByWidth));
        overheadRoundsMs = List.copyOf(overheadRoundsMs);
        capacityRoundsRps = List.copyOf(capacityRoundsRps);
    }

    /** @return whether the harness looked healthy */
    public boolean trustworthy() {
        return warning == null;
    }

    /**
     * Measures the harness with the given client.
     *
     * @param client         {@code okhttp} or {@code jdk}, as the run will use
     * @param warmupRequests requests to warm up with, at least 0
     */
    public static Calibration measure(String client, int warmupRequests) throws IOException, InterruptedException {
        if (warmupRequests < 0) {
            throw new IllegalArgumentException("warmupRequests must be at least 0, was " + warmupRequests);
        }
        int widest = Collections.max(CAPACITY_WIDTHS);
        Map<Integer, Double> byWidth = new LinkedHashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        try (Workload zero = Workload.builder().client(client).maxInFlight(widest).requestTimeout(REQUEST_TIMEOUT).start()) {
            if (warmupRequests > 0) {
                rate(zero, 64, warmupRequests, problems);
            }
            // Passes over every width until a pass no longer raises the best by 5%: the JIT keeps
            // improving the path for tens of thousands of requests, and a ceiling taken early is low.
            double bestSoFar = 0;
            for (int pass = 0; pass < CAPACITY_PASSES; pass++) {
                for (int width : CAPACITY_WIDTHS) {
                    double best = byWidth.getOrDefault(width, 0.0);
                    for (int round = 0; round < CAPACITY_ROUNDS; round++) {
                        best = Math.max(best, rate(zero, width, CAPACITY_REQUESTS, problems));
                    }
                    byWidth.put(width, best);
                }
                double best = Collections.max(byWidth.values());
                if (best < bestSoFar * 1.05) {
                    break;
                }
                bestSoFar = best;
            }
        }
        int bestWidth = byWidth.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

        try (Workload oneMs = Workload.builder().client(client).latency(new LatencyProfile.Fixed(OVERHEAD_LATENCY))
                .maxInFlight(1).requestTimeout(REQUEST_TIMEOUT).start()) {
            Histogram roundTrips = new Histogram(3_600_000_000L, 3);
            double injectedMs = OVERHEAD_LATENCY.toNanos() / 1e6;
            oneMs.resetStats();
            List<Double> rounds = overheadRounds(oneMs, roundTrips, problems);
            SleepRecord slept = oneMs.drainSlept();
            double p50 = Percentiles.ofMicros(roundTrips).p50();
            double overhead = Math.max(0, p50 - injectedMs);
            String warning = null;
            if (overhead > TRUSTWORTHY_OVERHEAD_MS) {
                warning = String.format(Locale.ROOT, "harness overhead is %.1f ms per request at width 1 (expected under %.0f ms):"
                        + " TCP_NODELAY is off (the Nagle trap) or the machine is overloaded; the numbers of this run cannot be trusted",
                        overhead, TRUSTWORTHY_OVERHEAD_MS);
            } else if (!problems.isEmpty()) {
                warning = problems.size() + " calibration requests failed (first: " + problems.getFirst()
                        + "); the numbers of this run cannot be trusted";
            }
            return new Calibration(client, warmupRequests, overhead, injectedMs, slept.meanOvershootMs(),
                    byWidth.get(bestWidth), bestWidth, byWidth, warning, rounds);
        }
    }

    /**
     * Measures the overhead again, in {@value #OVERHEAD_ROUNDS} rounds, with a fresh workload: what a
     * run does after its points, so that its calibration rounds span the run, not two seconds of it.
     *
     * @return each round's overhead, in milliseconds
     */
    public static List<Double> overheadRounds(String client) throws IOException, InterruptedException {
        try (Workload oneMs = Workload.builder().client(client).latency(new LatencyProfile.Fixed(OVERHEAD_LATENCY))
                .maxInFlight(1).requestTimeout(REQUEST_TIMEOUT).start()) {
            return overheadRounds(oneMs, new Histogram(3_600_000_000L, 3), new java.util.ArrayList<>());
        }
    }

    /** @return the overhead of each round, one request after another; every round trip also goes into {@code all} */
    private static List<Double> overheadRounds(Workload oneMs, Histogram all, List<String> problems) throws InterruptedException {
        double injectedMs = OVERHEAD_LATENCY.toNanos() / 1e6;
        List<Double> rounds = new java.util.ArrayList<>();
        for (int round = 0; round < OVERHEAD_ROUNDS; round++) {
            Histogram thisRound = new Histogram(3_600_000_000L, 3);
            for (long i = 0; i < OVERHEAD_REQUESTS; i++) {
                long start = System.nanoTime();
                try {
                    oneMs.task().call(i);
                } catch (Exception e) {
                    if (e instanceof InterruptedException ie) {
                        throw ie;
                    }
                    problems.add(e.toString());
                    continue;
                }
                thisRound.recordValue((System.nanoTime() - start) / 1000);
            }
            all.add(thisRound);
            if (thisRound.getTotalCount() > 0) {
                rounds.add(Math.max(0, Percentiles.ofMicros(thisRound).p50() - injectedMs));
            }
        }
        return rounds;
    }

    /**
     * Measures the capacity again, one pass over the widths, with a fresh workload: what a run does
     * after its points, so that the capacity has a scatter over the run too.
     *
     * @return the best requests/s of the pass
     */
    public static double capacityAgain(String client) throws IOException, InterruptedException {
        List<String> problems = new java.util.ArrayList<>();
        double best = 0;
        try (Workload zero = Workload.builder().client(client).maxInFlight(Collections.max(CAPACITY_WIDTHS))
                .requestTimeout(REQUEST_TIMEOUT).start()) {
            for (int width : CAPACITY_WIDTHS) {
                for (int round = 0; round < CAPACITY_ROUNDS; round++) {
                    best = Math.max(best, rate(zero, width, CAPACITY_REQUESTS, problems));
                }
            }
        }
        return best;
    }

    /**
     * @return this calibration with more overhead rounds after its own, and the capacity measured
     *         again (both after the run's points)
     */
    public Calibration withRoundsAfter(List<Double> after, double capacityAfter) {
        List<Double> all = new java.util.ArrayList<>(overheadRoundsMs);
        all.addAll(after);
        List<Double> capacities = new java.util.ArrayList<>(capacityRoundsRps);
        capacities.add(capacityAfter);
        return new Calibration(client, warmupRequests, overheadMs, overheadLatencyMs, sleepOvershootMs, capacityRps, capacityWidth,
                capacityByWidth, warning, all, capacities);
    }

    /** @return requests/s of {@code requests} calls, each on its own virtual thread, at most {@code width} at once */
    private static double rate(Workload workload, int width, int requests, List<String> problems) throws InterruptedException {
        Semaphore permits = new Semaphore(width);
        LongAdder failed = new LongAdder();
        String[] firstProblem = new String[1];
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < requests; i++) {
                permits.acquire();
                long item = i;
                threads.execute(() -> {
                    try {
                        workload.task().call(item);
                    } catch (Exception e) {
                        failed.increment();
                        firstProblem[0] = e.toString();
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.sum() > 0) {
            problems.add(firstProblem[0]);
        }
        return requests / seconds;
    }
}
