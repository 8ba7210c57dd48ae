package dev.fanout.benchmarks.suite;

import dev.fanout.benchmarks.workload.Workload;
import dev.fanout.core.Capabilities;
import dev.fanout.strategies.StrategyRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One named group of a plan: strategies and peers on one workload, over widths, latency profiles and
 * item counts, measured with one set of JMH iterations. The report gives each section its own
 * chapter; points of a section that share every param but the name and the width compare with each
 * other.
 *
 * <p>Strategies that do not take the width (sequential runs one call at a time, all-at-once runs
 * every item at once) are measured once per section, at its smallest width: their result does not
 * depend on it, and measuring them at every width would only spend the time budget.
 *
 * @param name       a short name: {@code http}, {@code sim}, {@code cost}...
 * @param title      the heading the report gives it
 * @param workload   {@code http} or {@code sim}
 * @param clients    the HTTP clients of an {@code http} section; {@code [none]} for {@code sim}
 * @param strategies the strategies, in order
 * @param peers      the peers, in order
 * @param without    strategies this section leaves out whatever is asked, each with its reason in
 *                   {@code note} (sequential's batch of thousands of sleeps, say)
 * @param note       what a reader of the plan should know (what is measured once, what is left out)
 * @param iterations how long JMH measures each point
 */
public record BenchSection(String name, String title, String workload, List<String> clients, List<String> strategies,
                           List<String> peers, List<String> without, List<Integer> widths, List<String> latencies,
                           List<Integer> items, String note, Iterations iterations) {

    /**
     * JMH's iterations per fork.
     *
     * @param warmup          warm-up iterations (after the fork's own warm-up of at least 2,000 calls)
     * @param warmupTime      length of each
     * @param measurement     measurement iterations
     * @param measurementTime length of each
     */
    public record Iterations(int warmup, Duration warmupTime, int measurement, Duration measurementTime) {

        @Override
        public String toString() {
            return warmup + " x " + warmupTime.toMillis() + " ms warm-up, " + measurement + " x "
                    + measurementTime.toMillis() + " ms measurement";
        }
    }

    public BenchSection {
        clients = List.copyOf(clients);
        List<String> leftOut = List.copyOf(without);
        without = leftOut;
        strategies = strategies.stream().filter(s -> !leftOut.contains(s)).toList();
        peers = List.copyOf(peers);
        widths = List.copyOf(widths);
        latencies = List.copyOf(latencies);
        items = List.copyOf(items);
    }

    /** @return this section's planned points, in order: latency, items, client, strategies then peers, width */
    public List<BenchPoint> points() {
        List<BenchPoint> points = new ArrayList<>();
        int smallest = widths.stream().mapToInt(Integer::intValue).min().orElse(1);
        for (String latency : latencies) {
            for (int n : items) {
                for (String client : clients) {
                    for (String strategy : strategies) {
                        boolean takesWidth = StrategyRegistry.create(strategy).capabilities().width() == Capabilities.Width.BOUNDED;
                        for (int w : widths) {
                            if (takesWidth || w == smallest) {
                                points.add(new BenchPoint(BenchPoint.STRATEGY, strategy, workload, client, w, latency, n, name));
                            }
                        }
                    }
                    for (String peer : peers) {
                        for (int w : widths) {
                            points.add(new BenchPoint(BenchPoint.PEER, peer, workload, client, w, latency, n, name));
                        }
                    }
                }
            }
        }
        return points;
    }

    /** @return the note, with the width-independent strategies of this section named */
    public String fullNote() {
        List<String> once = strategies.stream()
                .filter(s -> StrategyRegistry.create(s).capabilities().width() != Capabilities.Width.BOUNDED).toList();
        String onceText = once.isEmpty() || widths.size() < 2 ? ""
                : String.join(" and ", once) + (once.size() == 1 ? " does" : " do") + " not take the width: measured once, at width "
                + widths.stream().mapToInt(Integer::intValue).min().orElse(1) + ".";
        return (onceText + " " + (note == null ? "" : note)).strip();
    }

    BenchSection with(List<String> strategies, List<String> peers, List<Integer> widths, List<String> latencies,
                      List<Integer> items, List<String> clients, Iterations iterations) {
        return new BenchSection(name, title, workload, workload.equals("http") ? clients : List.of(Workload.NO_CLIENT),
                strategies, peers, without, widths, latencies, items, note, iterations);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s%s): strategies %s, peers %s, widths %s, latencies %s, items %s, %s",
                name, workload, workload.equals("http") ? " " + String.join("+", clients) : "", strategies, peers, widths,
                latencies, items, iterations);
    }
}
