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
import java.util.stream.Collectors;

/**
 * The gate's files: what {@code --baseline} and {@code --current} name (a JMH JSON file, or a
 * results folder holding {@code jmh.json}), the harness calibration that goes with each, and the
 * baseline refresh.
 *
 * <p>Where a calibration is looked for ({@link #calibrationFile(Path)}): in a results folder, its
 * {@code calibration.json}; beside a folder's {@code jmh.json}, the same; beside any other JMH file
 * {@code name.json}, the file {@code name.calibration.json}. So the committed baseline
 * {@code baselines/smoke.json} has its calibration in {@code baselines/smoke.calibration.json}, which
 * {@link #updateBaseline} writes, and a workflow that names only the JMH file keeps working.
 */
public final class GateFiles {

    /** JMH's result file in a results folder. */
    public static final String JMH_JSON = "jmh.json";
    /** The run's manifest in a results folder; optional for the gate. */
    public static final String MANIFEST_JSON = "manifest.json";

    /** The run's harness calibration in a results folder; optional for the gate. */
    public static final String CALIBRATION_JSON = "calibration.json";
    /** What a baseline's calibration file is called beside it: {@code smoke.json} -> {@code smoke.calibration.json}. */
    public static final String CALIBRATION_SUFFIX = ".calibration.json";

    // Format 2 adds the peers and the workload and client parameters; the gate reads both.
    private static final List<Integer> SUPPORTED_FORMATS = List.of(1, 2);

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
     * Reads one side of the gate: its points, and its calibration when there is one.
     *
     * @throws ResultsException naming the file, when the points cannot be read, or a calibration is
     *                          there but cannot be read
     */
    public static GateRun readRun(Path fileOrFolder) throws ResultsException {
        List<JmhPoint> points = read(fileOrFolder);
        Path calibration = calibrationFile(fileOrFolder);
        return new GateRun(points, readCalibration(calibration), calibration);
    }

    /**
     * @param fileOrFolder a results folder, or a JMH JSON file
     * @return where its harness calibration is, or would be: {@code calibration.json} in a results
     *         folder or beside a {@code jmh.json}; {@code name.calibration.json} beside any other
     *         {@code name.json}
     */
    public static Path calibrationFile(Path fileOrFolder) {
        Objects.requireNonNull(fileOrFolder, "fileOrFolder");
        if (Files.isDirectory(fileOrFolder)) {
            return fileOrFolder.resolve(CALIBRATION_JSON);
        }
        String name = fileOrFolder.getFileName().toString();
        if (name.equals(JMH_JSON)) {
            return fileOrFolder.resolveSibling(CALIBRATION_JSON);
        }
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return fileOrFolder.resolveSibling(stem + CALIBRATION_SUFFIX);
    }

    private static Optional<HarnessCalibration> readCalibration(Path file) throws ResultsException {
        return Files.isRegularFile(file) ? Optional.of(HarnessCalibration.read(file)) : Optional.empty();
    }

    /**
     * What {@link #updateBaseline} did.
     *
     * @param strategyPoints the points of the new baseline that are not peers
     * @param peerPoints     its peer points: without them, the gate cannot see a change shared by every strategy
     * @param calibration    the calibration written beside the baseline, when the run had one
     * @param staleRemoved   an older calibration beside the baseline that was removed because the run had none
     */
    public record BaselineUpdate(int strategyPoints, int peerPoints, Optional<Path> calibration, Optional<Path> staleRemoved) {

        /** @return every point of the new baseline */
        public int points() {
            return strategyPoints + peerPoints;
        }
    }

