package dev.fanout.benchmarks.cli;

import dev.fanout.reports.Screenshot;
import dev.fanout.reports.browser.PageCheck;
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

class ReadmeResultsTest {

    private static final String REPORT_MD = """
            # fanout benchmark report

            Run profile smoke, started 2026-12-07T01:34:42Z; 11 of 11 points measured.

            ## Which strategy, in this run

            - **fixed:20ms, http (okhttp), 48 items: semaphore.** Closest to the ideal of the bounded strategies.

            ## Strategies and peers over HTTP (smoke)

            ### fixed:20ms

            | name | width 16 |
            |---|---:|
            | semaphore | **721 · 0.93 · 73.6** |

            **Pick at fixed:20ms (http, okhttp): semaphore.** Closest to the ideal of the bounded strategies.

            ## Harness calibration

            | overhead | 0.26 ms |
            """;

    @TempDir
    Path dir;

    @Test
    void writesTheBlockBetweenTheMarkersAndThePictureBesideTheFile() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.writeString(results.resolve("report.md"), REPORT_MD);
        Path png = Files.write(results.resolve("index.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Path page = Files.writeString(docs.resolve("benchmarks.md"), "# The benchmark suite\n\n## What a quick run shows\n\n"
                + ReadmeResults.BEGIN + "\nold block\n" + ReadmeResults.END + "\n\n**How to read it.** kept\n");

        ReadmeResults.update(page, results, new Screenshot.Saved(png, new PageCheck(true, List.of(), List.of(), List.of(), 100)));

        String text = Files.readString(page);
        assertTrue(text.startsWith("# The benchmark suite\n\n## What a quick run shows\n\n" + ReadmeResults.BEGIN + "\n\n"
                + "Run profile smoke"), text);
        assertTrue(text.endsWith(ReadmeResults.END + "\n\n**How to read it.** kept\n"), "the text after the block stays: " + text);
        assertFalse(text.contains("old block"), text);
        assertTrue(text.contains("<img src=\"images/report.png\""), "the picture, relative to the page: " + text);
        assertTrue(text.contains("\n### Strategies and peers over HTTP (smoke)\n"), "one level under the page's section");
        assertTrue(text.contains("\n**Pick at fixed:20ms (http, okhttp): semaphore.** Closest to the ideal"), "each pick's reason");
        assertFalse(text.contains("Which strategy, in this run"), "the list of picks stays in the report");
        assertArrayEquals(Files.readAllBytes(png), Files.readAllBytes(docs.resolve("images/report.png")));
    }

    @Test
    void aFileWithoutTheMarkersIsAUsageErrorAndIsLeftAlone() throws Exception {
        Path page = Files.writeString(dir.resolve("README.md"), "# a map, no results here\n");
        Path png = Files.write(dir.resolve("index.png"), new byte[]{1});
        UsageException e = assertThrows(UsageException.class, () -> ReadmeResults.update(page, dir,
                new Screenshot.Saved(png, new PageCheck(true, List.of(), List.of(), List.of(), 100))));
        assertTrue(e.getMessage().startsWith("--readme: " + page + " has no results markers"), e.getMessage());
        assertEquals("# a map, no results here\n", Files.readString(page));
        assertFalse(Files.exists(dir.resolve("images")), "no picture written either");
    }
}
