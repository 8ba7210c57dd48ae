package dev.fanout.reports.gate;

import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.JmhResultsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.fanout.reports.gate.SyntheticRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateOutputTest {

    @TempDir
    Path dir;

    private List<JmhPoint> read(SyntheticRun run, String name) throws Exception {
        return JmhResultsReader.read(run.write(dir.resolve(name)));
    }

    /** A regression in one point and a gain in another, over otherwise identical runs. */
    private GateResult mixed() throws Exception {
        SyntheticRun base = SyntheticRun.smoke();
        SyntheticRun current = base.faster(at("all-at-once", 4), 1.3).faster(at("semaphore", 16), 0.8);
        return Gate.compare(read(base, "base.json"), read(current, "current.json"), GateOptions.defaults());
    }

    private static List<String> tableRows(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Point")).toList();
    }

    @Test
    void markdownPutsTheSummaryFirstAndRegressionsAtTheTopOfTheTable() throws Exception {
        String md = GateOutput.markdown(mixed());
        assertTrue(md.startsWith("**Performance gate: FAIL**: 5 regressions in 1 of 10 points; 5 gains; tolerance 10%\n"), md);
        List<String> rows = tableRows(md);
        assertTrue(rows.getFirst().startsWith("| semaphore w16 fixed:20ms n200 | "), rows.getFirst());
        assertTrue(rows.getFirst().contains("| **regression** |"), rows.getFirst());
        int lastRegression = -1;
        int firstGain = Integer.MAX_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains("| **regression** |")) {
                lastRegression = i;
            }
            if (rows.get(i).contains("| gain |")) {
                firstGain = Math.min(firstGain, i);
            }
        }
        assertEquals(4, lastRegression);
        assertEquals(5, firstGain);
        assertTrue(rows.get(5).startsWith("| all-at-once w4 fixed:20ms n200 | throughput (ops/s) | "), rows.get(5));
        assertTrue(md.contains("<details><summary>70 unchanged</summary>"), md);
        assertTrue(md.contains("| semaphore w16 fixed:20ms n200 | throughput (ops/s) | 3.65 ± 0.0731 | 2.92 ± 0.0585 | -20.0% | other strategies | **regression** | "), md);
        // requestRate and the two sojourn maxima of each changed point moved; the other 74 informational rows did not
        assertTrue(md.contains("<details><summary>6 not gated that moved beyond ±10% (74 more did not)</summary>"), md);
    }

    @Test
    void markdownListsProblemsAndEscapesPipes() throws Exception {
        SyntheticRun base = SyntheticRun.smoke().param("note", "a|b");
        GateResult result = Gate.compare(read(base, "base.json"), read(base.drop(at("semaphore", 4)), "current.json"), GateOptions.defaults());
        String md = GateOutput.markdown(result);
        assertTrue(md.startsWith("**Performance gate: CANNOT COMPARE**: 1 problem; tolerance 10%\n"), md);
        assertTrue(md.contains("- point missing from the current run: "), md);
        assertTrue(md.contains("| sequential w4 fixed:20ms n200 note=a\\|b | "), md);
        assertTrue(tableRows(md).stream().noneMatch(r -> r.contains("a|b")));
    }

    @Test
    void markdownSaysSoWhenNothingMoved() throws Exception {
        List<JmhPoint> run = read(SyntheticRun.smoke(), "run.json");
        String md = GateOutput.markdown(Gate.compare(run, run, GateOptions.defaults()));
        assertTrue(md.startsWith("**Performance gate: PASS**: no regression in 10 points; tolerance 10%\n"), md);
        assertTrue(md.contains("No gated metric moved beyond the tolerance and the noise."), md);
    }

    @Test
    void consoleHasTheSummaryAndOneLinePerChange() throws Exception {
        String text = GateOutput.console(mixed());
        List<String> lines = text.lines().toList();
        assertEquals("gate: FAIL: 5 regressions in 1 of 10 points; 5 gains; tolerance 10%", lines.getFirst());
        assertTrue(lines.get(1).startsWith("yardstick: WARNING: no peers in either run: "), lines.get(1));
        assertEquals("harness: not compared: no baseline calibration given; no current run calibration given", lines.get(2));
        assertEquals("machine: not measured (the runs carry no machine.otherCores: made before it, or not on Linux)", lines.get(3));
        assertTrue(lines.get(4).startsWith("  regression   semaphore w16 fixed:20ms n200  throughput (ops/s)  3.65 ± 0.0731 -> 2.92 ± 0.0585  -20.0%: "), lines.get(4));
        assertEquals(14, lines.size(), text);
    }

    @Test
    void aRunMeasuredWhileOtherProcessesTookACoreIsSaidToBeBusyAndKeepsItsVerdict() throws Exception {
        SyntheticRun quiet = SyntheticRun.smoke().with(p -> true, MachineLoad.OTHER_CORES, 0.01, "cores");
        SyntheticRun busy = quiet.faster(SyntheticRun.strategy("semaphore"), 0.8)
                .with(SyntheticRun.strategy("worker-pool"), MachineLoad.OTHER_CORES, 0.93, "cores");
        GateResult result = Gate.compare(read(quiet, "quiet.json"), read(busy, "busy.json"), GateOptions.defaults());
        assertEquals(GateResult.EXIT_REGRESSION, result.exitCode(), "a busy machine is said, never excused");
        List<String> lines = GateOutput.console(result).lines().toList();
        assertTrue(lines.getFirst().contains("; the machine was busy (see machine:); "), lines.getFirst());
        assertEquals("machine: the CPU other processes took while a point was measured: baseline at most 0.01 cores, current run"
                + " at most 0.93 cores: BUSY (the current run shared the machine, 0.25 cores or more): a strategy that loses more than the peers"
                + " to a missing core reads as slower, so rerun on a quiet machine before trusting a regression (not gated)",
                lines.get(3));
        assertTrue(GateOutput.markdown(result).contains("> **Machine (busy):** the CPU other processes took while a point was measured: baseline at most 0.01 cores"));
        assertTrue(result.comparisons().stream().filter(r -> r.metric().equals(MachineLoad.OTHER_CORES))
                .allMatch(r -> r.verdict() == Verdict.NOT_GATED), "the machine's number is shown, never gated");

        GateResult same = Gate.compare(read(quiet, "quiet.json"), read(quiet, "again.json"), GateOptions.defaults());
        assertEquals(GateResult.EXIT_PASS, same.exitCode());
        assertTrue(GateOutput.console(same).contains("\nmachine: the CPU other processes took while a point was measured:"
                + " baseline at most 0.01 cores, current run at most 0.01 cores: quiet\n"), GateOutput.console(same));
    }

    @Test
    void pointsAreNamedByTheirParameters() throws Exception {
        JmhPoint point = read(SyntheticRun.smoke(), "run.json").getFirst();
        assertEquals("sequential w4 fixed:20ms n200", GateOutput.pointLabel(point, false));
        assertEquals("fanOut [thrpt] sequential w4 fixed:20ms n200", GateOutput.pointLabel(point, true));
    }
}
