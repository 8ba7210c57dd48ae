package dev.fanout.benchmarks.suite;

import dev.fanout.benchmarks.peers.PeerRegistry;
import dev.fanout.benchmarks.workload.ItemClient;
import dev.fanout.strategies.HedgedStrategy;
import dev.fanout.strategies.StrategyRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A named plan of benchmark sections and how many forks measure each point: what `fanout bench` runs.
 *
 * <ul>
 *   <li>{@code smoke}: the whole pipeline in under two minutes, peers included (the regression gate
 *       judges the strategies against them): {@code http} at width 16, and what the strategies
 *       themselves cost, {@code cost} (no-op tasks at width 16) and {@code sim} (width 1024);
 *       the tests and the CI gate use it.</li>
 *   <li>{@code quick}: the default, about ten minutes on 2 cores: {@code http} (strategies and peers
 *       at widths 16, 64, 256, fixed:20ms), {@code http-tail} (a heavy-tailed latency at width 16),
 *       {@code sim} (the same without sockets, widths up to 1024) and {@code cost} (no-op tasks: what
 *       a strategy costs per item, widths 1 to 1024).</li>
 *   <li>{@code full}: for publishing; more widths and profiles, three forks, longer iterations.</li>
 *   <li>{@code threads-or-futures}: virtual threads against futures on a non-blocking client, at
 *       widths the {@code quick} profile does not reach ({@link ThreadsOrFutures}).</li>
 * </ul>
 *
 * Overrides ({@code --strategies}, {@code --peers}, {@code --widths}, ...) apply to every section;
 * a point planned by two sections is measured once, in the first.
 */
public record BenchProfile(String name, List<BenchSection> sections, int forks, List<String> scenarios) {

    /** The JMH profiles; {@value #SCENARIOS} runs the benchmark scenarios only. */
    public static final List<String> NAMES = List.of("smoke", "quick", "full", ThreadsOrFutures.NAME);
    /** The profile of the benchmark scenarios alone (dev.fanout.benchmarks.scenario.Scenarios): no JMH point. */
    public static final String SCENARIOS = "scenarios";

    public BenchProfile {
        sections = List.copyOf(sections);
        scenarios = List.copyOf(scenarios);
    }

    /** A plan of JMH sections without scenarios. */
    public BenchProfile(String name, List<BenchSection> sections, int forks) {
        this(name, sections, forks, List.of());
    }

    /** @return the plan with these benchmark scenarios run after its points (by name, see {@code Scenarios}) */
    public BenchProfile withScenarios(List<String> scenarios) {
        return new BenchProfile(name, sections, forks, scenarios);
    }

