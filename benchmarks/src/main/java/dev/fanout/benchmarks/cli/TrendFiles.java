package dev.fanout.benchmarks.cli;

import dev.fanout.reports.AtomicFiles;
import dev.fanout.reports.ResultsException;
import dev.fanout.reports.results.Results;
import dev.fanout.reports.results.ResultsReader;
import dev.fanout.reports.trend.TrendFormats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What {@code ./fanout report DIR --format bmf|github-action-benchmark} writes into the folder. */
final class TrendFiles {

    static final String BMF = "bmf.json";
    static final String BIGGER = "benchmark-bigger.json";
    static final String SMALLER = "benchmark-smaller.json";

    private TrendFiles() {
    }

    /** @return the files written, each replaced whole */
    static List<Path> write(Path dir, String format) {
        Results results;
        try {
            results = ResultsReader.read(dir);
        } catch (ResultsException e) {
            throw new UsageException(e.getMessage());
        }
        if (results.interrupted()) {
            System.out.printf("the run was interrupted: %d of %d points%n", results.points().size(), results.plannedPoints());
        }
        try {
            if (format.equals("bmf")) {
                Path file = dir.resolve(BMF);
                AtomicFiles.writeString(file, TrendFormats.bmf(results));
                return List.of(file);
            }
            Path bigger = dir.resolve(BIGGER);
            Path smaller = dir.resolve(SMALLER);
            AtomicFiles.writeString(bigger, TrendFormats.githubActionBenchmark(results, true));
            AtomicFiles.writeString(smaller, TrendFormats.githubActionBenchmark(results, false));
            return List.of(bigger, smaller);
        } catch (IOException e) {
            throw new UsageException(dir + ": cannot write the " + format + " file: " + e.getMessage());
        }
    }
}
