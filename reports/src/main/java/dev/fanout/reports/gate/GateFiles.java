package dev.fanout.reports.gate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.fanout.reports.AtomicFiles;
import dev.fanout.reports.ResultsException;
import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.JmhResultsReader;
import dev.fanout.reports.jmh.Metric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate's files: what {@code --baseline} and {@code --current} name (a JMH JSON file, or a
 * results folder holding {@code jmh.json}), and the baseline refresh.
 */
public final class GateFiles {

    /** JMH's result file in a results folder. */
    public static final String JMH_JSON = "jmh.json";
    /** The run's manifest in a results folder; optional for the gate. */
    public static final String MANIFEST_JSON = "manifest.json";

    private static final int SUPPORTED_FORMAT = 1;

    private GateFiles() {
    }

    /**
     * @param fileOrFolder a JMH JSON file, or a results folder (the {@code bench-results/latest}
     *                     symlink is fine)
     * @return the JMH JSON file it names
     * @throws ResultsException naming the path when there is no such file or folder, the folder has
     *                          no {@code jmh.json}, or its manifest is of another format
     */
    public static Path jmhJson(Path fileOrFolder) throws ResultsException {
        Objects.requireNonNull(fileOrFolder, "fileOrFolder");
        if (!Files.exists(fileOrFolder)) {
            throw new ResultsException(fileOrFolder, "no such file or folder");
        }
        if (!Files.isDirectory(fileOrFolder)) {
            return fileOrFolder;
        }
        manifest(fileOrFolder);
        Path json = fileOrFolder.resolve(JMH_JSON);
        if (!Files.isRegularFile(json)) {
            throw new ResultsException(fileOrFolder, "no " + JMH_JSON + " in this folder: not a results folder, or the run finished no point");
        }
        return json;
    }

    /** Reads the points of a JMH JSON file, or of a results folder's {@code jmh.json}. */
    public static List<JmhPoint> read(Path fileOrFolder) throws ResultsException {
        return JmhResultsReader.read(jmhJson(fileOrFolder));
    }

    /**
     * Makes the current run the baseline: copies its JMH JSON file, byte for byte, over the baseline
     * file, atomically (a temporary file next to the baseline, then a move), so a reader never sees
     * half a baseline. Refuses a file that does not parse, a run without results, and a results
     * folder whose manifest says the run did not complete; the baseline is then left as it was.
     *
     * @param current  a JMH JSON file or a results folder
     * @param baseline the baseline file; created, with its folder, when absent
     * @return the number of points the baseline now holds
     */
    public static int updateBaseline(Path current, Path baseline) throws ResultsException {
        Objects.requireNonNull(baseline, "baseline");
        Path source = jmhJson(current);
        if (Files.isDirectory(current) && manifest(current).map(GateFiles::incomplete).orElse(false)) {
            throw new ResultsException(current.resolve(MANIFEST_JSON), "the run did not complete (complete: false); refusing to make it the baseline");
        }
        List<JmhPoint> points = JmhResultsReader.read(source);
        if (points.isEmpty()) {
            throw new ResultsException(source, "has no results; refusing to make it the baseline");
        }
        // A baseline without a number for a gated metric would make every later gate exit 2.
        List<String> unusable = points.stream().flatMap(p -> unusableGatedMetrics(p).stream()).toList();
        if (!unusable.isEmpty()) {
            throw new ResultsException(source, unusable.size() + " gated metric(s) without a usable number, first "
                    + unusable.getFirst() + "; refusing to make it the baseline");
        }
        if (Files.isDirectory(baseline)) {
            throw new ResultsException(baseline, "is a folder; the baseline is a JMH JSON file, such as baselines/smoke.json");
        }
        Path target = baseline.toAbsolutePath();
        try {
            if (Files.exists(target) && Files.isSameFile(source, target)) {
                return points.size();
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.copy(source, target);
        } catch (IOException e) {
            throw new ResultsException(baseline, "cannot be written: " + e.getMessage(), e);
        }
        return points.size();
    }

    private static List<String> unusableGatedMetrics(JmhPoint point) {
        List<String> unusable = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>(point.secondary().values());
        metrics.addFirst(point.primary());
        for (Metric m : metrics) {
            if (MetricRule.forMetric(m.name(), m.unit()).gated() && !(Double.isFinite(m.score()) && m.score() > 0)) {
                unusable.add(point.key() + ": " + m.name() + " is " + Numbers.format(m.score()));
            }
        }
        return unusable;
    }

    /** Checks a results folder's manifest when there is one: it must be JSON of the format this gate reads. */
    private static Optional<JsonObject> manifest(Path folder) throws ResultsException {
        Path file = folder.resolve(MANIFEST_JSON);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(file));
        } catch (JsonParseException | IOException e) {
            throw new ResultsException(file, "not valid JSON (truncated or corrupt?)", e);
        }
        if (!root.isJsonObject()) {
            throw new ResultsException(file, "not a results manifest: expected a JSON object");
        }
        JsonObject manifest = root.getAsJsonObject();
        JsonElement format = manifest.get("format");
        if (format == null) {
            throw new ResultsException(file, "has no format; this fanout reads format " + SUPPORTED_FORMAT);
        }
        if (!format.isJsonPrimitive() || !format.getAsJsonPrimitive().isNumber() || format.getAsDouble() != SUPPORTED_FORMAT) {
            throw new ResultsException(file, "format " + format + " is not supported; this fanout reads format " + SUPPORTED_FORMAT);
        }
        return Optional.of(manifest);
    }

    private static boolean incomplete(JsonObject manifest) {
        JsonElement complete = manifest.get("complete");
        return complete != null && complete.isJsonPrimitive() && complete.getAsJsonPrimitive().isBoolean() && !complete.getAsBoolean();
    }
}