    private static final BenchSection.Iterations SMOKE = new BenchSection.Iterations(1, Duration.ofMillis(300), 10, Duration.ofMillis(300));
    private static final BenchSection.Iterations QUICK = new BenchSection.Iterations(1, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
    private static final BenchSection.Iterations QUICK_COST = new BenchSection.Iterations(1, Duration.ofMillis(500), 3, Duration.ofMillis(500));
    private static final BenchSection.Iterations FULL = new BenchSection.Iterations(2, Duration.ofSeconds(5), 5, Duration.ofSeconds(5));

    private static final String SMOKE_NO_SEQUENTIAL = "sequential is left out of smoke: its batch of 48 calls one after"
            + " another is a 1 s operation, and at width 16 no peer is like it; the quick profile measures it";
    private static final String NO_SEQUENTIAL = "sequential is left out: its batch is a sum of sleeps, one after another, whatever the width";
    /** Quick measures adaptive in its http section only (the budget); its own evidence is the scenarios. */
    private static final String ADAPTIVE_ELSEWHERE = "adaptive is measured in the http section only: against a callee"
            + " with no limit it is the semaphore at its ceiling; its evidence is ./fanout bench --profile scenarios";
    /** Hedged cuts a tail; the quick profile's 12 minutes hold it in the one section that has a tail to cut. */
    private static final List<String> NO_HEDGED = List.of(HedgedStrategy.NAME);
    private static final String TAIL_ONLY = "hedged is measured in http-tail only: a fixed latency has no tail for it to cut,"
            + " and its cost per call is the semaphore's plus a sweeper thread";
    private static final String SMOKE_LEFT_OUT = SMOKE_NO_SEQUENTIAL + "; hedged is left out too: at a fixed latency"
            + " there is no tail to hedge, so it runs as the semaphore does (quick's http-tail section measures it)";

    /**
     * The smoke profile's sections on the strategies' own cost. Its http points wait 60 ms a fan-out,
     * beside which a strategy's microseconds per item are noise: a pull request that made every
     * strategy 2.6 times as costly per item passed them (docs/gate.md). So: no-op tasks at width 16,
     * where a strategy's cost per item is all there is to measure, and width 1024 on 20 ms sleeps,
     * where a thousand calls finish at once; each with two virtual-thread peers as the yardstick, which
     * carry the same load and use none of the project's code. Eight 200 ms iterations, not ten of
     * 300 ms: a no-op fan-out of 2,000 items lasts milliseconds, and the smoke profile's two minutes
     * hold 13 more points only so. Left out for the time: no-op tasks at width 256 (contention at a
     * high width is what width 1024 measures, with real waits), and at width 1024 all but the
     * semaphore, the worker pool and async (each with its own way of holding a thousand calls).
     */
    static final List<String> SMOKE_COST_PEERS = List.of("jdk-virtual-threads", "jdk-map-concurrent");
    private static final BenchSection.Iterations SMOKE_COST = new BenchSection.Iterations(1, Duration.ofMillis(200), 8, Duration.ofMillis(200));
    private static final String SMOKE_COST_LEFT_OUT = "sequential, adaptive and hedged are left out: sequential's batch is"
            + " a sum of calls whatever the width, adaptive is the semaphore at its ceiling against a callee with no limit,"
            + " and hedged is the semaphore with nothing to hedge at a fixed latency";

    private static final List<String> SMOKE_HIGH_WIDTH_WITHOUT = List.of("sequential", "all-at-once", "structured", "chunked",
            "adaptive", HedgedStrategy.NAME);
    private static final String SMOKE_HIGH_WIDTH_LEFT_OUT = "all-at-once takes no width, structured is the semaphore's window"
            + " inside a scope, chunked at 1024 is two slices: the cost section measures each, and smoke's two minutes hold"
            + " three strategies here (quick measures every one at width 1024)";

    private static BenchSection smokeCost(List<String> strategies) {
        return new BenchSection("cost", "What a strategy costs per item (no-op tasks, smoke)", "sim", List.of("none"), strategies,
                SMOKE_COST_PEERS, List.of("sequential", "adaptive", HedgedStrategy.NAME), List.of(16), List.of("fixed:0ms"),
                List.of(2000), "Tasks do nothing: items/s is the measure. " + SMOKE_COST_LEFT_OUT + ".", SMOKE_COST);
    }

    private static BenchSection smokeHighWidth(List<String> strategies) {
        return new BenchSection("sim", "Many calls in flight, without sockets (smoke)", "sim", List.of("none"), strategies,
                SMOKE_COST_PEERS, SMOKE_HIGH_WIDTH_WITHOUT, List.of(1024), List.of("fixed:20ms"), List.of(2048),
                SMOKE_COST_LEFT_OUT + "; " + SMOKE_HIGH_WIDTH_LEFT_OUT + ".", SMOKE_COST);
    }

    /**
     * @throws IllegalArgumentException naming the valid profiles
     */
    public static BenchProfile named(String name) {
        List<String> strategies = StrategyRegistry.names();
        List<String> peers = PeerRegistry.names();
        List<String> okhttp = List.of(ItemClient.DEFAULT);
        List<String> none = List.of("none");
        List<String> sequential = List.of("sequential");
        List<String> seqAndAdaptive = List.of("sequential", "adaptive");
        return switch (name.toLowerCase(Locale.ROOT)) {
            // ten short iterations, not a few long ones: the gate's noise test needs samples. Sequential
            // is left out: its batch of 48 calls one after another is a 1 s operation (an eighth of
            // the 90 s budget), and at width 16 it has no peer to be judged against.
            case "smoke" -> new BenchProfile("smoke", List.of(
                    new BenchSection("http", "Strategies and peers over HTTP (smoke)", "http", okhttp, strategies, peers,
                            List.of("sequential", HedgedStrategy.NAME), List.of(16), List.of("fixed:20ms"), List.of(48),
                            SMOKE_LEFT_OUT, SMOKE),
                    smokeCost(strategies), smokeHighWidth(strategies)), 1);
            case "quick" -> new BenchProfile("quick", List.of(
                    new BenchSection("http", "HTTP against the local latency server", "http", okhttp, strategies, peers,
                            NO_HEDGED, List.of(16, 64, 256), List.of("fixed:20ms"), List.of(256), TAIL_ONLY, QUICK),
                    new BenchSection("http-tail", "HTTP, heavy-tailed latency", "http", okhttp, strategies, peers,
                            seqAndAdaptive, List.of(16), List.of("lognormal:20ms,p99=200ms"), List.of(256),
                            NO_SEQUENTIAL + "; " + ADAPTIVE_ELSEWHERE, QUICK),
                    new BenchSection("sim", "In-process, no sockets: the strategy's own cost at high widths", "sim", none,
                            strategies, peers, List.of("sequential", "adaptive", HedgedStrategy.NAME), List.of(64, 256, 1024),
                            List.of("fixed:20ms"), List.of(4096), NO_SEQUENTIAL + "; " + ADAPTIVE_ELSEWHERE + "; " + TAIL_ONLY, QUICK),
                    new BenchSection("cost", "What a strategy costs per item (no-op tasks)", "sim", none, strategies, peers,
                            List.of("adaptive", HedgedStrategy.NAME), List.of(1, 16, 256, 1024), List.of("fixed:0ms"), List.of(10_000),
                            "Tasks do nothing: items/s is the measure (efficiency is not defined without a latency). "
                                    + ADAPTIVE_ELSEWHERE + "; " + TAIL_ONLY + ".",
                            QUICK_COST)), 1);
            case "full" -> new BenchProfile("full", List.of(
                    new BenchSection("http", "HTTP against the local latency server", "http", okhttp, strategies, peers,
                            List.of(), List.of(1, 2, 4, 8, 16, 32, 64, 128, 256),
                            List.of("fixed:20ms", "uniform:10ms..30ms", "lognormal:20ms,p99=200ms", "bimodal:10ms,500ms,0.01"),
                            List.of(256), null, FULL),
                    new BenchSection("sim", "In-process, no sockets: the strategy's own cost at high widths", "sim", none,
                            strategies, peers, sequential, List.of(16, 64, 256, 1024),
                            List.of("fixed:20ms", "lognormal:20ms,p99=200ms"), List.of(4096), NO_SEQUENTIAL, FULL),
                    new BenchSection("cost", "What a strategy costs per item (no-op tasks)", "sim", none, strategies, peers,
                            List.of(), List.of(1, 4, 16, 64, 256, 1024), List.of("fixed:0ms"), List.of(100_000),
                            "Tasks do nothing: items/s is the measure (efficiency is not defined without a latency).",
                            FULL)), 3);
            case ThreadsOrFutures.NAME -> ThreadsOrFutures.profile(QUICK);
            case SCENARIOS -> new BenchProfile(SCENARIOS, List.of(), 1, dev.fanout.benchmarks.scenario.Scenarios.names());
            default -> throw new IllegalArgumentException("unknown profile '" + name + "'; valid profiles: " + String.join(", ", NAMES)
                    + ", " + SCENARIOS);
        };
    }

    private BenchProfile map(UnaryOperator<BenchSection> change) {
        return new BenchProfile(name, sections.stream().map(change).toList(), forks, scenarios);
    }

    public BenchProfile withStrategies(List<String> strategies) {
        return map(s -> s.with(strategies, s.peers(), s.widths(), s.latencies(), s.items(), s.clients(), s.iterations()));
    }

    public BenchProfile withPeers(List<String> peers) {
        return map(s -> s.with(s.strategies(), peers, s.widths(), s.latencies(), s.items(), s.clients(), s.iterations()));
    }

    public BenchProfile withWidths(List<Integer> widths) {
        return map(s -> s.with(s.strategies(), s.peers(), widths, s.latencies(), s.items(), s.clients(), s.iterations()));
    }

    public BenchProfile withLatencies(List<String> latencies) {
        return map(s -> s.with(s.strategies(), s.peers(), s.widths(), latencies, s.items(), s.clients(), s.iterations()));
    }

    public BenchProfile withItems(List<Integer> items) {
        return map(s -> s.with(s.strategies(), s.peers(), s.widths(), s.latencies(), items, s.clients(), s.iterations()));
    }

    /** @param clients the HTTP clients of every {@code http} section */
    public BenchProfile withClients(List<String> clients) {
        return map(s -> s.with(s.strategies(), s.peers(), s.widths(), s.latencies(), s.items(), clients, s.iterations()));
    }

    public BenchProfile withMeasurement(int iterations, Duration time) {
        return map(s -> s.with(s.strategies(), s.peers(), s.widths(), s.latencies(), s.items(), s.clients(),
                new BenchSection.Iterations(s.iterations().warmup(), s.iterations().warmupTime(), iterations, time)));
    }

    /** @return the plan with these JMH iterations in every section */
    public BenchProfile withIterations(BenchSection.Iterations iterations) {
        return map(s -> s.with(s.strategies(), s.peers(), s.widths(), s.latencies(), s.items(), s.clients(), iterations));
    }

    /** @return only the sections on these workloads */
    public BenchProfile withWorkloads(List<String> workloads) {
        return new BenchProfile(name, sections.stream().filter(s -> workloads.contains(s.workload())).toList(), forks, scenarios);
    }

    /** @return only the sections of these names, in the plan's order */
    public BenchProfile withSections(List<String> names) {
        return new BenchProfile(name, sections.stream().filter(s -> names.contains(s.name())).toList(), forks, scenarios);
    }

    public BenchProfile withForks(int forks) {
        return new BenchProfile(name, sections, forks, scenarios);
    }

    /** @return every point of the plan, each once (in the first section that plans it), section by section */
    public List<BenchPoint> points() {
        Map<String, BenchPoint> unique = new LinkedHashMap<>();
        for (BenchSection section : sections) {
            for (BenchPoint p : section.points()) {
                unique.putIfAbsent(p.id(), p);
            }
        }
        return List.copyOf(unique.values());
    }

    /** @return the section of this name */
    public BenchSection section(String sectionName) {
        return sections.stream().filter(s -> s.name().equals(sectionName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section " + sectionName));
    }

    /** @return the HTTP clients the plan uses, in order of first use */
    public List<String> httpClients() {
        LinkedHashSet<String> clients = new LinkedHashSet<>();
        for (BenchPoint p : points()) {
            if (p.workload().equals("http")) {
                clients.add(p.client());
            }
        }
        return List.copyOf(clients);
    }

    /** @return the distinct values of one aspect of the planned points, in order of first use */
    <T> List<T> distinct(java.util.function.Function<BenchPoint, T> aspect) {
        return new ArrayList<>(new LinkedHashSet<>(points().stream().map(aspect).toList()));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append(", ").append(forks).append(" fork(s) per point");
        for (BenchSection s : sections) {
            b.append("\n  ").append(s);
        }
        if (!scenarios.isEmpty()) {
            b.append("\n  scenarios: ").append(String.join(", ", scenarios)).append(" (each contender once, in a JVM of its own)");
        }
        return b.toString();
    }
}
