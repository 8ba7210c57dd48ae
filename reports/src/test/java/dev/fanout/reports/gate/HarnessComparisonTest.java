package dev.fanout.reports.gate;

import dev.fanout.reports.ResultsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness line: calibration.json of the current run against the baseline's, read from the files the gate is given. */
class HarnessComparisonTest {

    @TempDir
    Path dir;

    /** A calibration.json as the benchmark writes it, with a field this gate does not know. */
    private static String calibration(double capacityRps, double overheadMs, boolean trustworthy) {
        return String.format(Locale.ROOT, """
                {"warmupRequests": 2000, "overheadMs": %s, "overheadLatencyMs": 1.0, "capacityRps": %s, "capacityWidth": 64,
                 "trustworthy": %s, "warning": %s, "client": "okhttp", "capacityRoundsRps": [%s, %s, %s]}
                """, overheadMs, capacityRps, trustworthy, trustworthy ? "null" : "\"overhead above 3 ms: the Nagle trap?\"",
                capacityRps * 0.9, capacityRps, capacityRps * 0.95);
    }

    /** The committed baseline's layout: baselines/smoke.json and smoke.calibration.json; the current run a results folder. */
    private GateResult gate(String baseCalibration, String currentCalibration, GateOptions options) throws Exception {
        SyntheticRun run = SyntheticRun.smoke().withPeers();
        Path baseline = run.write(dir.resolve("baselines/smoke.json"));
        Files.deleteIfExists(dir.resolve("baselines/smoke.calibration.json"));
        if (baseCalibration != null) {
            Files.writeString(dir.resolve("baselines/smoke.calibration.json"), baseCalibration);
        }
        Path current = dir.resolve("bench-results/20261122-010000");
        run.write(current.resolve("jmh.json"));
        Files.deleteIfExists(current.resolve("calibration.json"));
        if (currentCalibration != null) {
            Files.writeString(current.resolve("calibration.json"), currentCalibration);
        }
        return Gate.compareFiles(baseline, current, options);
    }

    private GateResult gate(String baseCalibration, String currentCalibration) throws Exception {
        return gate(baseCalibration, currentCalibration, GateOptions.defaults());
    }

    @Test
    void aSlowerHarnessIsItsOwnLineAndFailsOnlyWhenAskedTo() throws Exception {
        GateResult result = gate(calibration(10_000, 0.2, true), calibration(7_000, 0.2, true));
        assertEquals(HarnessComparison.Status.SLOWER, result.harness().status());
        assertEquals(-0.3, result.harness().capacityChange(), 1e-9);
        assertEquals(GateResult.EXIT_PASS, result.exitCode(), "a slower harness is shown, not failed, by default");
        String console = GateOutput.console(result);
        assertTrue(console.startsWith("gate: PASS: no regression in 10 points; the harness is slower (not gated); tolerance 10%\n"), console);
        assertTrue(console.contains("\nharness: capacity 10000 -> 7000 requests/s (-30.0%), overhead 0.2 -> 0.2 ms (+0 ms): slower"
                + " (capacity down by more than 20%): a regression of the harness"), console);
        assertTrue(GateOutput.markdown(result).contains("\n**Harness (slower):** capacity 10000 -> 7000 requests/s (-30.0%)"),
                GateOutput.markdown(result));

        GateResult failing = gate(calibration(10_000, 0.2, true), calibration(7_000, 0.2, true),
                GateOptions.builder().failOnHarness(true).build());
        assertEquals(GateResult.EXIT_REGRESSION, failing.exitCode());
        assertTrue(GateOutput.summary(failing).startsWith("FAIL: the harness is slower; no regression in 10 points"), GateOutput.summary(failing));
    }

