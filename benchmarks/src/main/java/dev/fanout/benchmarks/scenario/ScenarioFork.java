package dev.fanout.benchmarks.scenario;

import com.google.gson.GsonBuilder;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LimitSchedule;
import dev.fanout.benchmarks.server.QueueStats;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.workload.ItemClient;
import dev.fanout.benchmarks.workload.Percentiles;
import dev.fanout.benchmarks.workload.RunTimeline;
import dev.fanout.benchmarks.workload.TimedTask;
import dev.fanout.benchmarks.workload.Workload;
import dev.fanout.reports.AtomicFiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One contender of one scenario, in a JVM of its own (as JMH forks each point): its own server,
 * client and warm-up, then one measured run, written as JSON. What {@link ScenarioSuite} starts, once
 * per contender.
 *
 * <pre>
 *   java --enable-preview -cp benchmarks.jar dev.fanout.benchmarks.scenario.ScenarioFork SCENARIO CONTENDER OUT.json [SEED]
 * </pre>
 *
 * <p>The warm-up runs the contender's own fan-out against the server answering at once (no delay,
 * no limit, nothing recorded) until 2,000 calls have been made, so the JIT has compiled the paths
 * the run takes; every fan-out makes a fresh instance, so no limit learned there is carried in.
 * The server's statistics and the schedule of its limits start again at the measured run's first
 * request.
 */
public final class ScenarioFork {

    /** The first second is the search; what follows is judged. */
    static final long SETTLE_NANOS = 1_000_000_000L;
    static final double TOLERANCE = 0.2;
    static final int WARMUP_CALLS = 2_000;
    public static final long DEFAULT_SEED = 42;

