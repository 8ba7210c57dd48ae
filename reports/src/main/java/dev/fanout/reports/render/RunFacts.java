package dev.fanout.reports.render;

import dev.fanout.reports.results.Calibration;
import dev.fanout.reports.results.Environment;
import dev.fanout.reports.results.Manifest;
import dev.fanout.reports.results.Results;

import java.util.List;
import java.util.Locale;

/**
 * The sentences and label/value rows that both report.md and index.html show about a run, its
 * harness calibration and its machine, so the two say the same thing.
 */
final class RunFacts {

    /** One row of a two-column facts table. */
    record Fact(String label, String value) {
    }

    static final String HARNESS_BOUND_NOTE = "harness-bound: the request rate reached 80% of the harness capacity, "
            + "so the harness, not the strategy, is the limit there";

    private RunFacts() {
    }

    /** @return {@code interrupted: 37 of 50 points} when the run did not finish, else empty */
    static String interruption(Results results) {
        return results.interrupted()
                ? "interrupted: " + results.points().size() + " of " + results.plannedPoints() + " points"
                : "";
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** @return when and what was run */
    static String run(Results results) {
        Manifest m = results.manifest();
        return "Run profile " + m.profile() + ", started " + m.createdAt()
                + m.finishedAt().map(f -> ", finished " + f).orElse(", not finished")
                + "; " + results.points().size() + " of " + results.plannedPoints() + " points measured"
                + " (" + m.strategies().size() + " strategies, widths " + join(m.widths()) + ").";
    }

    static List<Fact> calibration(Calibration c) {
        return List.of(
                new Fact("overhead", Numbers.millis(c.overheadMs()) + " ms per request (p50 service latency minus the "
                        + Numbers.millis(c.overheadLatencyMs()) + " ms injected, width 1, after "
                        + Numbers.count(c.warmupRequests()) + " warm-up requests)"),
                new Fact("capacity", Numbers.count(c.capacityRps()) + " requests/s (zero latency, width "
                        + c.capacityWidth() + "): the harness ceiling"),
                new Fact("trustworthy", c.trustworthy() ? "yes" : "NO: " + c.warning().orElse("the overhead is too high")));
    }

    static List<Fact> environment(Environment e) {
        return List.of(
                new Fact("JDK", e.jdk() + " (" + e.vendor() + ", " + e.vm() + ")"),
                new Fact("OS", e.os()),
                new Fact("cores", String.valueOf(e.cores())),
                new Fact("memory", String.format(Locale.ROOT, "%.1f GiB", e.memoryBytes() / (1024.0 * 1024 * 1024))),
                new Fact("fanout", e.fanoutVersion() + e.gitCommit().map(c -> ", commit " + c).orElse("")));
    }

    private static String join(List<Integer> widths) {
        return String.join(", ", widths.stream().map(String::valueOf).toList());
    }
}
