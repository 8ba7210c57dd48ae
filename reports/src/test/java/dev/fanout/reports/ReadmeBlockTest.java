package dev.fanout.reports;

import dev.fanout.reports.fixture.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadmeBlockTest {

    @TempDir
    Path dir;

    @Test
    void carriesTheRunLineThePictureAndEveryTableWithItsSentenceAndPickOneLevelUnderThePagesHeading() throws Exception {
        Reports.render(ResultsFixture.standardCopy(dir), ReportOptions.defaults());
        String block = ReadmeBlock.from(Files.readString(dir.resolve("report.md")), "images/report.png");

        assertTrue(block.startsWith("Run profile quick, started 2026-11-21T23:30:00Z"), block);
        assertTrue(block.contains("<img src=\"images/report.png\""), block);
        List<String> headings = block.lines().filter(l -> l.startsWith("#")).toList();
        assertEquals(List.of(
                "### HTTP: a real client against the local latency server and Network-free: the same latencies in-process",
                "#### fixed:20ms", "#### lognormal:20ms,p99=200ms",
                "### What a strategy costs per item", "#### fixed:0ms"), headings);
        assertTrue(block.contains("| **peers** |"), "the peers' block");
        assertTrue(block.contains("|  | sim |"), "the sim rows");
        assertTrue(block.contains("At fixed:20ms (http, okhttp), "), "the sentence against the peers");
        assertTrue(block.contains("http (okhttp) − sim: "), "what http minus sim means");
        assertTrue(block.contains("\n**Pick at fixed:20ms (http, okhttp): "), "each table's pick, with its reason");
        assertTrue(block.contains("\n**No pick at fixed:0ms (sim).** "), "and why the cost table has none");
        assertFalse(block.contains("Which strategy, in this run"), "the list of picks at the top stays in the report");
        assertFalse(block.contains("Harness calibration"));
        assertFalse(block.contains("\n\n\n"), "no runs of blank lines");
    }

    @Test
    void anInterruptedRunSaysSoAboveItsRunLine() throws Exception {
        new ResultsFixture().httpStrategiesOnly().widths(List.of(1, 16)).latencies(List.of("fixed:20ms"))
                .interruptedAfter(7).writeTo(dir);
        Reports.render(dir, ReportOptions.defaults());
        String block = ReadmeBlock.from(Files.readString(dir.resolve("report.md")), "x.png");
        assertTrue(block.startsWith("**Interrupted: 7 of 10 points.** What finished is below.\n\nRun profile quick"), block);
    }
}
