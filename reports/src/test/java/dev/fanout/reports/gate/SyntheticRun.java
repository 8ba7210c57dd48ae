package dev.fanout.reports.gate;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A JMH result file as the benchmark writes it (docs/results-format.md), built in memory and changed
 * the way a code change or a machine would change it. Every change returns a new run.
 */
final class SyntheticRun {

    static final String BENCHMARK = "dev.fanout.benchmarks.jmh.FanOutBenchmark.fanOut";
    static final String PEER_BENCHMARK = "dev.fanout.benchmarks.jmh.PeerBenchmark.fanOut";
    static final List<String> STRATEGIES = List.of("sequential", "all-at-once", "semaphore", "worker-pool", "structured");
    static final List<String> PEERS = List.of("jdk-virtual-threads", "jdk-map-concurrent", "jdk-fixed-pool", "reactor-flatmap");
    static final List<String> LATENCIES = List.of("service.p50", "service.p90", "service.p99", "service.p999", "service.max",
            "sojourn.p50", "sojourn.p90", "sojourn.p99", "sojourn.p999", "sojourn.max");

    private static final int ITEMS = 200;
    private static final double LATENCY_MS = 20;
    private static final double CAPACITY_RPS = 5000;

    /** One metric: score, error (half-width of the 99.9% interval), unit. */
    record M(double score, double error, String unit) {
        M times(double factor) {
            return new M(score * factor, error * factor, unit);
        }
    }

    /** One point: params and metrics by label, "primary" first. */
    record P(String mode, Map<String, String> params, Map<String, M> metrics) {
        /** @return the strategy's or the peer's name */
        String strategy() {
            return params.containsKey("peer") ? params.get("peer") : params.get("strategy");
        }

        boolean peer() {
            return params.containsKey("peer");
        }

        int width() {
            return Integer.parseInt(params.get("width"));
        }
    }

    private final List<P> points;

    private SyntheticRun(List<P> points) {
        this.points = List.copyOf(points);
    }

    /** Five strategies at widths 4 and 16, fixed 20 ms latency, 200 items: the smoke profile's shape. */
    static SyntheticRun smoke() {
        return of(STRATEGIES, List.of(4, 16));
    }

    static SyntheticRun of(List<String> strategies, List<Integer> widths) {
        List<P> points = new ArrayList<>();
        for (int width : widths) {
            for (String strategy : strategies) {
                points.add(point("strategy", strategy, width));
            }
        }
        return new SyntheticRun(points);
    }

    /** The same run with the four peers at each of its widths, as the benchmark's PeerBenchmark writes them. */
    SyntheticRun withPeers() {
        return withPeers(PEERS);
    }

    SyntheticRun withPeers(List<String> peers) {
        List<P> all = new ArrayList<>(points);
        for (int width : points.stream().filter(p -> !p.peer()).map(P::width).distinct().toList()) {
            for (String peer : peers) {
                P p = point("peer", peer, width);
                // the same extra parameters as the strategies (workload, client...)
                Map<String, String> params = new TreeMap<>(points.getFirst().params());
                params.remove("strategy");
                params.putAll(p.params());
                all.add(new P(p.mode(), params, p.metrics()));
            }
        }
        return new SyntheticRun(all);
    }

    /** A point with numbers as the harness measures them here: efficiency below 1, harness-bound when unbounded. */
    private static P point(String kind, String strategy, int width) {
        int effective = switch (strategy) {
            case "sequential" -> 1;
            case "all-at-once" -> ITEMS;
            default -> width;
        };
        double idealMs = Math.max(Math.ceil((double) ITEMS / effective) * LATENCY_MS, ITEMS / CAPACITY_RPS * 1000);
        double efficiency = switch (strategy) {
            case "sequential" -> 0.93;
            case "all-at-once" -> 0.55;
            case "semaphore" -> 0.96;
            case "worker-pool" -> 0.95;
            case "jdk-virtual-threads", "jdk-fixed-pool" -> 0.96;
            case "jdk-map-concurrent", "reactor-flatmap" -> 0.95;
            default -> 0.94;
        } - (width > 4 ? 0.01 : 0);
        double makespanMs = idealMs / efficiency;
        double opsPerSecond = 1000 / makespanMs;
        Map<String, String> params = new TreeMap<>(Map.of(kind, strategy, "width", String.valueOf(width),
                "latency", "fixed:20ms", "items", String.valueOf(ITEMS)));
        Map<String, M> m = new LinkedHashMap<>();
        m.put("primary", new M(opsPerSecond, opsPerSecond * 0.02, "ops/s"));
        m.put("efficiency", new M(efficiency, 0.01, "ratio"));
        m.put("idealMs", new M(idealMs, 0, "ms"));
        double[] service = {21.4, 21.9, 23.0, 25.1, 26.0};
        double[] sojourn = {0.5, 0.9, 0.99, 0.995, 1.0};
        for (int i = 0; i < 5; i++) {
            m.put(LATENCIES.get(i), new M(service[i], service[i] * 0.03, "ms"));
            m.put(LATENCIES.get(5 + i), new M(makespanMs * sojourn[i], makespanMs * sojourn[i] * 0.03, "ms"));
        }
        m.put("server.maxInFlight", new M(effective, 0, "requests"));
        m.put("requestRate", new M(opsPerSecond * ITEMS, opsPerSecond * ITEMS * 0.02, "requests/s"));
        m.put("harnessBound", new M(opsPerSecond * ITEMS >= 0.8 * CAPACITY_RPS ? 1 : 0, 0, "flag"));
        return new P("thrpt", params, m);
    }

