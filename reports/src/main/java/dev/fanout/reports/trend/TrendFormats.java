package dev.fanout.reports.trend;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.fanout.reports.gate.Direction;
import dev.fanout.reports.gate.MetricRule;
import dev.fanout.reports.jmh.Metric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's results in the formats history trackers read, so a trend across commits can live in the
 * tool a team already uses (docs/results-format.md, "For trackers"):
 *
 * <ul>
 *   <li>Bencher Metric Format (BMF), for {@code bencher run --adapter json}: an object keyed by
 *       benchmark, each an object keyed by measure, each {@code {"value", "lower_value",
 *       "upper_value"}} (https://bencher.dev/bmf.json);</li>
 *   <li>github-action-benchmark's custom JSON, a list of {@code {"name", "unit", "value", "range",
 *       "extra"}}, one file for its {@code customBiggerIsBetter} tool and one for
 *       {@code customSmallerIsBetter}.</li>
 * </ul>
 *
 * <p>Every metric of every point: the benchmark is the point's id (strategy or peer, workload,
 * client, width, latency, items), the measures are {@code throughput} (JMH's ops/s, Bencher's own
 * measure), {@code items-per-second}, and every secondary metric under its label and unit (such as
 * {@code sojourn.p99 (ms)}). Bounds are JMH's 99.9% interval, score ± error, where JMH gives an
 * error. A metric without a number (the efficiency of no-op tasks is NaN) is left out: JSON has no
 * NaN, and BMF requires a number.
 */
public final class TrendFormats {

    /** Bencher's built-in throughput measure, in operations per second. */
    public static final String THROUGHPUT = "throughput";
    public static final String ITEMS_PER_SECOND = "items-per-second";

    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().create();

    private TrendFormats() {
    }

    /** One measure of one point. */
    record Measure(String name, String unit, double value, double error, Direction direction) {

        boolean bounded() {
            return Double.isFinite(error) && error > 0;
        }
    }

    /** @return the Bencher Metric Format JSON of every finished point */
    public static String bmf(Results results) {
        JsonObject root = new JsonObject();
        for (PointResult p : results.points()) {
            JsonObject measures = new JsonObject();
            for (Measure m : measures(p)) {
                JsonObject metric = new JsonObject();
                metric.addProperty("value", m.value());
                if (m.bounded()) {
                    metric.addProperty("lower_value", m.value() - m.error());
                    metric.addProperty("upper_value", m.value() + m.error());
                }
                measures.add(m.name(), metric);
            }
            root.add(p.point().id(), measures);
        }
        return JSON.toJson(root) + "\n";
    }

    /**
     * @param biggerIsBetter the measures for {@code customBiggerIsBetter} (throughput, efficiency),
     *                       else those for {@code customSmallerIsBetter} (latencies)
     * @return github-action-benchmark's custom JSON; informational metrics (counts, flags) are in neither
     */
    public static String githubActionBenchmark(Results results, boolean biggerIsBetter) {
        Direction wanted = biggerIsBetter ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
        JsonArray list = new JsonArray();
        for (PointResult p : results.points()) {
            for (Measure m : measures(p)) {
                if (m.direction() != wanted) {
                    continue;
                }
                JsonObject entry = new JsonObject();
                entry.addProperty("name", p.point().id() + " " + m.name());
                entry.addProperty("unit", m.unit());
                entry.addProperty("value", m.value());
                if (m.bounded()) {
                    entry.addProperty("range", "± " + String.format(Locale.ROOT, "%.6g", m.error()));
                }
                entry.addProperty("extra", p.point().kind().label() + " " + p.name() + ", section params " + p.point().profileParams());
                list.add(entry);
            }
        }
        return JSON.toJson(list) + "\n";
    }

    /** @return the point's measures with a finite value, primary first */
    static List<Measure> measures(PointResult p) {
        List<Measure> measures = new ArrayList<>();
        Metric primary = p.opsPerSecond();
        if (primary.finite()) {
            measures.add(new Measure(THROUGHPUT, primary.unit(), primary.score(), primary.error(), Direction.HIGHER_IS_BETTER));
            measures.add(new Measure(ITEMS_PER_SECOND, "items/s", p.itemsPerSecond(), primary.error() * p.point().items(),
                    Direction.HIGHER_IS_BETTER));
        }
        Map<String, Metric> secondary = new LinkedHashMap<>(p.jmh().secondary());
        for (Metric m : secondary.values()) {
            if (m.finite()) {
                measures.add(new Measure(m.name() + " (" + m.unit() + ")", m.unit(), m.score(), m.error(),
                        MetricRule.forMetric(m.name(), m.unit()).direction()));
            }
        }
        return measures;
    }
}
