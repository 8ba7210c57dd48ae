package dev.fanout.benchmarks.cli;

import dev.fanout.reports.RenderedReport;
import dev.fanout.reports.ReportOptions;
import dev.fanout.reports.Reports;
import dev.fanout.reports.ResultsException;
import dev.fanout.reports.Screenshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Renders the report of a results folder again: report.md (a table per latency:",
                "items/s, efficiency, p99 sojourn; the strategies, then the peers, plain-JDK and",
                "Reactor code, as a block of their own; http and sim one above the other; one",
                "sentence per profile on how far each strategy is from the best peer),",
                "results.csv (every metric of every point, a kind column for strategy or peer)",
                "and index.html (one self-contained page with charts: throughput and tail latency",
                "against width with peers dashed, percentile distributions, the timeline of one",
                "batch per strategy and peer, and per profile the pick with its reason: the",
                "bounded strategy closest to the ideal (never all-at-once, sequential or chunked,",
                "never a peer), how far the best peer was from it, and whether the plain-JDK code",
                "is as good; report.md and the --readme block carry the same). Reads results",
                "folders of format 2 and 1. Written to a temporary folder and moved into place: a",
                "failed render leaves the previous report as it was.",
                "",
                "Several folders: the shards of one plan (./fanout bench --shard K/N, one per",
                "machine) merge into one results folder (--merged-out), which is then reported;",
                "shards of different plans, a missing or a repeated shard are refused.",
                "",
                "--format bmf writes bmf.json into the folder instead: Bencher Metric Format,",
                "every metric of every point, for bencher run --adapter json --file DIR/bmf.json.",
                "--format github-action-benchmark writes benchmark-bigger.json and",
                "benchmark-smaller.json, for its customBiggerIsBetter and customSmallerIsBetter",
                "tools.",
                ""},
        footer = {"", "Exit status: 0 done, 2 a folder or file that cannot be read (one line names it)."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "0..*",
            description = "a results folder of ./fanout bench, or the folders of every shard of one plan; default: bench-results/latest")
    List<Path> dirs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
            description = "html (index.html, report.md, results.csv), bmf (Bencher Metric Format) or github-action-benchmark;"
                    + " default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--merged-out", paramLabel = "DIR",
            description = "where several shards' folders merge to; default: bench-results/merged-<time>")
    Path mergedOut;

    @Option(names = "--bound-factor", paramLabel = "X", defaultValue = "3.0",
            description = "the tail-latency chart's reference line, at X times the profile's median; default: ${DEFAULT-VALUE}")
    double boundFactor;

    @Option(names = "--timeline-width", paramLabel = "W", defaultValue = "16",
            description = "the width whose batches the timeline chart shows (the nearest measured); default: ${DEFAULT-VALUE}")
    int timelineWidth;

    @Option(names = "--screenshot", description = "also save index.png, the page as headless Chromium draws it")
    boolean screenshot;

    @Option(names = "--readme", paramLabel = "FILE",
            description = "also put the page's picture (images/report.png beside FILE) and the result tables, with the peers, sim and each pick's reason, into FILE (the project's: docs/benchmarks.md), between its results markers")
    Path readme;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    /** The --format values. */
    static final List<String> FORMATS = List.of("html", "bmf", "github-action-benchmark");

    @Override
    public Integer call() throws Exception {
        ReportOptions options = UsageException.check("", () -> ReportOptions.builder().latencyBoundFactor(boundFactor).timelineWidth(timelineWidth).build());
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format: unknown format '" + format + "'; valid formats: " + String.join(", ", FORMATS));
        }
        if (readme != null && !java.nio.file.Files.isRegularFile(readme)) {
            throw new UsageException("--readme: no such file: " + readme);
        }
        if (mergedOut != null && (dirs == null || dirs.size() < 2)) {
            throw new UsageException("--merged-out: needs the folders of several shards to merge");
        }
        Path dir = mergedFolder(dirs == null || dirs.isEmpty() ? List.of(Path.of("bench-results/latest")) : dirs, mergedOut, System.out);
        if (!format.equals("html")) {
            if (screenshot || readme != null) {
                throw new UsageException("--screenshot and --readme go with the html report, not --format " + format);
            }
            for (Path written : TrendFiles.write(dir, format)) {
                System.out.println(format + " " + written);
            }
            return 0;
        }
        Path index = render(dir, options);
        if (screenshot || readme != null) {
            switch (Reports.screenshot(dir)) {
                case Screenshot.Saved saved -> {
                    System.out.println("screenshot " + saved.file());
                    saved.problems().forEach(p -> System.err.println("page problem: " + p));
                    if (readme != null) {
                        ReadmeResults.update(readme, dir, saved);
                        System.out.println("readme     " + readme + " (and " + readme.toAbsolutePath().getParent().resolve(ReadmeResults.IMAGE) + ")");
                    }
                }
                case Screenshot.Skipped skipped -> {
                    if (readme != null) {
                        throw new UsageException("--readme needs a screenshot, and " + skipped.reason());
                    }
                    System.err.println("no screenshot: " + skipped.reason());
                }
            }
        }
        System.out.println("report     " + index);
        return 0;
    }

    /**
     * @return the one folder, or the shards merged into a new folder (printed); bad shards are a
     *         usage error (exit 2) naming the folder
     */
    static Path mergedFolder(List<Path> folders, Path target, java.io.PrintStream out) {
        if (folders.size() == 1) {
            return folders.getFirst();
        }
        Path to = target != null ? target : Path.of("bench-results", "merged-" + java.time.format.DateTimeFormatter
                .ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()));
        try {
            Path merged = dev.fanout.reports.results.ShardMerge.merge(folders, to);
            out.println("merged     " + folders.size() + " shards into " + merged);
            return merged;
        } catch (ResultsException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Renders a report; bad results are a usage error (exit 2) naming the file. */
    static Path render(Path dir, ReportOptions options) {
        try {
            RenderedReport report = Reports.render(dir, options);
            if (report.interrupted()) {
                System.out.printf("the run was interrupted: the report shows %d of %d points%n",
                        report.pointsMeasured(), report.pointsPlanned());
            }
            return report.index();
        } catch (ResultsException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
