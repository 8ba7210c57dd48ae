package dev.fanout.reports.render;

import dev.fanout.reports.ReportOptions;
import dev.fanout.reports.results.Results;

import java.util.LinkedHashMap;
import java.util.SequencedMap;

/** Turns read results into the text of the report's files; writing them is the caller's business. */
public final class ReportRenderer {

    public static final String INDEX_HTML = "index.html";
    public static final String REPORT_MD = "report.md";
    public static final String RESULTS_CSV = "results.csv";

    private ReportRenderer() {
    }

    /** @return file name to content: index.html, report.md, results.csv, in that order */
    public static SequencedMap<String, String> render(Results results, ReportOptions options) {
        Report report = Report.of(results, options.latencyBoundFactor());
        SequencedMap<String, String> files = new LinkedHashMap<>();
        files.put(INDEX_HTML, HtmlReport.render(report, PageData.build(report, options.timelineWidth())));
        files.put(REPORT_MD, MarkdownReport.render(report));
        files.put(RESULTS_CSV, CsvReport.render(results));
        return files;
    }
}
