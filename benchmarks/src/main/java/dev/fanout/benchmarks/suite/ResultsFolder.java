package dev.fanout.benchmarks.suite;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.fanout.reports.AtomicFiles;
import dev.fanout.benchmarks.scenario.Scenario;
import dev.fanout.benchmarks.scenario.Scenarios;
import dev.fanout.benchmarks.workload.Calibration;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's results folder, {@code bench-results/<timestamp>/} (docs/results-format.md, format 2):
 * kept readable after every finished point, so an interrupted run leaves its finished points behind.
 * Every file is replaced whole (write, then rename), never half-written.
 *
 * <p>Format 2 over format 1: two benchmarks (strategies and peers), each point with its kind and all
 * its params ({@code workload}, {@code client} among them), the plan's sections, and a calibration
 * per HTTP client.
 */
public final class ResultsFolder {

    public static final int FORMAT = 2;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private final Path dir;
    private final BenchProfile profile;
    private final List<BenchPoint> points;
    private final List<RunResult> results = new ArrayList<>();
    private final List<Boolean> done;
    /** Per scenario of the plan, its contenders that finished. */
    private final Map<String, Map<String, Boolean>> scenariosDone = new LinkedHashMap<>();
    private final Instant createdAt = Instant.now();

    private final Shard shard;

    private ResultsFolder(Path dir, BenchProfile profile, Shard shard) {
        this.dir = dir;
        this.profile = profile;
        this.shard = shard;
        this.points = shard.slice(profile);
        this.done = new ArrayList<>(points.stream().map(p -> false).toList());
    }

    /**
     * Creates {@code <root>/<timestamp>/} for the whole plan and points {@code <root>/latest} at it.
     *
     * @param calibrations the harness calibration of each HTTP client, the primary one first (its
     *                     numbers are also calibration.json's top level)
     */
    public static ResultsFolder create(Path root, BenchProfile profile, Map<String, Calibration> calibrations) throws IOException {
        return create(root, profile, Shard.WHOLE, calibrations);
    }

    /**
     * Creates {@code <root>/<timestamp>/} for one slice of the plan (its manifest says which, of which
     * plan: docs/results-format.md, "Shards") and points {@code <root>/latest} at it.
     */
    public static ResultsFolder create(Path root, BenchProfile profile, Shard shard, Map<String, Calibration> calibrations)
            throws IOException {
        Files.createDirectories(root);
        Path dir = root.resolve(STAMP.format(Instant.now()));
        for (int n = 2; Files.exists(dir); n++) {
            dir = root.resolve(STAMP.format(Instant.now()) + "-" + n);
        }
        Files.createDirectories(dir.resolve("hdr"));
        Files.createDirectories(dir.resolve("timelines"));
        ResultsFolder folder = new ResultsFolder(dir, profile, shard);
        folder.write("calibration.json", calibrationJson(calibrations));
        folder.write("environment.json", environmentJson());
        folder.writeManifest(false);
        folder.write("jmh.json", "[]\n");
        pointLatestAt(root, dir);
        return folder;
    }

    public Path dir() {
        return dir;
    }

    public List<BenchPoint> points() {
        return points;
    }

