package dev.fanout.benchmarks.gate;

import dev.fanout.benchmarks.cli.CommandLineCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fanout gate} on the command line: the baseline's calibration beside it, the harness line, --fail-on-harness, --help. */
class GateCommandTest {

    @TempDir
    Path dir;

    private static String point(String kind, String name) {
        String benchmark = kind.equals("peer") ? "PeerBenchmark" : "FanOutBenchmark";
        return """
                {"benchmark": "dev.fanout.benchmarks.jmh.%s.fanOut", "mode": "thrpt",
                 "params": {"%s": "%s", "width": "16", "latency": "fixed:20ms", "items": "48", "workload": "http", "client": "okhttp"},
                 "primaryMetric": {"score": 10.0, "scoreError": 0.5, "scoreUnit": "ops/s"},
                 "secondaryMetrics": {"efficiency": {"score": 0.9, "scoreError": 0.02, "scoreUnit": "ratio"}}}
                """.formatted(benchmark, kind, name);
    }

    private static final String JMH = "[" + point("strategy", "semaphore") + "," + point("strategy", "worker-pool") + ","
            + point("peer", "jdk-virtual-threads") + "," + point("peer", "jdk-fixed-pool") + "]";

    private static String calibration(double capacityRps) {
        return """
                {"warmupRequests": 2000, "overheadMs": 0.2, "overheadLatencyMs": 1.0, "capacityRps": %s, "capacityWidth": 64,
                 "trustworthy": true, "warning": null}
                """.formatted(capacityRps);
    }

    /** A results folder as bench writes it: jmh.json, calibration.json, a complete manifest. */
    private Path run(String name, double capacityRps) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("jmh.json"), JMH);
        Files.writeString(folder.resolve("calibration.json"), calibration(capacityRps));
        Files.writeString(folder.resolve("manifest.json"), "{\"format\": 2, \"complete\": true, \"points\": []}");
        return folder;
    }

    @Test
    void updateBaselineWritesTheCalibrationBesideItAndTheGateComparesTheHarness() throws Exception {
        Path baseline = dir.resolve("baselines/smoke.json");
        CommandLineCapture update = CommandLineCapture.run("gate", "--update-baseline", "--baseline", baseline.toString(), "--current", run("base", 10_000).toString());
        assertEquals(0, update.exitCode(), update.err());
        assertTrue(update.out().contains("(4 points: 2 strategy, 2 peer)"), update.out());
        assertTrue(update.out().contains("calibration " + dir.resolve("baselines/smoke.calibration.json").toAbsolutePath() + " written"), update.out());
        assertTrue(Files.isRegularFile(dir.resolve("baselines/smoke.calibration.json")));

        Path slowerHarness = run("slower", 6_000);
        CommandLineCapture shown = CommandLineCapture.run("gate", "--baseline", baseline.toString(), "--current", slowerHarness.toString());
        assertEquals(0, shown.exitCode(), shown.out());
        assertTrue(shown.out().contains("\nharness: capacity 10000 -> 6000 requests/s (-40.0%)"), shown.out());
        assertTrue(shown.out().contains("\nyardstick: peers jdk-fixed-pool, jdk-virtual-threads "), shown.out());

        CommandLineCapture failed = CommandLineCapture.run("gate", "--baseline", baseline.toString(), "--current", slowerHarness.toString(), "--fail-on-harness");
        assertEquals(1, failed.exitCode(), failed.out());
        assertTrue(failed.out().startsWith("gate: FAIL: the harness is slower"), failed.out());
    }

    @Test
    void aBaselineWithoutPeersSaysWhatTheGateCannotSee() throws Exception {
        Path strategiesOnly = Files.writeString(dir.resolve("old.json"), "[" + point("strategy", "semaphore") + "]");
        Path baseline = dir.resolve("baselines/old.json");
        CommandLineCapture update = CommandLineCapture.run("gate", "--update-baseline", "--baseline", baseline.toString(), "--current", strategiesOnly.toString());
        assertEquals(0, update.exitCode(), update.err());
        assertTrue(update.out().contains("no peers in this baseline"), update.out());
        assertTrue(update.out().contains("the gate cannot compare the harness"), update.out());
        assertFalse(Files.exists(dir.resolve("baselines/old.calibration.json")));
    }

    @Test
    void helpTeachesTheYardstickAndTheHarness() {
        CommandLineCapture help = CommandLineCapture.run("gate", "--help");
        assertEquals(0, help.exitCode());
        for (String expected : new String[]{"PEERS", "FanOutRun", "smoke.calibration.json", "--fail-on-harness", "--update-baseline",
                "a change shared by every strategy", "machine.otherCores", "BUSY"}) {
            assertTrue(help.out().contains(expected), expected + " in:\n" + help.out());
        }
    }
}