    private ScenarioFork() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: ScenarioFork SCENARIO CONTENDER OUT.json [SEED]");
            System.exit(2);
        }
        Scenario scenario = Scenarios.named(args[0]);
        Contender contender = scenario.contender(args[1]);
        long seed = args.length == 4 ? Long.parseLong(args[3]) : DEFAULT_SEED;
        run(scenario, contender, Path.of(args[2]), seed);
        System.exit(0); // the client's and the server's threads need not be waited for
    }

    /**
     * Every call's start, end and status, written to the timeline: measured the same way for every
     * contender (a strategy's own outcome timing would not exist for a yardstick).
     */
    private static TimedTask.Sink recordingTo(RunTimeline timeline) {
        return (item, start, end, status, failure) -> timeline.call(start, end, failure == null ? (status == null ? 200 : status)
                : failure instanceof InterruptedException ? RunTimeline.CANCELLED : RunTimeline.statusOf(failure));
    }

    /** Runs the contender's scenario in this JVM and writes its result to {@code out} (whole, or not at all). */
    public static Map<String, Object> run(Scenario scenario, Contender contender, Path out, long seed) throws Exception {
        Map<String, Object> doc;
        try (Workload work = Workload.builder().workload("http").client(ItemClient.DEFAULT).latency(LatencyProfile.parse(scenario.latency()))
                .faults(scenario.faults()).seed(seed).maxInFlight(contender.width()).requestTimeout(Duration.ofSeconds(30)).start()) {
            warmUp(work, contender);
            RunTimeline timeline = new RunTimeline();
            long start = System.nanoTime();
            timeline.start(start);
            contender.fanOut(scenario.items(), new TimedTask(work.task(), recordingTo(timeline)), timeline);
            doc = result(scenario, contender, seed, timeline, work.stats(), work.queueStats().orElse(null));
        }
        AtomicFiles.writeString(out, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(doc) + "\n");
        return doc;
    }

    private static void warmUp(Workload work, Contender contender) throws Exception {
        work.answerAtOnce(true);
        try {
            long round = Math.max(500, 2L * contender.width());
            for (long calls = 0; calls < WARMUP_CALLS; calls += round) {
                contender.fanOut(round, work.task(), new RunTimeline());
            }
        } finally {
            work.answerAtOnce(false);
        }
        work.drainSlept();
        work.resetStats();
    }

    static Map<String, Object> result(Scenario scenario, Contender contender, long seed, RunTimeline t, ServerStats server,
                                      QueueStats queue) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", scenario.name());
        doc.put("contender", contender.id());
        doc.put("label", contender.label());
        doc.put("width", contender.width());
        doc.put("seed", seed);
        long requests = t.startedFrom(0);
        long ok = 0;
        for (RunTimeline.Slot s : t.slots(100_000_000L)) {
            ok += s.ok();
        }
        double makespanMs = t.endNanos() / 1e6;
        doc.put("requests", requests);
        doc.put("ok", ok);
        doc.put("tooMany", t.statusFrom(0, 429));
        doc.put("makespanMs", round(makespanMs));
        doc.put("goodputPerSecond", makespanMs > 0 ? round(ok / (makespanMs / 1000)) : 0);
        Map<String, Object> after = new LinkedHashMap<>();
        long requestsAfter = t.startedFrom(SETTLE_NANOS);
        long tooManyAfter = t.statusFrom(SETTLE_NANOS, 429);
        after.put("requests", requestsAfter);
        after.put("tooMany", tooManyAfter);
        after.put("tooManyShare", requestsAfter == 0 ? null : round((double) tooManyAfter / requestsAfter));
        after.put("serviceMs", percentiles(Percentiles.ofMicros(t.okServiceMicros(SETTLE_NANOS))));
        doc.put("afterFirstSecond", after);
        doc.put("serviceMs", percentiles(Percentiles.ofMicros(t.okServiceMicros(0))));
        LimitSchedule target = scenario.target();
        List<Map<String, Object>> phases = new ArrayList<>();
        for (int i = 0; i < target.steps().size(); i++) {
            LimitSchedule.Step step = target.steps().get(i);
            long from = step.from().toNanos();
            long to = i + 1 < target.steps().size() ? target.steps().get(i + 1).from().toNanos() : t.endNanos();
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("fromMs", from / 1e6);
            phase.put("k", step.limit());
            OptionalDouble settled = t.settledMs(target, i, TOLERANCE);
            phase.put("settledWithin20PercentMs", settled.isPresent() ? round(settled.getAsDouble()) : null);
            double share = step.limit() > 0 ? t.shareWithin(step.limit(), TOLERANCE, from, to) : Double.NaN;
            phase.put("shareOfTimeWithin20Percent", Double.isFinite(share) ? round(share) : null);
            long phaseRequests = t.startedFrom(from) - (to >= t.endNanos() ? 0 : t.startedFrom(to));
            long phaseTooMany = t.statusFrom(from, 429) - (to >= t.endNanos() ? 0 : t.statusFrom(to, 429));
            phase.put("requests", phaseRequests);
            phase.put("tooMany", phaseTooMany);
            phase.put("tooManyShare", phaseRequests == 0 ? null : round((double) phaseTooMany / phaseRequests));
            phases.add(phase);
        }
        doc.put("phases", phases);
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("start", t.limitAt(0));
        List<RunTimeline.Slot> slots = t.slots(100_000_000L);
        limit.put("end", slots.isEmpty() ? null : slots.getLast().limitEnd());
        List<List<Double>> series = new ArrayList<>();
        for (double[] p : t.limitPoints(1000)) {
            series.add(List.of(round(p[0]), p[1]));
        }
        limit.put("series", series);
        doc.put("limit", limit);
        Map<String, Object> overTime = new LinkedHashMap<>();
        overTime.put("slotMs", 100);
        overTime.put("started", slots.stream().map(RunTimeline.Slot::started).toList());
        overTime.put("ok", slots.stream().map(RunTimeline.Slot::ok).toList());
        overTime.put("tooMany", slots.stream().map(RunTimeline.Slot::tooMany).toList());
        doc.put("overTime", overTime);
        Map<String, Object> srv = new LinkedHashMap<>();
        srv.put("requests", server.requests());
        Map<String, Object> status = new LinkedHashMap<>();
        server.byStatus().forEach((code, n) -> status.put(String.valueOf(code), n));
        srv.put("status", status);
        srv.put("maxInFlight", server.maxInFlight());
        if (queue != null) {
            srv.put("maxServing", queue.maxServing());
            srv.put("maxWaiting", queue.maxWaiting());
            srv.put("meanWaitMs", round(queue.meanWaitMs()));
        }
        doc.put("server", srv);
        return doc;
    }

    private static Map<String, Object> percentiles(Percentiles p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", p.p50());
        m.put("p90", p.p90());
        m.put("p99", p.p99());
        m.put("p999", p.p999());
        m.put("max", p.max());
        return m;
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000.0) / 1000.0 : value;
    }
}