    @Test
    void overheadCountsBeyondTwiceTheToleranceAndOneTimerSlack() throws Exception {
        // +0.04 ms on 0.1 ms is +40%, but less than one late timer wake-up: unchanged.
        assertEquals(HarnessComparison.Status.UNCHANGED, gate(calibration(10_000, 0.10, true), calibration(10_000, 0.14, true)).harness().status());
        // +0.3 ms on 0.2 ms: slower.
        GateResult slower = gate(calibration(10_000, 0.2, true), calibration(10_000, 0.5, true));
        assertEquals(HarnessComparison.Status.SLOWER, slower.harness().status());
        assertTrue(slower.harness().text().contains("(overhead up by more than 0.05 ms)"), slower.harness().text());
        // -15% capacity: within the harness's tolerance of 20%.
        assertEquals(HarnessComparison.Status.UNCHANGED, gate(calibration(10_000, 0.2, true), calibration(8_500, 0.2, true)).harness().status());
        assertEquals(HarnessComparison.Status.FASTER, gate(calibration(10_000, 0.2, true), calibration(13_000, 0.2, true)).harness().status());
    }

    /** A calibration.json with the overhead's rounds, as the benchmark now writes it. */
    private static String calibration(double overheadMs, double... rounds) {
        return String.format(Locale.ROOT, """
                {"warmupRequests": 10000, "overheadMs": %s, "overheadLatencyMs": 1.0, "capacityRps": 30000,
                 "capacityWidth": 256, "trustworthy": true, "warning": null, "client": "okhttp", "overheadRoundsMs": %s}
                """, overheadMs, java.util.Arrays.toString(rounds));
    }

    @Test
    void aChangeWithinTheRunsOwnScatterIsNoChange() throws Exception {
        // +0.2 ms, but the current run's calibration rounds were 0.15 ms apart: within twice its scatter
        HarnessComparison scattered = gate(calibration(0.2, 0.19, 0.2, 0.21), calibration(0.4, 0.3, 0.4, 0.45)).harness();
        assertEquals(HarnessComparison.Status.UNCHANGED, scattered.status(), scattered.text());
        assertTrue(scattered.text().contains("overhead 0.2 -> 0.4 ms (+0.2 ms; its calibration rounds 0.15 ms apart)"), scattered.text());
        // the same +0.2 ms from rounds 0.02 ms apart: slower
        assertEquals(HarnessComparison.Status.SLOWER,
                gate(calibration(0.2, 0.19, 0.2, 0.21), calibration(0.4, 0.39, 0.4, 0.41)).harness().status());
        // the baseline's scatter counts too
        assertEquals(HarnessComparison.Status.UNCHANGED,
                gate(calibration(0.2, 0.1, 0.2, 0.25), calibration(0.4, 0.39, 0.4, 0.41)).harness().status());
    }

    @Test
    void aCapacityDropWithinTheRunsOwnScatterIsNoChange() throws Exception {
        String quiet = calibration(0.17, 0.16, 0.17).replace("\"capacityRps\": 30000", "\"capacityRps\": 35000")
                .replace("}", ", \"capacityAfterRps\": 34000}");
        // -28%, but the current run's capacity was 25,000 before its points and 34,000 after: 26% apart
        String scattered = calibration(0.17, 0.16, 0.17).replace("\"capacityRps\": 30000", "\"capacityRps\": 25000")
                .replace("}", ", \"capacityAfterRps\": 34000}");
        HarnessComparison line = gate(quiet, scattered).harness();
        assertEquals(HarnessComparison.Status.UNCHANGED, line.status(), line.text());
        assertTrue(line.text().startsWith("capacity 35000 -> 25000 requests/s (-28.6%; before and after the points 26.5% apart)"), line.text());
        // the same drop, measured alike before and after the points: slower
        String steady = scattered.replace("\"capacityAfterRps\": 34000", "\"capacityAfterRps\": 25500");
        assertEquals(HarnessComparison.Status.SLOWER, gate(quiet, steady).harness().status());
    }

