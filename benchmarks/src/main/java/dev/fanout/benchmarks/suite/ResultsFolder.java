package dev.fanout.benchmarks.suite;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.fanout.reports.AtomicFiles;
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
 * One run's results folder, {@code bench-results/<timestamp>/} (docs/results-format.md): kept
 * readable after every finished point, so an interrupted run leaves its finished points behind.
 * Every file is replaced whole (write, then rename), never half-written.
 */
public final class ResultsFolder {

    public static final int FORMAT = 1;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private final Path dir;
    private final BenchProfile profile;
    private final List<BenchPoint> points;
    private final List<RunResult> results = new ArrayList<>();
    private final List<Boolean> done;
    private final Instant createdAt = Instant.now();

    private ResultsFolder(Path dir, BenchProfile profile) {
        this.dir = dir;
        this.profile = profile;
        this.points = profile.points();
        this.done = new ArrayList<>(points.stream().map(p -> false).toList());
    }

    /**
     * Creates {@code <root>/<timestamp>/} and points {@code <root>/latest} at it.
     */
    public static ResultsFolder create(Path root, BenchProfile profile, Calibration calibration) throws IOException {
        Files.createDirectories(root);
        Path dir = root.resolve(STAMP.format(Instant.now()));
        for (int n = 2; Files.exists(dir); n++) {
            dir = root.resolve(STAMP.format(Instant.now()) + "-" + n);
        }
        Files.createDirectories(dir.resolve("hdr"));
        Files.createDirectories(dir.resolve("timelines"));
        ResultsFolder folder = new ResultsFolder(dir, profile);
        folder.write("calibration.json", calibrationJson(calibration));
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
        m.put("benchmark", BenchSuite.BENCHMARK);
        m.put("strategies", profile.strategies());
        m.put("widths", profile.widths());
        m.put("latencies", profile.latencies());
        m.put("items", profile.items());
        m.put("forks", profile.forks());
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", points.get(i).id());
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

    private static String calibrationJson(Calibration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warmupRequests", c.warmupRequests());
        m.put("overheadMs", c.overheadMs());
        m.put("overheadLatencyMs", c.overheadLatencyMs());
        m.put("capacityRps", c.capacityRps());
        m.put("capacityWidth", c.capacityWidth());
        m.put("trustworthy", c.trustworthy());
        m.put("warning", c.warning());
        return JSON.toJson(m) + "\n";
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
