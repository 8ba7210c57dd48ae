package dev.fanout.benchmarks.cli;

import com.google.gson.GsonBuilder;
import dev.fanout.benchmarks.server.QueueStats;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.workload.Calibration;
import dev.fanout.benchmarks.workload.FanOutMeasurement;
import dev.fanout.benchmarks.workload.HeapFootprint;
import dev.fanout.benchmarks.workload.ThreadCensus;
import dev.fanout.core.SlowCall;
import dev.fanout.benchmarks.workload.IdealMakespan;
import dev.fanout.benchmarks.workload.Percentiles;
import dev.fanout.core.RunSummary;
import dev.fanout.strategies.HedgedStrategy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code fanout run} reports about one fan-out: the human summary and the JSON document
 * (whose field names scripts rely on; new fields may be added, none renamed).
 *
 * @param target the service of {@code --target}, or null for the local server (or the sim)
 */
record RunReport(String strategy, int width, long items, String latency, String faults, long seed, String workload,
                 String client, FanOutMeasurement.Result result, double idealMs, double calibratedIdealMs, Calibration harness,
                 TargetRun target, ThreadCensus.Count threads, HeapFootprint.Reading footprint,
                 LimitReport limit, QueueStats queue,
                 Hedges hedges) {

    /**
     * What the hedged strategy did in the run (null for any other strategy).
     *
     * @param delay  as set: {@code p99}, {@code 50ms}
     * @param budget the fraction of calls that may be hedged
     * @param stats  the strategy's counts (a fresh instance: this run's)
     */
    record Hedges(String delay, double budget, boolean cancelLosers, HedgedStrategy.Stats stats) {
        static Hedges of(HedgedStrategy hedged) {
            return new Hedges(hedged.delaySpec(), hedged.budget(), hedged.cancelsLosers(), hedged.stats());
        }
    }

    /** @return requests the server counted beyond one per item: hedges, and a client's retries */
    long extraRequests() {
        return result.server().requests() - items;
    }

    double efficiency() {
        return IdealMakespan.efficiency(calibratedIdealMs, result.makespanMs());
    }

    Percentiles service() {
        return Percentiles.ofMicros(result.service());
    }

    Percentiles sojourn() {
        return Percentiles.ofMicros(result.sojourn());
    }

    String json() {
        RunSummary s = result.summary();
        ServerStats server = result.server();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("strategy", strategy);
        doc.put("width", width);
        doc.put("items", items);
        doc.put("makespanMs", round(result.makespanMs()));
        doc.put("idealMs", round(calibratedIdealMs));
        doc.put("efficiency", Double.isFinite(efficiency()) ? round(efficiency()) : null);
        doc.put("outcomes", ordered("success", s.succeeded(), "failed", s.failed(), "timedOut", s.timedOut(), "cancelled", s.cancelled()));
        doc.put("serviceLatencyMs", percentiles(service()));
        doc.put("sojournLatencyMs", percentiles(sojourn()));
        Map<String, Object> status = new LinkedHashMap<>();
        server.byStatus().forEach((code, count) -> status.put(String.valueOf(code), count));
        Map<String, Object> serverDoc = ordered("requests", server.requests(), "maxInFlight", server.maxInFlight());
        serverDoc.put("status", status);
        serverDoc.put("disconnected", server.disconnected());
        serverDoc.put("stalled", server.stalled());
        doc.put("server", serverDoc);
        serverDoc.put("sleepOvershootMs", round(result.slept().meanOvershootMs()));
        if (harness != null) {
            Map<String, Object> harnessDoc = ordered("overheadMs", round(harness.overheadMs()), "capacityRps", round(harness.capacityRps()));
            harnessDoc.put("trustworthy", harness.trustworthy());
            harnessDoc.put("warning", harness.warning());
            harnessDoc.put("warmupRequests", harness.warmupRequests());
            harnessDoc.put("client", harness.client());
            harnessDoc.put("sleepOvershootMs", round(harness.sleepOvershootMs()));
            harnessDoc.put("capacityWidth", harness.capacityWidth());
            doc.put("harness", harnessDoc);
        } else {
            doc.put("harness", null);
        }
        doc.put("extraRequests", extraRequests());
        doc.put("extraRequestsShare", items == 0 ? null : round((double) extraRequests() / items));
        doc.put("hedging", hedges == null ? null : hedgingJson(hedges));
        doc.put("workload", workload);
        doc.put("client", client);
        doc.put("effectiveWidth", s.width());
        doc.put("idealUncalibratedMs", round(idealMs));
        doc.put("latency", latency);
        doc.put("faults", faults);
        doc.put("seed", seed);
        doc.put("stopReason", s.stopReason().name());
        doc.put("failure", result.failure() == null ? null : String.valueOf(result.failure().getCause()));
        doc.put("slowCall", s.slowCall().map(RunReport::slowCallJson).orElse(null));
        doc.put("clientThreads", threads == null ? null : ordered("peak", threads.peak(), "peakStartedByFanOut", threads.peakStarted(),
                "startedByFanOut", threads.started(), "clientAlreadyRunning", threads.clientExisting()));
        doc.put("heapPerCallInFlightBytes", footprint == null || footprint.bytesPerCall().isEmpty() ? null
                : round(footprint.bytesPerCall().getAsDouble()));
        doc.put("idealFrom", target == null ? "slept" : "roundTrips");
        if (target != null) {
            // what only the local server knows is not known: no server, no injected latency or faults
            doc.put("server", null);
            doc.put("latency", null);
            doc.put("faults", null);
            doc.put("seed", null);
            doc.put("workload", "target");
            doc.put("target", target.url());
            doc.put("failures", target.failures());
        }
        if (queue != null) {
            Map<String, Object> q = ordered("capacity", queue.capacity().spec(), "maxServing", queue.maxServing());
            q.put("maxWaiting", queue.maxWaiting());
            q.put("waited", queue.waited());
            q.put("meanWaitMs", round(queue.meanWaitMs()));
            serverDoc.put("queue", q);
        }
        if (limit != null) {
            doc.put("limit", limit.json());
        }
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(doc) + "\n";
    }

    String human() {
        if (target != null) {
            return targetHuman();
        }
        RunSummary s = result.summary();
        ServerStats server = result.server();
        StringBuilder b = new StringBuilder();
        int effective = s.width();
        String widthText = effective == width ? "width " + width
                : "width " + width + " (" + (effective == Integer.MAX_VALUE ? "unbounded" : "runs " + effective + " at a time") + " by nature)";
        String where = workload.equals("http") ? "http, client " + client : "sim (in-process, no sockets)";
        b.append(String.format(Locale.ROOT, "%-10s %s, %s, %d items, latency %s, faults %s, seed %d, %s%n",
                "run", strategy, widthText, items, latency, faults, seed, where));
        b.append(String.format(Locale.ROOT, "%-10s %,.1f ms   ideal %,.1f ms   efficiency %s%n",
                "makespan", result.makespanMs(), calibratedIdealMs,
                Double.isFinite(efficiency()) ? String.format(Locale.ROOT, "%.2f", efficiency()) : "n/a (no latency to compare with)"));
        b.append(String.format(Locale.ROOT, "%-10s %d succeeded, %d failed, %d timed out, %d cancelled%s%n",
                "outcomes", s.succeeded(), s.failed(), s.timedOut(), s.cancelled(),
                result.failure() == null ? "" : "   (stopped: " + s.stopReason() + " on " + result.failure().getCause() + ")"));
        b.append(line("service", service()));
        b.append(line("sojourn", sojourn()));
        StringBuilder statuses = new StringBuilder();
        server.byStatus().forEach((code, count) -> statuses.append(", ").append(count).append(" x ").append(code));
        if (workload.equals("http")) {
            b.append(String.format(Locale.ROOT, "%-10s %d requests%s%s%s, at most %d in flight, slept %.3f ms late on average%n",
                    "server", server.requests(), statuses, server.disconnected() > 0 ? ", " + server.disconnected() + " disconnected" : "",
                    server.stalled() > 0 ? ", " + server.stalled() + " stalled" : "", server.maxInFlight(),
                    result.slept().meanOvershootMs()));
        } else {
            b.append(String.format(Locale.ROOT, "%-10s %d calls, at most %d in flight, slept %.3f ms late on average%n",
                    "sim", server.requests(), server.maxInFlight(), result.slept().meanOvershootMs()));
        }
        if (threads != null) {
            b.append(String.format(Locale.ROOT, "%-10s %s%n", "threads", threads.describe()));
        }
        if (footprint != null) {
            b.append(String.format(Locale.ROOT, "%-10s %s%n", "heap", footprint.describe()));
        }
        s.slowCall().ifPresent(slow -> b.append(String.format(Locale.ROOT, "%-10s %s%n", "WARNING", slow.message())));
        if (queue != null) {
            b.append(String.format(Locale.ROOT, "%-10s capacity %s: at most %d served at once; %,d waited their turn, %.1f ms on average, %d at most%n",
                    "queue", queue.capacity().spec(), queue.maxServing(), queue.waited(), queue.meanWaitMs(), queue.maxWaiting()));
        }
        if (limit != null) {
            b.append(limit.human());
        }
        if (hedges != null) {
            b.append(hedgingLines());
            b.append(String.format(Locale.ROOT, "%-10s %,d requests beyond one per item (%s %,d - items %,d = %.2f%%)%n", "extra",
                    extraRequests(), workload.equals("http") ? "server" : "sim", server.requests(), items,
                    items == 0 ? 0.0 : 100.0 * extraRequests() / items));
        }
        b.append(harness == null ? String.format(Locale.ROOT, "%-10s none: the sim has no client and no server%n", "harness")
                : harnessLine(harness));
        return b.toString();
    }

    /** The summary of a run against a service: no server line, no harness; the ideal from round trips. */
    private String targetHuman() {
        RunSummary s = result.summary();
        StringBuilder b = new StringBuilder();
        int effective = s.width();
        String widthText = effective == width ? "width " + width
                : "width " + width + " (" + (effective == Integer.MAX_VALUE ? "unbounded" : "runs " + effective + " at a time") + " by nature)";
        b.append(String.format(Locale.ROOT, "%-10s %s, %s, %d items, target %s, client %s%n",
                "run", strategy, widthText, items, target.url(), client));
        b.append(String.format(Locale.ROOT, "%-10s %,.1f ms   ideal %,.1f ms (from the round trips measured)   efficiency %s%n",
                "makespan", result.makespanMs(), calibratedIdealMs,
                Double.isFinite(efficiency()) ? String.format(Locale.ROOT, "%.2f", efficiency()) : "n/a (no round trip to compare with)"));
        b.append(String.format(Locale.ROOT, "%-10s %d succeeded, %d failed, %d timed out, %d cancelled%s%n",
                "outcomes", s.succeeded(), s.failed(), s.timedOut(), s.cancelled(),
                result.failure() == null ? "" : "   (stopped: " + s.stopReason() + " on " + result.failure().getCause() + ")"));
        target.failures().forEach((kind, count) -> b.append(String.format(Locale.ROOT, "%-10s %,d x %s%n", "failed", count, kind)));
        b.append(line("service", service()));
        b.append(line("sojourn", sojourn()));
        b.append(String.format(Locale.ROOT, "%-10s not the local server: its own counts and delays are its own;"
                + " nothing calibrated%n", "target"));
        return b.toString();
    }

    private static Map<String, Object> hedgingJson(Hedges h) {
        HedgedStrategy.Stats st = h.stats();
        Map<String, Object> doc = ordered("delay", h.delay(), "delayMsAtEnd", st.lastDelay().map(d -> round(d.toNanos() / 1e6)).orElse(null),
                "budget", h.budget(), "started", st.hedgesStarted(), "won", st.hedgesWon(), "lost", st.hedgesLost());
        doc.put("losersCancelled", st.losersCancelled());
        doc.put("cancelLosers", h.cancelLosers());
        doc.put("heldForBudget", st.heldForBudget());
        doc.put("heldForOverload", st.heldForOverload());
        doc.put("notIdempotent", st.runsNotIdempotent() > 0);
        return doc;
    }

    private String hedgingLines() {
        HedgedStrategy.Stats st = hedges.stats();
        StringBuilder b = new StringBuilder();
        if (st.runsNotIdempotent() > 0) {
            b.append(String.format(Locale.ROOT, "%-10s none: %s%n", "hedges", HedgedStrategy.NOT_IDEMPOTENT));
        } else {
            String delay = hedges.delay() + st.lastDelay().map(d -> hedges.delay().startsWith("p")
                    ? String.format(Locale.ROOT, " = %.1f ms at the end", d.toNanos() / 1e6) : "").orElse(" (never trusted: warm-up)");
            b.append(String.format(Locale.ROOT, "%-10s %,d started (%.2f%% of the items), %,d won, %,d lost; %,d losers cancelled (%s);"
                            + " held back: %,d by the budget (%s), %,d by overload; delay %s%n",
                    "hedges", st.hedgesStarted(), items == 0 ? 0.0 : 100.0 * st.hedgesStarted() / items, st.hedgesWon(),
                    st.hedgesLost(), st.losersCancelled(), hedges.cancelLosers() ? "at once" : "left to finish, or at the end",
                    st.heldForBudget(), trimPercent(hedges.budget()), st.heldForOverload(), delay));
        }
        return b.toString();
    }

    private static String trimPercent(double fraction) {
        return String.format(Locale.ROOT, "%.2f", fraction * 100).replaceAll("0+$", "").replaceAll("\\.$", "") + "%";
    }

    static String harnessLine(Calibration harness) {
        String line = String.format(Locale.ROOT, "%-10s %s: overhead %.2f ms per request at width 1, capacity %,.0f requests/s (best at width %d)%n",
                "harness", harness.client(), harness.overheadMs(), harness.capacityRps(), harness.capacityWidth());
        if (!harness.trustworthy()) {
            line += "WARNING: " + harness.warning() + "\n";
        }
        return line;
    }

    private static String line(String name, Percentiles p) {
        return String.format(Locale.ROOT, "%-10s p50 %.1f   p90 %.1f   p99 %.1f   p99.9 %.1f   max %.1f ms%n",
                name, p.p50(), p.p90(), p.p99(), p.p999(), p.max());
    }

    private static Map<String, Object> slowCallJson(SlowCall slow) {
        Map<String, Object> doc = ordered("index", slow.index(), "input", slow.input(), "heldMs", round(slow.held().toNanos() / 1e6),
                "thresholdMs", round(slow.threshold().toNanos() / 1e6), "count", slow.count());
        doc.put("message", slow.message());
        return doc;
    }

    private static Map<String, Object> percentiles(Percentiles p) {
        return ordered("p50", p.p50(), "p90", p.p90(), "p99", p.p99(), "p999", p.p999(), "max", p.max());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