    /** Records a finished point: rewrites jmh.json with every result so far, then the manifest. */
    public synchronized void pointDone(int index, RunResult result) throws IOException {
        results.add(result);
        done.set(index, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
        write("jmh.json", bytes.toString(StandardCharsets.UTF_8));
        writeManifest(false);
    }

    /** @return the file a scenario's contender writes its result to */
    public Path scenarioFile(Scenario scenario, String contenderId) {
        return dir.resolve(scenario.file(contenderId));
    }

    /** Records a scenario's contender as finished: its file is there. Rewrites the manifest. */
    public synchronized void scenarioDone(Scenario scenario, String contenderId) throws IOException {
        scenariosDone.computeIfAbsent(scenario.name(), n -> new LinkedHashMap<>()).put(contenderId, true);
        writeManifest(false);
    }

    /** Rewrites calibration.json: the same calibrations, with the overhead rounds measured after the points. */
    public synchronized void recalibrated(Map<String, Calibration> calibrations) throws IOException {
        write("calibration.json", calibrationJson(calibrations));
    }

    /** Marks the run complete. */
    public synchronized void finished() throws IOException {
        writeManifest(true);
    }

    public synchronized int pointsDone() {
        return (int) done.stream().filter(d -> d).count();
    }

    private void writeManifest(boolean complete) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("tool", "fanout");
        m.put("profile", profile.name());
        m.put("createdAt", createdAt.toString());
        if (complete) {
            m.put("finishedAt", Instant.now().toString());
        }
        m.put("complete", complete);
        Map<String, Object> benchmarks = new LinkedHashMap<>();
        benchmarks.put(BenchPoint.STRATEGY, BenchSuite.STRATEGY_BENCHMARK);
        benchmarks.put(BenchPoint.PEER, BenchSuite.PEER_BENCHMARK);
        m.put("benchmarks", benchmarks);
        m.put("strategies", profile.distinct(p -> p.isPeer() ? null : p.name()).stream().filter(java.util.Objects::nonNull).toList());
        m.put("peers", profile.distinct(p -> p.isPeer() ? p.name() : null).stream().filter(java.util.Objects::nonNull).toList());
        m.put("workloads", profile.distinct(BenchPoint::workload));
        m.put("clients", profile.distinct(BenchPoint::client));
        m.put("widths", profile.distinct(BenchPoint::width).stream().sorted().toList());
        m.put("latencies", profile.distinct(BenchPoint::latency));
        m.put("items", profile.distinct(BenchPoint::items));
        m.put("forks", profile.forks());
        if (!shard.whole()) {
            // an addition to format 2 (docs/results-format.md, "Shards"): what ./fanout report merges by
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("index", shard.index());
            s.put("count", shard.count());
            s.put("plan", Shard.planId(profile));
            s.put("planPoints", profile.points().stream().map(BenchPoint::id).toList());
            m.put("shard", s);
        }
        List<Map<String, Object>> sections = new ArrayList<>();
        for (BenchSection section : profile.sections()) {
            List<String> ids = points.stream().filter(p -> p.section().equals(section.name())).map(BenchPoint::id).toList();
            if (ids.isEmpty()) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", section.name());
            s.put("title", section.title());
            s.put("workload", section.workload());
            String note = section.fullNote();
            s.put("note", note.isEmpty() ? null : note);
            s.put("iterations", section.iterations().toString());
            s.put("points", ids);
            sections.add(s);
        }
        m.put("sections", sections);
        if (!profile.scenarios().isEmpty()) {
            // an addition to format 2 (docs/results-format.md): runs over time, one file per contender
            m.put("scenarios", profile.scenarios().stream()
                    .map(name -> Scenarios.named(name).manifestEntry(scenariosDone.getOrDefault(name, Map.of()))).toList());
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", points.get(i).id());
            p.put("kind", points.get(i).kind());
            p.put("section", points.get(i).section());
            p.put("params", points.get(i).params());
            p.put("done", done.get(i));
            list.add(p);
        }
        m.put("points", list);
        write("manifest.json", JSON.toJson(m) + "\n");
    }

    private void write(String name, String content) throws IOException {
        AtomicFiles.writeString(dir.resolve(name), content);
    }

    /** The primary client's numbers at the top level (format 1's fields, plus more), every client's under {@code clients}. */
    static String calibrationJson(Map<String, Calibration> calibrations) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!calibrations.isEmpty()) {
            m.putAll(calibrationFields(calibrations.values().iterator().next()));
        }
        Map<String, Object> clients = new LinkedHashMap<>();
        calibrations.forEach((client, c) -> clients.put(client, calibrationFields(c)));
        m.put("clients", clients);
        return JSON.toJson(m) + "\n";
    }

    private static Map<String, Object> calibrationFields(Calibration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", c.client());
        m.put("warmupRequests", c.warmupRequests());
        m.put("overheadMs", c.overheadMs());
        m.put("overheadRoundsMs", c.overheadRoundsMs());
        if (c.capacityRoundsRps().size() > 1) {
            m.put("capacityAfterRps", c.capacityRoundsRps().getLast()); // measured again after the points
        }
        m.put("overheadLatencyMs", c.overheadLatencyMs());
        m.put("sleepOvershootMs", c.sleepOvershootMs());
        m.put("capacityRps", c.capacityRps());
        m.put("capacityWidth", c.capacityWidth());
        Map<String, Object> byWidth = new LinkedHashMap<>();
        c.capacityByWidth().forEach((w, rps) -> byWidth.put(String.valueOf(w), rps));
        m.put("capacityByWidth", byWidth);
        m.put("trustworthy", c.trustworthy());
        m.put("warning", c.warning());
        return m;
    }

    private static String environmentJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jdk", System.getProperty("java.runtime.version"));
        m.put("vendor", System.getProperty("java.vendor"));
        m.put("vm", System.getProperty("java.vm.name"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryBytes", ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : null);
        m.put("fanoutVersion", ResultsFolder.class.getPackage().getImplementationVersion());
        m.put("gitCommit", gitCommit());
        return JSON.toJson(m) + "\n";
    }

    private static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 && out.matches("[0-9a-f]{4,40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code latest} is a relative symlink, replaced atomically. */
    private static void pointLatestAt(Path root, Path dir) throws IOException {
        Path latest = root.resolve("latest");
        Path temp = root.resolve(".latest-" + ProcessHandle.current().pid());
        Files.deleteIfExists(temp);
        try {
            Files.createSymbolicLink(temp, dir.getFileName());
            Files.move(temp, latest, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (UnsupportedOperationException | IOException e) {
            Files.deleteIfExists(temp);
            // a file system without symlinks: a plain file naming the newest run
            AtomicFiles.writeString(latest.resolveSibling("latest.txt"), dir.getFileName() + "\n");
        }
    }
}
