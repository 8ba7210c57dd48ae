package dev.fanout.reports.render;

import dev.fanout.reports.results.Calibration;
import dev.fanout.reports.results.Environment;
import dev.fanout.reports.results.Manifest;
import dev.fanout.reports.results.PlannedPoint;
import dev.fanout.reports.results.Results;

import java.util.ArrayList;
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

    static final String HARNESS_BOUND_MARK = "†";
    static final String HARNESS_BOUND_NOTE = "harness-bound: the request rate reached 80% of the harness capacity, "
            + "so the harness, not the strategy, is the limit there";
    static final String BEYOND_IDEAL_MARK = "‡";
    static final String EXTRA_REQUESTS_NOTE = "+x% requests: the server counted that many more requests than items,"
            + " the hedged strategy's second attempts (results.csv: server_requestsPerItem)";
    static final String FAILED_NOTE = "a cell's \"x% failed\" is the share of its items that ended in a failure (an"
            + " error status such as 429, a refused connection, a timeout); they still count in items/s and efficiency,"
            + " so read the rate beside it (results.csv: failedPerItem)";
    static final String BEYOND_IDEAL_NOTE = "efficiency above 1.0 by more than its error: no code beats the ideal, so "
            + "the ideal (the calibration) is wrong at this point; shown, never picked";
    static final String PEERS_NOTE = "what a user writes without fanout (plain JDK, Reactor): none of fanout's code "
            + "runs in them, so they are the yardstick; the pick is always a strategy";

    /** How the pick is made, said once above the picks. */
    static final String PICK_RULE = "Per profile, the bounded strategy that came closest to the ideal (the highest mean "
            + "efficiency over the widths it was measured at), how far the best peer was from it at each width (within "
            + "the noise when within 5% and their error intervals overlap), and where plain-JDK code is as good "
            + "(within 5% or ahead). A simpler strategy level with the closest (items/s within 5% at every width) is "
            + "picked instead, simplest first: "
            + "semaphore, structured, async, worker-pool, adaptive, hedged. Never picked: "
            + "all-at-once (no bound: it sends every call at once), sequential (ignores the width), chunked (wastes it, "
            + "idling while a slice's slowest call finishes), a peer (the yardstick), or a strategy whose efficiency "
            + "exceeds 1.0 beyond its error.";
    static final String ZERO_LATENCY_NOTE = "no-op tasks: the ideal is 0, so efficiency means nothing here; each cell "
            + "is items/s and, after ×, its ratio to the fastest peer at that width (×1.00 as fast as the fastest "
            + "plain-JDK code, ×0.50 half its rate: twice its cost per item)";

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
        List<Integer> widths = m.points().stream().map(PlannedPoint::width).distinct().sorted().toList();
        List<String> workloads = m.points().stream()
                .map(p -> p.client().isBlank() || p.client().equals("none") ? p.workload() : p.workload() + " (" + p.client() + ")")
                .distinct().toList();
        String peers = m.peers().isEmpty() ? "" : ", " + count(m.peers().size(), "peer");
        return "Run profile " + m.profile() + ", started " + m.createdAt()
                + m.finishedAt().map(f -> ", finished " + f).orElse(", not finished")
                + "; " + results.points().size() + " of " + results.plannedPoints() + " points measured"
                + " (" + count(m.strategies().size(), "strategy") + peers + "; " + String.join(", ", workloads)
                + "; widths " + join(widths) + ").";
    }

    private static String count(int n, String what) {
        return n + " " + (n == 1 ? what : what.endsWith("y") ? what.substring(0, what.length() - 1) + "ies" : what + "s");
    }

    /** @return the calibration's facts, then any field this report does not know, as written */
    static List<Fact> calibration(Calibration c) {
        List<Fact> facts = new ArrayList<>(List.of(
                new Fact("overhead", Numbers.millis(c.overheadMs()) + " ms per request (p50 service latency minus the "
                        + Numbers.millis(c.overheadLatencyMs()) + " ms injected, width 1, after "
                        + Numbers.count(c.warmupRequests()) + " warm-up requests)"),
                new Fact("capacity", Numbers.count(c.capacityRps()) + " requests/s (zero latency, width "
                        + c.capacityWidth() + "): the harness ceiling of the http workload"),
                new Fact("trustworthy", c.trustworthy() ? "yes" : "NO: " + c.warning().orElse("the overhead is too high"))));
        c.others().forEach((field, value) -> facts.add(new Fact(field, value)));
        return facts;
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
