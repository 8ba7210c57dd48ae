package dev.fanout.reports.gate;

import dev.fanout.reports.jmh.JmhPoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One side of the gate: the points of a JMH result file, and the harness calibration that goes with
 * it when there is one ({@link GateFiles#calibrationFile(Path)} says where it is looked for).
 *
 * @param points          the JMH points, strategies and peers
 * @param calibration     the run's harness calibration, when it has one
 * @param calibrationFile where the calibration was looked for; null when none was (points given in memory)
 */
public record GateRun(List<JmhPoint> points, Optional<HarnessCalibration> calibration, Path calibrationFile) {

    public GateRun {
        points = List.copyOf(points);
        Objects.requireNonNull(calibration, "calibration");
    }

    /** @return a run of these points without a calibration */
    public static GateRun of(List<JmhPoint> points) {
        return new GateRun(points, Optional.empty(), null);
    }

    /** @return a run of these points with this calibration */
    public static GateRun of(List<JmhPoint> points, HarnessCalibration calibration) {
        return new GateRun(points, Optional.of(calibration), calibration.file());
    }

    /** @return why there is no calibration, for the harness line: the file looked for, or that none was */
    String missingCalibration(String side) {
        return calibrationFile == null
                ? "no " + side + " calibration given"
                : "no " + side + " calibration (" + calibrationFile + " does not exist)";
    }
}
