package dev.fanout.benchmarks.cli;

import dev.fanout.benchmarks.jmh.BenchmarkSettings;
import dev.fanout.benchmarks.suite.BenchPoint;
import dev.fanout.benchmarks.suite.BenchProfile;
import dev.fanout.benchmarks.suite.BenchSection;
import dev.fanout.benchmarks.workload.ItemClient;
import dev.fanout.benchmarks.workload.TargetWorkload;
import dev.fanout.benchmarks.workload.UrlTemplate;
import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.strategies.StrategyRegistry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench --target URL}: a plan's strategies and widths measured against a real service, so
 * with care. What it changes in the plan, and what it promises the service:
 * <ul>
 *   <li>the http sections only, one latency, {@code target} (the service's own), strategies only
 *       (a peer stops at its first failure, and a real service refuses now and then), one fork;</li>
 *   <li>every JMH iteration one fan-out (iterations of 1 ms: an iteration lasts at least one whole
 *       operation), one warm-up iteration, so a point sends exactly {@code (1 + iterations) x items}
 *       requests, and each fork is held to that share whatever JMH does ({@code CappedWorkload});</li>
 *   <li>the total, with three probe requests for the estimate, must fit the cap, or nothing starts;</li>
 *   <li>the forks warm up against an in-process server (the target sees none of it), the client has
 *       a stall guard, and refusals, timeouts and 429s are outcomes, counted per point
 *       ({@code failedPerItem}); the ideal comes from the round trips measured.</li>
 * </ul>
 */
final class BenchTarget {

    /** The latency param of a target's points: the service's own, unknown in advance. */
    static final String LATENCY = "target";
    static final long PROBES = 3;
    /** A fork's fixed cost: the JVM, the local warm-up (at most 10 s), JMH. */
    private static final Duration FORK_OVERHEAD = Duration.ofSeconds(8);

    private final UrlTemplate url;
    private final BenchProfile plan;
    private final long cap;

    private BenchTarget(UrlTemplate url, BenchProfile plan, long cap) {
        this.url = url;
        this.plan = plan;
        this.cap = cap;
    }

    /**
     * @param plan       the plan as the other options left it
     * @param iterations measured fan-outs per point
     * @throws UsageException for anything that would send more, or other, than asked
     */
    static BenchTarget of(String target, boolean acknowledged, long cap, int iterations, BenchProfile plan) {
        UrlTemplate url = UsageException.check("--target: ", () -> UrlTemplate.parse(target));
        if (!acknowledged) {
            throw new UsageException("--target sends REAL traffic to " + url.template() + ": add --send-real-traffic to confirm"
                    + " (and --max-requests N for its cap)");
        }
        if (cap < 1) {
            throw new UsageException("--max-requests must be at least 1, was " + cap);
        }
        if (iterations < 1) {
            throw new UsageException("--iterations must be at least 1, was " + iterations);
        }
        BenchProfile kept = plan.withWorkloads(List.of("http"));
        if (kept.sections().isEmpty()) {
            throw new UsageException("--target: the " + plan.name() + " profile has no http section to measure against it");
        }
        kept = kept.withPeers(List.of()).withScenarios(List.of()).withLatencies(List.of(LATENCY)).withForks(1)
                .withIterations(new BenchSection.Iterations(1, Duration.ofMillis(1), iterations, Duration.ofMillis(1)));
        BenchTarget t = new BenchTarget(url, kept, cap);
        if (t.requests() + PROBES > cap) {
            throw new UsageException("--target: the plan sends " + t.requests() + " requests (" + t.describe() + ") and "
                    + PROBES + " probes, over --max-requests " + cap + "; choose fewer --strategies, --widths or --items,"
                    + " fewer --iterations, or a larger cap");
        }
        return t;
    }

    BenchProfile plan() {
        return plan;
    }

    /** @return the requests the plan sends, probes aside */
    long requests() {
        return plan.points().stream().mapToLong(this::perPoint).sum();
    }

    private long perPoint(BenchPoint p) {
        BenchSection.Iterations it = plan.section(p.section()).iterations();
        return (long) (it.warmup() + it.measurement()) * p.items();
    }

    private String describe() {
        BenchSection.Iterations it = plan.sections().getFirst().iterations();
        return plan.points().size() + " points x " + (it.warmup() + it.measurement()) + " fan-outs (1 warm-up) of their items";
    }

    /** The forks' system properties: where to send, and each fork's share of the cap. */
    Map<String, String> properties(long perFork) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(BenchmarkSettings.TARGET, url.template());
        p.put(BenchmarkSettings.TARGET_MAX_REQUESTS, String.valueOf(perFork));
        return p;
    }

    /** @return the most one fork sends: the largest point's share */
    long perFork() {
        return plan.points().stream().mapToLong(this::perPoint).max().orElse(0);
    }

    /**
     * Sends the three probes (sequentially, with the benchmark's client) and prints the plan, the
     * cap and the time it should take. A probe that fails is said, not fatal: the points will meet
     * the same answer and record it.
     */
    void announce(String client, java.io.PrintStream out) {
        double roundTripSeconds = Double.NaN;
        String problem = null;
        try (TargetWorkload probe = TargetWorkload.start(client, url, 1, Duration.ofSeconds(10))) {
            AsyncFanOutTask<Long, Integer> task = probe.task();
            long start = System.nanoTime();
            for (long i = 0; i < PROBES; i++) {
                task.call(i);
            }
            roundTripSeconds = (System.nanoTime() - start) / 1e9 / PROBES;
        } catch (Exception e) {
            problem = TargetRun.describe(e);
        }
        double seconds = 0;
        for (BenchPoint p : plan.points()) {
            BenchSection.Iterations it = plan.section(p.section()).iterations();
            int width = Math.max(1, Math.min(p.items(), StrategyRegistry.create(p.name()).capabilities().effectiveWidth(p.width())));
            double fanOut = Double.isFinite(roundTripSeconds) ? Math.ceil((double) p.items() / width) * roundTripSeconds : 0;
            seconds += FORK_OVERHEAD.toSeconds() + (it.warmup() + it.measurement()) * fanOut;
        }
        out.printf(Locale.ROOT, "target     %s: %,d requests (%s) and %d probes; cap --max-requests %,d%n",
                url.template(), requests(), describe(), PROBES, cap);
        out.printf(Locale.ROOT, "           %s; about %s%n", problem != null ? "the probes failed: " + problem
                        : String.format(Locale.ROOT, "a probe's round trip %.1f ms", roundTripSeconds * 1000),
                dev.fanout.benchmarks.suite.BenchSuite.human(Duration.ofMillis(Math.round(seconds * 1000))));
    }

    /** @return what {@code target.json} in the results folder says: where the points' requests went, and the cap */
    String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("url", url.template());
        doc.put("maxRequests", cap);
        doc.put("requests", requests());
        doc.put("probes", PROBES);
        doc.put("perFork", perFork());
        return new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(doc) + "\n";
    }

    /** @return the HTTP client the target's points use */
    static String client(BenchProfile plan) {
        return plan.httpClients().isEmpty() ? ItemClient.DEFAULT : plan.httpClients().getFirst();
    }
}