    /**
     * Makes the current run the baseline: copies its JMH JSON file, byte for byte, over the baseline
     * file, and its calibration to {@link #calibrationFile(Path) the baseline's calibration file},
     * each atomically (a temporary file next to it, then a move), so a reader never sees half a
     * baseline. Refuses a file that does not parse, a run without results, a results folder whose
     * manifest says the run did not complete, a gated metric without a number, a run measured on a
     * busy machine ({@link MachineLoad#busy()}), and a calibration that
     * cannot be read or says it cannot be trusted; the baseline is then left as it was. A run without
     * a calibration removes the baseline's old one, which would belong to another run.
     *
     * @param current  a JMH JSON file or a results folder
     * @param baseline the baseline file; created, with its folder, when absent
     */
    public static BaselineUpdate updateBaseline(Path current, Path baseline) throws ResultsException {
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
        // A baseline measured beside other work would make every later run's strategies look faster or slower than they are.
        double otherCores = MachineLoad.maxCores(points);
        if (MachineLoad.busy(otherCores)) {
            throw new ResultsException(source, "was measured while other processes took " + MachineLoad.twoDecimals(otherCores)
                    + " cores (" + MachineLoad.OTHER_CORES + "; " + MachineLoad.BUSY_CORES
                    + " or more is a busy machine); refusing to make it the baseline: rerun the benchmark on a quiet machine");
        }
        Path sourceCalibration = calibrationFile(current);
        Optional<HarnessCalibration> calibration = readCalibration(sourceCalibration);
        if (calibration.isPresent() && !calibration.get().trustworthy()) {
            throw new ResultsException(sourceCalibration, "the harness calibration says it cannot be trusted"
                    + calibration.get().warning().map(w -> " (" + w + ")").orElse("") + "; refusing to make it the baseline");
        }
        if (Files.isDirectory(baseline)) {
            throw new ResultsException(baseline, "is a folder; the baseline is a JMH JSON file, such as baselines/smoke.json");
        }
        Path target = baseline.toAbsolutePath();
        Path targetCalibration = calibrationFile(target);
        int peers = (int) points.stream().filter(JmhPoint::isPeer).count();
        try {
            if (Files.exists(target) && Files.isSameFile(source, target)) {
                return new BaselineUpdate(points.size() - peers, peers, calibration.map(c -> sourceCalibration), Optional.empty());
            }
            Files.createDirectories(target.getParent());
            String oldCalibration = Files.isRegularFile(targetCalibration) ? Files.readString(targetCalibration) : null;
            if (calibration.isPresent()) {
                AtomicFiles.copy(sourceCalibration, targetCalibration);
            }
            try {
                AtomicFiles.copy(source, target);
            } catch (IOException e) {
                restore(targetCalibration, oldCalibration, calibration.isPresent());
                throw e;
            }
            if (calibration.isEmpty() && oldCalibration != null) {
                Files.delete(targetCalibration);
                return new BaselineUpdate(points.size() - peers, peers, Optional.empty(), Optional.of(targetCalibration));
            }
        } catch (IOException e) {
            throw new ResultsException(baseline, "cannot be written: " + e.getMessage(), e);
        }
        return new BaselineUpdate(points.size() - peers, peers, calibration.map(c -> targetCalibration), Optional.empty());
    }

    /** Puts the baseline's calibration back as it was after the baseline itself could not be written. */
    private static void restore(Path calibration, String old, boolean replaced) throws IOException {
        if (!replaced) {
            return;
        }
        if (old == null) {
            Files.deleteIfExists(calibration);
        } else {
            AtomicFiles.writeString(calibration, old);
        }
    }

    private static List<String> unusableGatedMetrics(JmhPoint point) {
        List<String> unusable = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>(point.secondary().values());
        metrics.addFirst(point.primary());
        for (Metric m : metrics) {
            // at no-op tasks efficiency is NaN and the service latency 0, in any run: the gate shows them, never judges them
            boolean expectedEmpty = Gate.noOpTasks(point) && (Gate.unmeasured(m) || m.name().startsWith("service."));
            if (MetricRule.forMetric(m.name(), m.unit()).gated() && !(Double.isFinite(m.score()) && m.score() > 0) && !expectedEmpty) {
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
        String supported = "this fanout reads formats " + SUPPORTED_FORMATS.stream().map(String::valueOf).collect(Collectors.joining(" and "));
        if (format == null) {
            throw new ResultsException(file, "has no format; " + supported);
        }
        if (!format.isJsonPrimitive() || !format.getAsJsonPrimitive().isNumber()
                || SUPPORTED_FORMATS.stream().noneMatch(f -> f == format.getAsDouble())) {
            throw new ResultsException(file, "format " + format + " is not supported; " + supported);
        }
        return Optional.of(manifest);
    }

    private static boolean incomplete(JsonObject manifest) {
        JsonElement complete = manifest.get("complete");
        return complete != null && complete.isJsonPrimitive() && complete.getAsJsonPrimitive().isBoolean() && !complete.getAsBoolean();
    }
}