    /** Multiplies a metric (score and error) of the points that match. */
    SyntheticRun scale(Predicate<P> which, String metric, double factor) {
        return change(which, metric, m -> m.times(factor));
    }

    /** Sets a metric of the points that match. */
    SyntheticRun set(Predicate<P> which, String metric, double score, double error) {
        return change(which, metric, m -> new M(score, error, m.unit()));
    }

    /** Sets the error of a metric of the points that match, keeping the score. */
    SyntheticRun error(Predicate<P> which, String metric, double error) {
        return change(which, metric, m -> new M(m.score(), error, m.unit()));
    }

    /** Sets the error of a metric of the points that match to a fraction of its score. */
    SyntheticRun relativeError(Predicate<P> which, String metric, double fraction) {
        return change(which, metric, m -> new M(m.score(), m.score() * fraction, m.unit()));
    }

    /**
     * The matching points run {@code factor} times as fast, as a change in the code would do it:
     * throughput, request rate and efficiency scale up, sojourn latencies scale down.
     */
    SyntheticRun faster(Predicate<P> which, double factor) {
        SyntheticRun run = scale(which, "primary", factor).scale(which, "efficiency", factor).scale(which, "requestRate", factor);
        for (String latency : LATENCIES.subList(5, 10)) {
            run = run.scale(which, latency, 1 / factor);
        }
        return run;
    }

    /**
     * The matching points {@code factor} times as fast as a whole, as the user made every
     * point worse: throughput, request rate and efficiency times the factor, every latency divided.
     */
    SyntheticRun worse(Predicate<P> which, double factor) {
        SyntheticRun run = scale(which, "primary", factor).scale(which, "efficiency", factor).scale(which, "requestRate", factor);
        for (String latency : LATENCIES) {
            run = run.scale(which, latency, 1 / factor);
        }
        return run;
    }

    /**
     * The same run on a machine {@code factor} times as fast: throughput and every latency move for
     * every strategy; efficiency (against the ideal calibrated on that machine) does not.
     */
    SyntheticRun onMachine(double factor) {
        SyntheticRun run = scale(p -> true, "primary", factor).scale(p -> true, "requestRate", factor);
        for (String latency : LATENCIES) {
            run = run.scale(p -> true, latency, 1 / factor);
        }
        return run;
    }

    /** Drops a metric from every point, as a benchmark without it would write the file. */
    SyntheticRun without(String metric) {
        return map(p -> true, p -> {
            Map<String, M> m = new LinkedHashMap<>(p.metrics());
            m.remove(metric);
            return new P(p.mode(), p.params(), m);
        });
    }

    /** Changes one metric of the points that match and have it. */
    private SyntheticRun change(Predicate<P> which, String metric, UnaryOperator<M> how) {
        return map(which, p -> {
            Map<String, M> m = new LinkedHashMap<>(p.metrics());
            m.computeIfPresent(metric, (k, v) -> how.apply(v));
            return new P(p.mode(), p.params(), m);
        });
    }

    /** Adds (or replaces) a metric on the points that match, with no error, as a flag or a count is written. */
    SyntheticRun with(Predicate<P> which, String metric, double score, String unit) {
        return map(which, p -> {
            Map<String, M> m = new LinkedHashMap<>(p.metrics());
            m.put(metric, new M(score, 0, unit));
            return new P(p.mode(), p.params(), m);
        });
    }

    /** Drops the matching points. */
    SyntheticRun drop(Predicate<P> which) {
        return new SyntheticRun(points.stream().filter(which.negate()).toList());
    }

    /** Adds the points of another run. */
    SyntheticRun plus(SyntheticRun other) {
        List<P> all = new ArrayList<>(points);
        all.addAll(other.points);
        return new SyntheticRun(all);
    }