    @Test
    void roundsThatAreNotNumbersCannotBeCompared() throws Exception {
        GateResult result = gate(calibration(0.2, 0.19, 0.2), calibration(0.2, 0.2).replace("[0.2]", "[\"fast\"]"));
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, result.exitCode());
        assertTrue(result.problems().getFirst().endsWith("\"overheadRoundsMs\" must be a list of finite numbers, got [\"fast\"]"),
                result.problems().toString());
    }

    @Test
    void withoutABaselineCalibrationTheLineSaysWhereItLooked() throws Exception {
        GateResult result = gate(null, calibration(10_000, 0.2, true));
        assertEquals(HarnessComparison.Status.NOT_COMPARED, result.harness().status());
        assertEquals(GateResult.EXIT_PASS, result.exitCode());
        assertEquals("not compared: no baseline calibration (" + dir.resolve("baselines/smoke.calibration.json") + " does not exist)",
                result.harness().text());
        assertTrue(GateOutput.markdown(result).contains("**Harness:** not compared: no baseline calibration ("), GateOutput.markdown(result));

        GateResult neither = gate(null, null);
        assertTrue(neither.harness().text().endsWith("; no current run calibration (" + dir.resolve("bench-results/20261122-010000/calibration.json")
                + " does not exist)"), neither.harness().text());
    }

    @Test
    void anUntrustworthyCalibrationIsShownButNeverFails() throws Exception {
        GateResult result = gate(calibration(10_000, 0.2, true), calibration(5_000, 4.0, false), GateOptions.builder().failOnHarness(true).build());
        assertEquals(HarnessComparison.Status.SLOWER, result.harness().status());
        assertEquals(GateResult.EXIT_PASS, result.exitCode());
        assertTrue(result.harness().text().endsWith("; the current run's calibration says it cannot be trusted"
                + " (overhead above 3 ms: the Nagle trap?), so this never fails the gate"), result.harness().text());
    }

    @Test
    void differentClientsDoNotCompare() throws Exception {
        GateResult result = gate(calibration(5_000, 0.6, true).replace("okhttp", "jdk"), calibration(10_000, 0.2, true));
        assertEquals(HarnessComparison.Status.NOT_COMPARED, result.harness().status());
        assertEquals("not compared: measured with different clients (baseline jdk, current run okhttp)", result.harness().text());
    }

    @Test
    void aCorruptCalibrationCannotBeCompared() throws Exception {
        GateResult result = gate("{\"capacityRps\": ", calibration(10_000, 0.2, true));
        assertEquals(GateResult.EXIT_CANNOT_COMPARE, result.exitCode());
        assertTrue(result.problems().getFirst().startsWith("baseline " + dir.resolve("baselines/smoke.calibration.json") + ": not valid JSON"),
                result.problems().toString());

        Path noCapacity = Files.writeString(dir.resolve("no-capacity.json"), "{\"overheadMs\": 0.2, \"capacityRps\": 0}");
        assertEquals(noCapacity + ": \"capacityRps\" must be a number above 0, got 0",
                assertThrows(ResultsException.class, () -> HarnessCalibration.read(noCapacity)).getMessage());
        Path noOverhead = Files.writeString(dir.resolve("no-overhead.json"), "{\"capacityRps\": 100}");
        assertEquals(noOverhead + ": \"overheadMs\" is missing: not a calibration.json",
                assertThrows(ResultsException.class, () -> HarnessCalibration.read(noOverhead)).getMessage());
    }

    @Test
    void readsTheFormatsFieldsAndIgnoresTheRest() throws Exception {
        Path file = Files.writeString(dir.resolve("calibration.json"), """
                {"warmupRequests": 2000, "overheadMs": 1.42, "overheadLatencyMs": 1.0, "capacityRps": 5120.0,
                 "capacityWidth": 64, "trustworthy": true, "warning": null}
                """);
        HarnessCalibration c = HarnessCalibration.read(file);
        assertEquals(5120.0, c.capacityRps());
        assertEquals(1.42, c.overheadMs());
        assertEquals(2000, c.warmupRequests());
        assertTrue(c.trustworthy());
        assertFalse(c.client().isPresent());
        assertFalse(c.warning().isPresent());
    }
}
