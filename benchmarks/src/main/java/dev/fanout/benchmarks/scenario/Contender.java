package dev.fanout.benchmarks.scenario;

import dev.fanout.benchmarks.peers.NetflixLimiterPeer;
import dev.fanout.benchmarks.workload.RunTimeline;
import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.strategies.AdaptiveStrategy;
import dev.fanout.strategies.StrategyRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * One contender of a scenario: a strategy at a width (with the options it takes), or a yardstick
 * (a library used as its users use it).
 *
 * @param id      unique in its scenario and the name of its result file: {@code adaptive-aimd}
 * @param label   how tables and charts name it: {@code adaptive (aimd)}
 * @param kind    {@link #STRATEGY} or {@link #YARDSTICK}
 * @param name    the registered strategy's name, or the yardstick's ({@code netflix-aimd})
 * @param width   the width: a fixed strategy's, or an adaptive one's ceiling
 * @param options the strategy's options ({@code limit=gradient}); a strategy with options of its own
 *                gets them in {@link #fanOut}
 * @param roles   what the scenario compares it as ({@link #REFERENCE}, {@link #FIXED}, {@link #UNLOADED});
 *                empty for a contender under test
 */
public record Contender(String id, String label, String kind, String name, int width, Map<String, String> options,
                        List<String> roles) {

    public static final String STRATEGY = "strategy";
    public static final String YARDSTICK = "yardstick";
    /** Goodput is compared with this one: a fixed width set to exactly the server's K, which a client cannot know. */
    public static final String REFERENCE = "reference";
    /** A fixed width; goodput is compared with the best of them. */
    public static final String FIXED = "fixed";
    /** Below the server's capacity: its service latency is the unloaded one. */
    public static final String UNLOADED = "unloaded";

    public Contender {
        options = Map.copyOf(options);
        roles = List.copyOf(roles);
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("a contender id is lower-case letters, digits, '.' and '-': " + id);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, was " + width);
        }
    }

    /** The adaptive strategy with one limit algorithm, at a ceiling. */
    public static Contender adaptive(String algorithm, int ceiling) {
        return new Contender("adaptive-" + algorithm, "adaptive (" + algorithm + ")", STRATEGY, AdaptiveStrategy.NAME, ceiling,
                Map.of("limit", algorithm), List.of());
    }

    /** A registered strategy at a fixed width, in the given roles. */
    public static Contender fixed(String strategy, int width, String... roles) {
        return new Contender(strategy + "-w" + width, strategy + " " + width, STRATEGY, strategy, width, Map.of(), List.of(roles));
    }

    /** Netflix concurrency-limits with one of its limits, at a ceiling. */
    public static Contender netflix(String limit, int ceiling) {
        return new Contender("netflix-" + limit, "Netflix " + (limit.equals("aimd") ? "AIMDLimit" : "Gradient2Limit"), YARDSTICK,
                "netflix-" + limit, ceiling, Map.of(), List.of());
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    /**
     * Runs one fan-out of {@code items} calls with a fresh instance (a limit learned in an earlier
     * run, such as the warm-up's, is not carried in), telling the timeline every move of its limit;
     * a contender without one shows its width as a constant limit.
     */
    void fanOut(long items, AsyncFanOutTask<Long, Integer> task, RunTimeline timeline) throws Exception {
        if (kind.equals(YARDSTICK)) {
            new NetflixLimiterPeer(name.substring("netflix-".length()), timeline).fanOut(items, width, task);
            return;
        }
        FanOutStrategy strategy = strategy(timeline);
        if (!(strategy instanceof AdaptiveStrategy)) {
            timeline.limitChanged(System.nanoTime(), width);
        }
        strategy.stream(LongStream.range(0, items).iterator(), task, FanOutOptions.builder().width(width).build(), outcome -> { });
    }

    /** A new instance of the strategy with this contender's options; a strategy with options of its own is added here. */
    FanOutStrategy strategy(RunTimeline timeline) {
        if (name.equals(AdaptiveStrategy.NAME)) {
            return AdaptiveStrategy.builder().limit(options.getOrDefault("limit", AdaptiveStrategy.DEFAULT_ALGORITHM.label()))
                    .listener(timeline).keepLimitBetweenRuns(false).build();
        }
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("the " + name + " strategy takes no options, got " + options);
        }
        return StrategyRegistry.create(name);
    }

    /** @return the contender as the manifest lists it */
    Map<String, Object> manifestEntry(boolean done) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("label", label);
        m.put("kind", kind);
        m.put("name", name);
        m.put("width", width);
        m.put("options", options);
        m.put("roles", roles);
        m.put("done", done);
        return m;
    }
}