    /** Sets a parameter on every point. */
    SyntheticRun param(String name, String value) {
        return map(p -> true, p -> {
            Map<String, String> params = new TreeMap<>(p.params());
            params.put(name, value);
            return new P(p.mode(), params, p.metrics());
        });
    }

    /** The same run measured in JMH's average-time mode: the primary metric is ms per operation. */
    SyntheticRun averageTime() {
        return map(p -> true, p -> {
            Map<String, M> m = new LinkedHashMap<>(p.metrics());
            M ops = m.get("primary");
            double msPerOp = 1000 / ops.score();
            m.put("primary", new M(msPerOp, msPerOp * ops.error() / ops.score(), "ms/op"));
            return new P("avgt", p.params(), m);
        });
    }

    static Predicate<P> at(String strategy, int width) {
        return p -> p.strategy().equals(strategy) && p.width() == width;
    }

    static Predicate<P> strategy(String strategy) {
        return p -> p.strategy().equals(strategy);
    }

    /** Every strategy's point, no peer's. */
    static Predicate<P> strategies() {
        return p -> !p.peer();
    }

    /** Every peer's point. */
    static Predicate<P> peers() {
        return P::peer;
    }

    /** @return the run as JMH writes it with {@code -rf json}, non-finite numbers as "NaN", "+INF", "-INF" */
    String json() {
        JsonArray array = new JsonArray();
        for (P p : points) {
            JsonObject o = new JsonObject();
            o.addProperty("jmhVersion", "1.37");
            o.addProperty("benchmark", p.peer() ? PEER_BENCHMARK : BENCHMARK);
            o.addProperty("mode", p.mode());
            o.addProperty("threads", 1);
            o.addProperty("forks", 1);
            o.addProperty("jdkVersion", "25.0.3");
            o.addProperty("warmupIterations", 1);
            o.addProperty("warmupTime", "2 s");
            o.addProperty("measurementIterations", 3);
            o.addProperty("measurementTime", "2 s");
            JsonObject params = new JsonObject();
            p.params().forEach(params::addProperty);
            o.add("params", params);
            JsonObject secondary = new JsonObject();
            p.metrics().forEach((label, m) -> {
                if (label.equals("primary")) {
                    o.add("primaryMetric", metric(m));
                } else {
                    secondary.add(label, metric(m));
                }
            });
            o.add("secondaryMetrics", secondary);
            array.add(o);
        }
        return new GsonBuilder().setPrettyPrinting().create().toJson(array);
    }

    Path write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject metric(M m) {
        JsonObject o = new JsonObject();
        o.add("score", number(m.score()));
        o.add("scoreError", number(m.error()));
        JsonArray confidence = new JsonArray();
        confidence.add(number(m.score() - m.error()));
        confidence.add(number(m.score() + m.error()));
        o.add("scoreConfidence", confidence);
        JsonObject percentiles = new JsonObject();
        percentiles.add("0.0", number(m.score()));
        percentiles.add("50.0", number(m.score()));
        percentiles.add("100.0", number(m.score()));
        o.add("scorePercentiles", percentiles);
        o.addProperty("scoreUnit", m.unit());
        JsonArray raw = new JsonArray();
        JsonArray fork = new JsonArray();
        samples(m).forEach(x -> fork.add(number(x)));
        raw.add(fork);
        o.add("rawData", raw);
        return o;
    }

    /** Iterations per point, as in the smoke profile. */
    static final int ITERATIONS = 10;

    /**
     * Per-iteration samples that agree with the metric: their mean is the score and JMH's 99.9%
     * error computed from them is the error. An unknown or unbounded error gets two samples, as
     * JMH would have too few to compute one.
     */
    static List<Double> samples(M m) {
        if (!Double.isFinite(m.error()) || m.error() < 0 || !Double.isFinite(m.score())) {
            return List.of(m.score(), m.score());
        }
        double t = new org.apache.commons.math3.distribution.TDistribution(ITERATIONS - 1).inverseCumulativeProbability(0.9995);
        double sd = m.error() * Math.sqrt(ITERATIONS) / t;
        double d = sd * Math.sqrt((ITERATIONS - 1.0) / ITERATIONS); // +d, -d alternating has this sample deviation
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            samples.add(m.score() + (i % 2 == 0 ? d : -d));
        }
        return samples;
    }

    /** JMH writes non-finite numbers as strings. */
    private static JsonElement number(double x) {
        if (Double.isNaN(x)) {
            return new JsonPrimitive("NaN");
        }
        if (Double.isInfinite(x)) {
            return new JsonPrimitive(x > 0 ? "+INF" : "-INF");
        }
        return new JsonPrimitive(x);
    }

    private SyntheticRun map(Predicate<P> which, UnaryOperator<P> change) {
        return new SyntheticRun(points.stream().map(p -> which.test(p) ? change.apply(p) : p).toList());
    }
}
