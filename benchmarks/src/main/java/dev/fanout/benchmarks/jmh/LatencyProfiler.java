package dev.fanout.benchmarks.jmh;

import dev.fanout.benchmarks.workload.Percentiles;
import dev.fanout.reports.gate.MachineLoad;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts each point's tail latency, efficiency and server evidence into JMH's own results, as
 * secondary metrics, so that any tool that reads JMH JSON sees them (docs/results-format.md lists
 * them), and writes the point's HdrHistogram files and timeline. Use with
 * {@code -prof dev.fanout.benchmarks.jmh.LatencyProfiler}; {@code fanout bench} always does.
 *
 * <p>Each measurement iteration contributes one value per metric; JMH averages them (AVG) or keeps
 * the largest (MAX) over iterations, and gives each an error as it does the primary score.
 */
public final class LatencyProfiler implements InternalProfiler {

    /** Points whose request rate reaches this share of the harness capacity are harness-bound. */
    public static final double HARNESS_BOUND_SHARE = 0.8;

    private int measurementIterationsSeen;
    private String point;
    private Optional<OtherProcessesCpu.Sample> iterationStart = Optional.empty();

    @Override
    public String getDescription() {
        return "fanout: service/sojourn latency percentiles, efficiency, the workload's in-flight peak and the CPU other"
                + " processes took, per point";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        String id = pointId(benchmark);
        if (!id.equals(point)) { // a new point (only without forks does one JVM see several)
            point = id;
            measurementIterationsSeen = 0;
        }
        boolean lastMeasurement = iteration.getType() == IterationType.MEASUREMENT
                && measurementIterationsSeen + 1 == iteration.getCount();
        PointRecording.CURRENT.startIteration(lastMeasurement);
        // only measurements are reported; a warm-up need not read /proc
        iterationStart = iteration.getType() == IterationType.MEASUREMENT ? OtherProcessesCpu.sample() : Optional.empty();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        if (iteration.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        measurementIterationsSeen++;
        Path dir = BenchmarkSettings.resultsDir();
        String id = pointId(benchmark);
        PointRecording.Iteration it = PointRecording.CURRENT.endMeasurementIteration(dir, id);
        int items = Integer.parseInt(benchmark.getParam("items"));
        double requestRate = result.getPrimaryResult().getScore() * items;
        double capacity = PointRecording.CURRENT.capacityRps();

        List<Result> results = new ArrayList<>();
        results.add(avg("efficiency", it.efficiency(), "ratio"));
        results.add(avg("idealMs", it.idealMs(), "ms"));
        percentiles(results, "service", it.service());
        percentiles(results, "sojourn", it.sojourn());
        results.add(new ScalarResult("server.maxInFlight", it.maxInFlight(), "requests", AggregationPolicy.MAX));
        results.add(avg("requestRate", requestRate, "requests/s"));
        results.add(new ScalarResult("harnessBound", capacity > 0 && requestRate >= HARNESS_BOUND_SHARE * capacity ? 1 : 0,
                "flag", AggregationPolicy.MAX));
        // the rest of the machine's CPU meanwhile: the gate says when a run shared its machine
        iterationStart.flatMap(start -> OtherProcessesCpu.sample().map(end -> end.otherCoresSince(start)))
                .filter(Double::isFinite).ifPresent(cores -> results.add(avg(MachineLoad.OTHER_CORES, cores, "cores")));
        // what the server counted per item: 1 for every strategy that calls once per input; above it,
        // the hedged strategy's extra attempts (and a client's retries), as the server saw them. Not the
        // unit "ratio": the gate reads that as efficiency, higher is better; a count per item is shown, never gated
        if (BenchmarkSettings.target().isPresent()) { // a real service: its refusals, 429s and timeouts, per item
            results.add(avg("failedPerItem", it.batches() == 0 ? Double.NaN
                    : PointRecording.CURRENT.failed.sum() / (double) (it.batches() * items), "failed/item"));
        }
        results.add(avg("server.requestsPerItem", it.batches() == 0 ? Double.NaN : (double) it.requests() / (it.batches() * items),
                "requests/item"));

        if (measurementIterationsSeen == iteration.getCount()) {
            Map<String, Object> params = new LinkedHashMap<>();
            String kind = kind(benchmark);
            params.put("kind", kind);
            params.put(kind, benchmark.getParam(kind));
            params.put("width", Integer.parseInt(benchmark.getParam("width")));
            params.put("latency", benchmark.getParam("latency"));
            params.put("items", items);
            params.put("workload", benchmark.getParam("workload"));
            params.put("client", client(benchmark));
            PointRecording.CURRENT.finishPoint(dir, id, params);
        }
        return results;
    }

    private static void percentiles(List<Result> results, String name, Percentiles p) {
        results.add(avg(name + ".p50", p.p50(), "ms"));
        results.add(avg(name + ".p90", p.p90(), "ms"));
        results.add(avg(name + ".p99", p.p99(), "ms"));
        results.add(avg(name + ".p999", p.p999(), "ms"));
        results.add(avg(name + ".max", p.max(), "ms"));
    }

    private static ScalarResult avg(String label, double value, String unit) {
        return new ScalarResult(label, value, unit, AggregationPolicy.AVG);
    }

    static String pointId(BenchmarkParams benchmark) {
        return PointId.of(benchmark.getParam(kind(benchmark)), benchmark.getParam("workload"), client(benchmark),
                Integer.parseInt(benchmark.getParam("width")), benchmark.getParam("latency"),
                Integer.parseInt(benchmark.getParam("items")));
    }

    /** @return {@code strategy} or {@code peer}: the param that names what the point measures */
    static String kind(BenchmarkParams benchmark) {
        return benchmark.getParam("peer") != null ? "peer" : "strategy";
    }

    /** @return the client, {@code none} for the sim whatever the param says */
    static String client(BenchmarkParams benchmark) {
        return "http".equals(benchmark.getParam("workload")) ? benchmark.getParam("client") : "none";
    }
}
