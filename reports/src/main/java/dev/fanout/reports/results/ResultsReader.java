package dev.fanout.reports.results;

import dev.fanout.reports.LatencySpecMedian;
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
 * Reads a results folder of format 2 or 1 (docs/results-format.md) and checks that every point the
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
                    timeline(folder.resolve("timelines").resolve(p.id() + ".json"), p)));
        }
        return new Results(folder, manifest, calibration, environment, profiles(manifest, points),
                ScenarioResults.read(folder, folder.resolve("manifest.json")));
    }

    /** The largest batch the benchmarks write a timeline of (FanOutBenchmarkBase.MAX_TIMELINE_ITEMS). */
    static final int LARGEST_TIMELINE = 4096;

    /**
     * A point's timeline. At a zero latency (no-op tasks, often many thousands) the file may be
     * absent: such a batch has no picture to draw, its bars would have no length. A batch larger than
     * {@value #LARGEST_TIMELINE} items (sim at width 10,000) has none written either.
     */
    private static Timeline timeline(Path file, PlannedPoint p) throws ResultsException {
        if (Files.notExists(file) && (zeroLatency(p.latency()) || p.items() > LARGEST_TIMELINE)) {
            return new Timeline(0, List.of());
        }
        return Timeline.read(file);
    }

    private static boolean zeroLatency(String latency) {
        try {
            return LatencySpecMedian.parse(latency).medianMs() == 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The JMH result of every done point, by point id: the result of the point's benchmark whose
     * params hold every param the manifest gives the point (JMH may add params of its own).
     */
    private static Map<String, JmhPoint> jmhResults(Path file, Manifest manifest) throws ResultsException {
        List<PlannedPoint> done = manifest.donePoints();
        if (done.isEmpty()) {
            return Map.of(); // an interrupted run may stop before JMH wrote anything
        }
        Map<String, List<JmhPoint>> byBenchmark = new HashMap<>();
        for (JmhPoint j : JmhResultsReader.read(file)) {
            byBenchmark.computeIfAbsent(j.benchmark(), b -> new ArrayList<>()).add(j);
        }
        Map<String, JmhPoint> byId = new LinkedHashMap<>();
        for (PlannedPoint p : done) {
            JmhPoint match = null;
            for (JmhPoint j : byBenchmark.getOrDefault(manifest.benchmarks().get(p.kind()), List.of())) {
                if (sameParams(p, j)) {
                    match = j; // a point measured twice: the later result, as JMH's file lists them
                }
            }
            if (match == null) {
                throw new ResultsException(file, "has no result for point " + p.id()
                        + ", which manifest.json says is done");
            }
            checkMetrics(file, p, match);
            byId.put(p.id(), match);
        }
        return byId;
    }

    private static boolean sameParams(PlannedPoint p, JmhPoint j) {
        for (Map.Entry<String, String> e : p.params().entrySet()) {
            String value = j.params().get(e.getKey());
            if (value == null || !value.strip().equals(e.getValue().strip())) {
                return false;
            }
        }
        return true;
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

    /**
     * Groups the points into profiles, ordered as the plan's sections list their points; inside a
     * profile strategies come first, then peers, each in the run's order, then by width.
     */
    private static List<Profile> profiles(Manifest manifest, List<PointResult> points) {
        Map<String, Integer> position = new HashMap<>();
        int next = 0;
        for (Section s : manifest.sections()) {
            for (String id : s.pointIds()) {
                if (!position.containsKey(id)) {
                    position.put(id, next++);
                }
            }
        }
        Comparator<PointResult> inProfile = Comparator
                .comparing(PointResult::kind)
                .thenComparingInt((PointResult r) -> indexOf(manifest.names(r.kind()), r.name()))
                .thenComparingInt(PointResult::width);
        Map<Map<String, String>, List<PointResult>> byProfile = new LinkedHashMap<>();
        points.stream()
                .sorted(Comparator.comparingInt((PointResult r) -> position.getOrDefault(r.point().id(), Integer.MAX_VALUE)))
                .forEach(r -> byProfile.computeIfAbsent(r.point().profileParams(), k -> new ArrayList<>()).add(r));
        return byProfile.entrySet().stream()
                .map(e -> {
                    PlannedPoint first = e.getValue().getFirst().point();
                    return new Profile(e.getKey(), first.latency(), first.items(), first.workload(), first.client(),
                            e.getValue().stream().sorted(inProfile).toList());
                })
                .toList();
    }

    /** Position in the manifest's list; anything not listed goes last. */
    private static <T> int indexOf(List<T> list, T value) {
        int i = list.indexOf(value);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
