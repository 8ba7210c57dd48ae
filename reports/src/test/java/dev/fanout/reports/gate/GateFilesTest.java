package dev.fanout.reports.gate;

import dev.fanout.reports.ResultsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateFilesTest {

    private static final String MANIFEST = """
            {"format": 1, "tool": "fanout", "profile": "smoke", "complete": %s, "points": []}
            """;

    @TempDir
    Path dir;

    @Test
    void readsAFileAResultsFolderAndAFolderWithoutManifest() throws Exception {
        Path file = SyntheticRun.smoke().write(dir.resolve("smoke.json"));
        assertEquals(10, GateFiles.read(file).size());

        Path folder = dir.resolve("run");
        SyntheticRun.smoke().write(folder.resolve("jmh.json"));
        assertEquals(10, GateFiles.read(folder).size(), "no manifest.json is fine");
        Files.writeString(folder.resolve("manifest.json"), MANIFEST.formatted("true"));
        assertEquals(folder.resolve("jmh.json"), GateFiles.jmhJson(folder));

        Path latest = Files.createSymbolicLink(dir.resolve("latest"), folder.getFileName());
        assertEquals(10, GateFiles.read(latest).size(), "the latest symlink is followed");
    }

    @Test
    void badLocationsAreOneLineErrorsNamingThePath() throws Exception {
        Path missing = dir.resolve("missing");
        assertEquals(missing + ": no such file or folder", assertThrows(ResultsException.class, () -> GateFiles.read(missing)).getMessage());

        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertTrue(assertThrows(ResultsException.class, () -> GateFiles.read(empty)).getMessage().startsWith(empty + ": no jmh.json in this folder"));

        Path other = Files.createDirectory(dir.resolve("other"));
        SyntheticRun.smoke().write(other.resolve("jmh.json"));
        Files.writeString(other.resolve("manifest.json"), "{\"format\": 3}");
        assertEquals(other.resolve("manifest.json") + ": format 3 is not supported; this fanout reads formats 1 and 2",
                assertThrows(ResultsException.class, () -> GateFiles.read(other)).getMessage());
        Files.writeString(other.resolve("manifest.json"), "{\"format\": ");
        assertTrue(assertThrows(ResultsException.class, () -> GateFiles.read(other)).getMessage()
                .startsWith(other.resolve("manifest.json") + ": not valid JSON"));
    }

    @Test
    void updateBaselineCopiesTheRunAtomically() throws Exception {
        Path run = dir.resolve("bench-results").resolve("20261121-233000");
        Path source = SyntheticRun.smoke().write(run.resolve("jmh.json"));
        Files.writeString(run.resolve("manifest.json"), MANIFEST.formatted("true"));
        Path baseline = dir.resolve("baselines").resolve("smoke.json");

        assertEquals(10, GateFiles.updateBaseline(run, baseline).points());
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(baseline), "JMH's own file, byte for byte");
        try (var files = Files.list(baseline.getParent())) {
            assertEquals(List.of(baseline), files.toList(), "no temporary file left behind");
        }

        // Replacing an existing baseline, from a JMH file named directly.
        Path newer = SyntheticRun.smoke().faster(p -> true, 1.1).write(dir.resolve("newer.json"));
        assertEquals(10, GateFiles.updateBaseline(newer, baseline).points());
        assertArrayEquals(Files.readAllBytes(newer), Files.readAllBytes(baseline));
        assertEquals(GateResult.EXIT_PASS, Gate.compareFiles(baseline, newer, GateOptions.defaults()).exitCode());
    }

    @Test
    void updateBaselineRefusesWhatCouldNotBeABaselineAndKeepsTheOldOne() throws Exception {
        Path baseline = SyntheticRun.smoke().write(dir.resolve("smoke.json"));
        byte[] before = Files.readAllBytes(baseline);

        Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "[{\"benchmark\": \"b\", ");
        ResultsException notJson = assertThrows(ResultsException.class, () -> GateFiles.updateBaseline(corrupt, baseline));
        assertTrue(notJson.getMessage().startsWith(corrupt + ": not valid JSON"), notJson.getMessage());

        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        assertEquals(empty + ": has no results; refusing to make it the baseline",
                assertThrows(ResultsException.class, () -> GateFiles.updateBaseline(empty, baseline)).getMessage());

        Path interrupted = dir.resolve("interrupted");
        SyntheticRun.smoke().drop(p -> p.width() == 16).write(interrupted.resolve("jmh.json"));
        Files.writeString(interrupted.resolve("manifest.json"), MANIFEST.formatted("false"));
        assertTrue(assertThrows(ResultsException.class, () -> GateFiles.updateBaseline(interrupted, baseline)).getMessage()
                .startsWith(interrupted.resolve("manifest.json") + ": the run did not complete"));

        Path unmeasured = SyntheticRun.smoke().set(SyntheticRun.at("semaphore", 16), "efficiency", Double.NaN, Double.NaN)
                .set(p -> true, "sojourn.max", Double.POSITIVE_INFINITY, Double.NaN).write(dir.resolve("unmeasured.json"));
        assertEquals(unmeasured + ": 1 gated metric(s) without a usable number, first " + SyntheticRun.BENCHMARK
                        + " [thrpt] items=200 latency=fixed:20ms strategy=semaphore width=16: efficiency is NaN; refusing to make it the baseline",
                assertThrows(ResultsException.class, () -> GateFiles.updateBaseline(unmeasured, baseline)).getMessage());

        Path noOp = SyntheticRun.smoke().set(SyntheticRun.at("semaphore", 16), "efficiency", Double.NaN, Double.NaN)
                .set(SyntheticRun.at("semaphore", 16), "idealMs", 0, Double.NaN).write(dir.resolve("no-op.json"));
        // a point of no-op tasks has no efficiency, in any run: not a reason to refuse it
        assertEquals(GateFiles.read(noOp).size(), GateFiles.updateBaseline(noOp, dir.resolve("no-op-baseline.json")).points());

        Path busy = SyntheticRun.smoke().with(p -> true, MachineLoad.OTHER_CORES, 0.02, "cores")
                .with(SyntheticRun.at("worker-pool", 16), MachineLoad.OTHER_CORES, 0.97, "cores").write(dir.resolve("busy.json"));
        assertEquals(busy + ": was measured while other processes took 0.97 cores (machine.otherCores; 0.25 or more is a busy"
                        + " machine); refusing to make it the baseline: rerun the benchmark on a quiet machine",
                assertThrows(ResultsException.class, () -> GateFiles.updateBaseline(busy, baseline)).getMessage());

        assertArrayEquals(before, Files.readAllBytes(baseline));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    private static final String CALIBRATION = """
            {"warmupRequests": 2000, "overheadMs": 0.21, "overheadLatencyMs": 1.0, "capacityRps": 10400.0,
             "capacityWidth": 64, "trustworthy": %s, "warning": %s}
            """;

    @Test
    void aCalibrationIsLookedForInTheFolderOrBesideTheFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("run"));
        assertEquals(folder.resolve("calibration.json"), GateFiles.calibrationFile(folder));
        assertEquals(folder.resolve("calibration.json"), GateFiles.calibrationFile(folder.resolve("jmh.json")));
        assertEquals(dir.resolve("baselines/smoke.calibration.json"), GateFiles.calibrationFile(dir.resolve("baselines/smoke.json")));
        assertEquals(dir.resolve("old.calibration.json"), GateFiles.calibrationFile(dir.resolve("old")));
    }

    @Test
    void aFormatTwoResultsFolderWithPeersIsRead() throws Exception {
        Path folder = dir.resolve("run");
        SyntheticRun.smoke().param("workload", "http").param("client", "okhttp").withPeers().write(folder.resolve("jmh.json"));
        Files.writeString(folder.resolve("manifest.json"), """
                {"format": 2, "complete": true, "benchmarks": {"strategy": "dev.fanout.benchmarks.jmh.FanOutBenchmark.fanOut",
                 "peer": "dev.fanout.benchmarks.jmh.PeerBenchmark.fanOut"}, "points": [], "sections": []}
                """);
        Files.writeString(folder.resolve("calibration.json"), CALIBRATION.formatted("true", "null"));
        GateRun run = GateFiles.readRun(folder);
        assertEquals(18, run.points().size());
        assertEquals(8, run.points().stream().filter(p -> p.isPeer()).count());
        assertEquals(10400.0, run.calibration().orElseThrow().capacityRps());
    }

    @Test
    void updateBaselineWritesTheCalibrationBesideItAndRemovesAStaleOne() throws Exception {
        Path run = dir.resolve("bench-results").resolve("20261122-010000");
        SyntheticRun.smoke().withPeers().write(run.resolve("jmh.json"));
        Files.writeString(run.resolve("manifest.json"), MANIFEST.formatted("true"));
        Files.writeString(run.resolve("calibration.json"), CALIBRATION.formatted("true", "null"));
        Path baseline = dir.resolve("baselines").resolve("smoke.json");

        GateFiles.BaselineUpdate update = GateFiles.updateBaseline(run, baseline);
        assertEquals(10, update.strategyPoints());
        assertEquals(8, update.peerPoints());
        Path calibration = dir.resolve("baselines").resolve("smoke.calibration.json");
        assertEquals(java.util.Optional.of(calibration.toAbsolutePath()), update.calibration());
        assertEquals(Files.readString(run.resolve("calibration.json")), Files.readString(calibration));
        assertEquals(HarnessComparison.Status.UNCHANGED, Gate.compareFiles(baseline, run, GateOptions.defaults()).harness().status());

        // A run without a calibration: the old one belonged to another run and goes.
        Path bare = SyntheticRun.smoke().write(dir.resolve("bare.json"));
        GateFiles.BaselineUpdate withoutCalibration = GateFiles.updateBaseline(bare, baseline);
        assertEquals(java.util.Optional.of(calibration.toAbsolutePath()), withoutCalibration.staleRemoved());
        assertFalse(Files.exists(calibration));
        try (var files = Files.list(baseline.getParent())) {
            assertEquals(List.of(baseline), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void updateBaselineRefusesAnUntrustworthyOrCorruptCalibrationAndKeepsTheOldBaseline() throws Exception {
        Path baseline = SyntheticRun.smoke().write(dir.resolve("smoke.json"));
        Path oldCalibration = Files.writeString(dir.resolve("smoke.calibration.json"), CALIBRATION.formatted("true", "null"));
        byte[] before = Files.readAllBytes(baseline);

        Path run = dir.resolve("run");
        SyntheticRun.smoke().write(run.resolve("jmh.json"));
        Files.writeString(run.resolve("calibration.json"), CALIBRATION.formatted("false", "\"overhead 4.1 ms: the Nagle trap?\""));
        assertEquals(run.resolve("calibration.json") + ": the harness calibration says it cannot be trusted (overhead 4.1 ms: the Nagle trap?);"
                        + " refusing to make it the baseline",
                assertThrows(ResultsException.class, () -> GateFiles.updateBaseline(run, baseline)).getMessage());
        Files.writeString(run.resolve("calibration.json"), "{\"capacityRps\": ");
        assertTrue(assertThrows(ResultsException.class, () -> GateFiles.updateBaseline(run, baseline)).getMessage()
                .startsWith(run.resolve("calibration.json") + ": not valid JSON"));

        assertArrayEquals(before, Files.readAllBytes(baseline));
        assertEquals(CALIBRATION.formatted("true", "null"), Files.readString(oldCalibration));
    }
}
