package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;
import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.JmhResultsReader;
import dev.fanout.reports.jmh.Metric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a results folder of format 1 (docs/results-format.md) and checks that every point the
 * manifest calls done has its JMH result, both .hlog files and its timeline. Any problem is a
 * {@link ResultsException} whose one-line message names the file and what is wrong with it.
 */
public final class ResultsReader {

    private ResultsReader() {
    }

    public static Results read(Path folder) throws ResultsException {
        if (!Files.exists(folder)) {
            throw new ResultsException(folder, "no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new ResultsException(folder, "not a folder; expected a results folder written by ./fanout bench");
        }
        Manifest manifest = Manifest.read(folder.resolve("manifest.json"));
        Map<String, JmhPoint> jmhById = jmhResults(folder.resolve("jmh.json"), manifest);
        Calibration calibration = Calibration.read(folder.resolve("calibration.json"));
        Environment environment = Environment.read(folder.resolve("environment.json"));

        List<PointResult> points = new ArrayList<>();
        for (PlannedPoint p : manifest.donePoints()) {
            Path hdr = folder.resolve("hdr");
            points.add(new PointResult(p, jmhById.get(p.id()),
                    HdrLogs.read(hdr.resolve(p.id() + ".service.hlog")),
                    HdrLogs.read(hdr.resolve(p.id() + ".sojourn.hlog")),
                    Timeline.read(folder.resolve("timelines").resolve(p.id() + ".json"))));
        }
        return new Results(folder, manifest, calibration, environment, profiles(manifest, points));
    }

    /** The JMH result of every done point, by point id. */
    private static Map<String, JmhPoint> jmhResults(Path file, Manifest manifest) throws ResultsException {
        List<PlannedPoint> done = manifest.donePoints();
        if (done.isEmpty()) {
            return Map.of(); // an interrupted run may stop before JMH wrote anything
        }
        Map<String, JmhPoint> byParams = new HashMap<>();
        for (JmhPoint j : JmhResultsReader.read(file)) {
            if (j.benchmark().equals(manifest.benchmark())) {
                byParams.put(paramsKey(j.param("strategy").orElse(""), j.param("width").orElse(""),
                        j.param("latency").orElse(""), j.param("items").orElse("")), j);
            }
        }
        Map<String, JmhPoint> byId = new LinkedHashMap<>();
        for (PlannedPoint p : done) {
            JmhPoint j = byParams.get(paramsKey(p.strategy(), String.valueOf(p.width()), p.latency(),
                    String.valueOf(p.items())));
            if (j == null) {
                throw new ResultsException(file, "has no result for point " + p.id()
                        + ", which manifest.json says is done");
            }
            checkMetrics(file, p, j);
            byId.put(p.id(), j);
        }
        return byId;
    }

    private static void checkMetrics(Path file, PlannedPoint p, JmhPoint j) throws ResultsException {
        if (!"ops/s".equals(j.primary().unit())) {
            throw new ResultsException(file, "result for point " + p.id() + " has score unit '" + j.primary().unit()
                    + "'; expected ops/s (throughput mode)");
        }
        for (PointMetric m : PointMetric.values()) {
            Metric metric = j.metric(m.label()).orElse(null);
            if (metric == null) {
                throw new ResultsException(file, "result for point " + p.id() + " has no secondary metric " + m.label());
            }
        }
    }

    private static String paramsKey(String strategy, String width, String latency, String items) {
        return strategy + '\u0000' + width.strip() + '\u0000' + latency + '\u0000' + items.strip();
    }

    private static List<Profile> profiles(Manifest manifest, List<PointResult> points) {
        Comparator<PointResult> order = Comparator
                .comparingInt((PointResult r) -> indexOf(manifest.strategies(), r.strategy()))
                .thenComparingInt(PointResult::width);
        Map<String, List<PointResult>> byProfile = new LinkedHashMap<>();
        points.stream()
                .sorted(Comparator.comparingInt((PointResult r) -> indexOf(manifest.latencies(), r.point().latency()))
                        .thenComparingInt(r -> indexOf(manifest.items(), r.point().items())))
                .forEach(r -> byProfile.computeIfAbsent(r.point().latency() + '\u0000' + r.point().items(),
                        k -> new ArrayList<>()).add(r));
        return byProfile.values().stream()
                .map(list -> new Profile(list.getFirst().point().latency(), list.getFirst().point().items(),
                        list.stream().sorted(order).toList()))
                .toList();
    }

    /** Position in the manifest's list; anything not listed goes last. */
    private static <T> int indexOf(List<T> list, T value) {
        int i = list.indexOf(value);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
