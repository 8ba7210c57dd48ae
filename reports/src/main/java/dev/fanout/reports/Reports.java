package dev.fanout.reports;

import dev.fanout.reports.browser.HeadlessChromium;
import dev.fanout.reports.browser.PageCheck;
import dev.fanout.reports.render.ReportRenderer;
import dev.fanout.reports.results.Results;
import dev.fanout.reports.results.ResultsReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The report of a results folder: index.html (charts), report.md (tables) and results.csv (every
 * metric), written into the folder itself. What {@code fanout bench} and {@code fanout report DIR}
 * call.
 */
public final class Reports {

    /** The screenshot's width: wide enough for two charts side by side. */
    public static final int SCREENSHOT_WIDTH = 1400;
    private static final int DEFAULT_SCREENSHOT_HEIGHT = 4000;
    private static final int MAX_SCREENSHOT_HEIGHT = 16000;

    private Reports() {
    }

    /**
     * Reads a results folder and writes its report into it, all files or none: on any failure the
     * previous report files are left exactly as they were.
     *
     * @param resultsDir a folder written by {@code fanout bench} (docs/results-format.md)
     * @param options    how to draw it; {@link ReportOptions#defaults()} for the usual
     * @return the files written, index.html first
     * @throws ResultsException when the folder cannot be read or the report cannot be written; its
     *                          message is one line naming the file and what is wrong
     */
    public static RenderedReport render(Path resultsDir, ReportOptions options) throws ResultsException {
        if (resultsDir == null) {
            throw new IllegalArgumentException("resultsDir must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        Results results = ResultsReader.read(resultsDir);
        List<Path> written = AtomicReportWriter.write(resultsDir, ReportRenderer.render(results, options));
        return new RenderedReport(written, results.points().size(), results.plannedPoints());
    }

    /**
     * Takes a screenshot of a rendered report's index.html with headless Chromium, the whole page
     * at {@value #SCREENSHOT_WIDTH} pixels wide, into index.png beside it.
     *
     * @return the picture and what the page reported about itself, or why there is no picture
     *         (no Chromium on this machine)
     * @throws NoSuchFileException when the folder has no index.html: render first
     * @throws IOException         when Chromium is there but failed
     */
    public static Screenshot screenshot(Path resultsDir) throws IOException {
        Path index = resultsDir.resolve(ReportRenderer.INDEX_HTML);
        if (!Files.isRegularFile(index)) {
            throw new NoSuchFileException(index.toString(), null, "no report here: render it first");
        }
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        if (chromium.isEmpty()) {
            return new Screenshot.Skipped(HeadlessChromium.absentReason());
        }
        // The page's height depends on its width: measure it at the width of the picture.
        PageCheck check = PageCheck.fromDom(chromium.get().dumpDom(index, SCREENSHOT_WIDTH, DEFAULT_SCREENSHOT_HEIGHT));
        int height = check.pageHeight() > 0 ? Math.min(check.pageHeight(), MAX_SCREENSHOT_HEIGHT) : DEFAULT_SCREENSHOT_HEIGHT;
        Path png = resultsDir.resolve("index.png");
        Path partial = resultsDir.resolve(".index.part.png");
        try {
            chromium.get().screenshot(index, partial, SCREENSHOT_WIDTH, height);
            Files.move(partial, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return new Screenshot.Saved(png, check);
    }
}
