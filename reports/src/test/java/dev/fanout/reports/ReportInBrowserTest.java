package dev.fanout.reports;

import dev.fanout.reports.browser.HeadlessChromium;
import dev.fanout.reports.browser.PageCheck;
import dev.fanout.reports.fixture.ResultsFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * index.html as a reader sees it: a real headless Chromium renders the real file. The page records
 * its own script errors, blocked outside requests and whether each chart drew (see selfcheck.js);
 * Chromium's --dump-dom hands that record back.
 */
class ReportInBrowserTest {

    @TempDir
    Path dir;

    private HeadlessChromium chromium;

    @BeforeEach
    void findChromium() {
        chromium = HeadlessChromium.find().orElse(null);
        assumeTrue(chromium != null, "skipped: " + HeadlessChromium.absentReason());
    }

    @Test
    void everyChartDrawsWithoutErrorsOrOutsideRequestsAndTheScreenshotIsSaved() throws Exception {
        Reports.render(ResultsFixture.standardCopy(dir), ReportOptions.defaults());

        // Reports.screenshot runs the page once to check it (and measure it), once to take the picture.
        Screenshot shot = Reports.screenshot(dir);
        Screenshot.Saved saved = assertInstanceOf(Screenshot.Saved.class, shot);
        PageCheck check = saved.check();
        assertEquals(List.of(), check.problems());
        assertTrue(check.done());
        // A throughput chart per profile (http and sim of two latencies, and the cost of an item); tail and
        // percentile charts where there is a latency; a timeline per strategy and peer of each http profile.
        Map<String, Long> kinds = check.charts().stream().collect(Collectors.groupingBy(PageCheck.Chart::kind, Collectors.counting()));
        assertEquals(Map.of("throughput", 5L, "tail", 4L, "percentiles", 4L, "timeline", 18L), kinds);
        for (PageCheck.Chart c : check.charts()) {
            assertTrue(c.width() > 300 && c.height() > 80, c.toString());
            // Every line chart draws each of the four peers as a dashed line.
            assertEquals(c.kind().equals("timeline") ? 0 : ResultsFixture.PEERS.size(), c.dashedPeers(), c.toString());
        }
        assertTrue(check.pageHeight() > 2000, "page height " + check.pageHeight());

        assertEquals(dir.resolve("index.png"), saved.file());
        try (InputStream png = Files.newInputStream(saved.file())) {
            byte[] header = png.readNBytes(24);
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, java.util.Arrays.copyOf(header, 8));
            assertEquals(Reports.SCREENSHOT_WIDTH, ByteBuffer.wrap(header, 16, 4).getInt(), "PNG width");
        }
    }

    @Test
    void theSelfCheckCatchesScriptErrorsOutsideRequestsAndChartsThatDidNotDraw() throws Exception {
        Reports.render(ResultsFixture.standardCopy(dir), ReportOptions.defaults());
        String html = Files.readString(dir.resolve("index.html"));
        String broken = html
                .replace("<body>", "<body>\n<style>.canvas-box { display: none; }</style>"
                        + "<img src=\"http://127.0.0.1:9/outside.png\" alt=\"\">")
                .replace("</body>", "<script>notDefinedAnywhere();</script>\n</body>");
        Path page = Files.writeString(dir.resolve("broken.html"), broken);

        PageCheck check = PageCheck.fromDom(chromium.dumpDom(page, Reports.SCREENSHOT_WIDTH, 4000));
        assertTrue(check.violations().stream().anyMatch(v -> v.contains("127.0.0.1:9/outside.png")), check.violations().toString());
        assertTrue(check.errors().stream().anyMatch(e -> e.contains("notDefinedAnywhere")), check.errors().toString());
        assertFalse(check.charts().isEmpty());
        assertTrue(check.charts().stream().noneMatch(PageCheck.Chart::drawn), check.charts().toString());
        assertTrue(check.problems().stream().anyMatch(p -> p.contains("did not draw")), check.problems().toString());
    }
}
