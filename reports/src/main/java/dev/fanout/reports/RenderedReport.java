package dev.fanout.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Reports#render} wrote.
 *
 * @param files          the files written: index.html first, then report.md and results.csv
 * @param pointsMeasured the points the report shows
 * @param pointsPlanned  the points the run planned
 */
public record RenderedReport(List<Path> files, int pointsMeasured, int pointsPlanned) {

    public RenderedReport {
        files = List.copyOf(files);
    }

    /** @return index.html, the page to open */
    public Path index() {
        return files.getFirst();
    }

    /** @return whether the run stopped before every planned point finished */
    public boolean interrupted() {
        return pointsMeasured < pointsPlanned;
    }
}
