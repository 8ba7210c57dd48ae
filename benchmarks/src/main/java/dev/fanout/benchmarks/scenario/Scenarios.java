package dev.fanout.benchmarks.scenario;

import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LimitSchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark scenarios by name: what {@code fanout bench --scenarios} and the {@code scenarios}
 * profile run. A new scenario is added here (a server, its contenders, what to show).
 *
 * <p>The adaptive strategy's three: its ceiling 256, the server's K unknown to it, and beside it
 * Netflix concurrency-limits (both its limits, same bounds) and the semaphore at fixed widths.
 */
public final class Scenarios {

    /** The ceiling of the adaptive contenders: a width nobody would dare fix against a small server. */
    static final int CEILING = 256;

    private Scenarios() {
    }

    private static List<Contender> adaptiveAndNetflix() {
        return List.of(Contender.adaptive("aimd", CEILING), Contender.adaptive("gradient", CEILING),
                Contender.netflix("aimd", CEILING), Contender.netflix("gradient2", CEILING));
    }

    private static List<Contender> with(List<Contender> first, Contender... more) {
        List<Contender> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** @return every scenario, in the order they run */
    public static List<Scenario> all() {
        return List.of(
                new Scenario("limit-429", "Against a 429 limit (K = 24, unknown to the client; ceiling 256)",
                        "The server answers 429 at once to a request arriving while 24 are in hand. Judged after the first"
                                + " second: the share of requests answered 429 (target: at most 2%), goodput against a"
                                + " semaphore set to exactly 24 (target: at least 90%), and how long the limit took to come"
                                + " within 20% of 24 and stay there.",
                        "fixed:20ms", new Faults(0, 0, 0, 24), 6000,
                        with(adaptiveAndNetflix(), Contender.fixed("semaphore", 24, Contender.REFERENCE)),
                        List.of("refusals", "goodput", "settle", "latency")),
                new Scenario("queueing", "Against a queueing limit (K = 24 served at once, the rest wait; ceiling 256)",
                        "The server serves 24 at once and queues the rest, so latency grows with load and nothing is"
                                + " refused. Judged after the first second: p99 service latency against the unloaded one"
                                + " (the semaphore at 12, which never queues; target: within 1.5x) while goodput stays at"
                                + " least 90% of the best fixed width.",
                        "fixed:20ms", Faults.NONE.withServerCapacity(LimitSchedule.constant(24)), 5000,
                        with(adaptiveAndNetflix(), Contender.fixed("semaphore", 12, Contender.FIXED, Contender.UNLOADED),
                                Contender.fixed("semaphore", 24, Contender.FIXED), Contender.fixed("semaphore", 48, Contender.FIXED),
                                Contender.fixed("semaphore", CEILING, Contender.FIXED)),
                        List.of("latency", "goodput")),
                new Scenario("limit-drop", "When the 429 limit drops mid-run (K = 48, then 16 from 2 s on; ceiling 256)",
                        "The server's limit falls from 48 to 16 two seconds into the run. Judged by the time the limit"
                                + " took to come within 20% of 16 and stay there, and by the 429s after the drop (goodput says"
                                + " little here: a fixed 48 is fast because two calls in three fail at once).",
                        "fixed:20ms", Faults.NONE.withServerLimits(LimitSchedule.parse("--server-limit", "48,16@2s")), 7500,
                        with(adaptiveAndNetflix(), Contender.fixed("semaphore", 16, Contender.FIXED),
                                Contender.fixed("semaphore", 48, Contender.FIXED)),
                        List.of("settle", "refusals")));
    }

    /** @return every scenario's name */
    public static List<String> names() {
        return all().stream().map(Scenario::name).toList();
    }

    /**
     * @throws IllegalArgumentException naming the valid scenarios
     */
    public static Scenario named(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return all().stream().filter(s -> s.name().equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'; valid scenarios: "
                        + String.join(", ", names()) + ", or all"));
    }
}
