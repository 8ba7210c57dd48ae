package dev.fanout.reports.render;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Results;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * index.html: one self-contained page. The text (recommendation, tables, calibration) is HTML
 * written here, so it reads even without scripts; the charts are drawn in the browser by Chart.js,
 * inlined with the data, from page.js. The page loads nothing from outside, and its
 * Content-Security-Policy forbids it to.
 */
final class HtmlReport {

    /**
     * Gson escapes {@code <}, {@code >} and {@code &} in strings, so the data cannot close its script
     * element; nulls are kept, since the page tells "no value" (null) from "no such key".
     */
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private HtmlReport() {
    }

    static String render(Results results, List<ProfileGrid> grids, List<Recommendation> recommendations,
                         JsonObject pageData) {
        String title = "fanout benchmark report — " + results.manifest().profile() + ", " + results.manifest().createdAt();
        return PageAssets.fill(PageAssets.resource("page.html"), Map.of(
                "title", escape(title),
                "chartjsVersion", escape(PageAssets.chartJsVersion()),
                "style", PageAssets.resource("page.css"),
                "selfcheck", PageAssets.inlineScript(PageAssets.resource("selfcheck.js")),
                "body", body(results, grids, recommendations),
                "data", GSON.toJson(pageData),
                "chartjs", PageAssets.inlineScript(PageAssets.chartJs()),
                "page", PageAssets.inlineScript(PageAssets.resource("page.js"))));
    }

    private static String body(Results results, List<ProfileGrid> grids, List<Recommendation> recommendations) {
        StringBuilder h = new StringBuilder();
        h.append("<header>\n<h1>fanout benchmark report</h1>\n")
                .append("<p class=\"run\">").append(escape(RunFacts.run(results))).append("</p>\n");
        String interruption = RunFacts.interruption(results);
        if (!interruption.isEmpty()) {
            h.append("<p class=\"banner\">").append(escape(RunFacts.capitalise(interruption)))
                    .append(". The run stopped early; what finished is shown.</p>\n");
        }
        if (!results.calibration().trustworthy()) {
            h.append("<p class=\"banner\">The harness calibration is not trustworthy: ")
                    .append(escape(results.calibration().warning().orElse("the overhead is too high"))).append("</p>\n");
        }
        h.append("<nav><a href=\"#recommendation\">Recommendation</a><a href=\"#throughput\">Throughput</a>"
                + "<a href=\"#tail\">Tail latency</a><a href=\"#percentiles\">Percentiles</a>"
                + "<a href=\"#timelines\">Timelines</a><a href=\"#tables\">Tables</a>"
                + "<a href=\"#harness\">Harness &amp; machine</a></nav>\n</header>\n<main>\n");
        recommendation(h, recommendations);
        chartSection(h, "throughput", "Throughput against width",
                "<strong>Higher is better.</strong> One line per strategy; both axes are logarithmic. The dashed line is "
                        + "the ideal for a fixed latency (a batch of N takes ⌈N / width⌉ × latency, and no less than the "
                        + "harness allows); the red dotted line is the harness ceiling measured by calibration. "
                        + "A red ring marks a harness-bound point: there the harness, not the strategy, is the limit.",
                "grid");
        chartSection(h, "tail", "Tail latency against width",
                "<strong>Lower is better.</strong> Solid lines are p99, dashed lines p99.9 of the sojourn latency: from "
                        + "the batch's start until the item is done, so waiting for a free slot counts. The grey line is "
                        + "the recommendation's bound.",
                "grid");
        chartSection(h, "percentiles", "Latency by percentile",
                "<strong>The HdrHistogram plotter's view</strong>, at one width per profile: read up from a "
                        + "percentile to the latency (at 99%, one request in a hundred was slower). The x axis is "
                        + "1 / (1 − p), so each step right is ten times rarer. "
                        + "<label><input type=\"checkbox\" id=\"show-service\"> also show service latency "
                        + "(request sent to answer received), dashed</label>",
                "grid");
        chartSection(h, "timelines", "One batch, request by request",
                "<strong>The picture that teaches each strategy.</strong> Every request is a bar from its start to its "
                        + "end, on the lowest slot free when it started. Sequential fills one slot; a bounded strategy "
                        + "keeps <em>width</em> slots busy, each starting the next request as one ends; a strategy that "
                        + "starts everything at once fills a slot per request and waits for the slowest. White space is "
                        + "a slot standing idle.",
                "timelines");
        h.append("<section id=\"tables\">\n<h2>Tables</h2>\n<p class=\"how\">Each cell: items/s, then efficiency "
                + "(ideal makespan / measured) and p99 sojourn latency. † harness-bound.</p>\n");
        for (int i = 0; i < grids.size(); i++) {
            table(h, grids.get(i), recommendations.get(i).best());
        }
        h.append("</section>\n<section id=\"harness\">\n<h2>Harness and machine</h2>\n<h3>Calibration</h3>\n");
        facts(h, RunFacts.calibration(results.calibration()));
        h.append("<h3>Environment</h3>\n");
        facts(h, RunFacts.environment(results.environment()));
        h.append("</section>\n</main>\n<footer>results.csv has every metric of every point; report.md the tables. "
                + "Written by fanout from ").append(escape(results.folder().getFileName().toString())).append(".</footer>\n");
        return h.toString();
    }

    private static void recommendation(StringBuilder h, List<Recommendation> recommendations) {
        h.append("<section id=\"recommendation\">\n<h2>Recommendation</h2>\n<p class=\"how\">Per profile, the fastest "
                + "point whose p99 sojourn latency stays within the bound, and the best of another strategy as "
                + "runner-up.</p>\n<div class=\"cards\">\n");
        if (recommendations.isEmpty()) {
            h.append("<p>No point finished: there is nothing to recommend yet.</p>\n");
        }
        for (Recommendation r : recommendations) {
            h.append("<article class=\"card").append(r.best().isPresent() ? "" : " none").append("\">\n<h3>")
                    .append(escape(r.profile().title())).append("</h3>\n<p class=\"pick\">")
                    .append(escape(r.headline())).append("</p>\n<p>").append(escape(r.details())).append("</p>\n</article>\n");
        }
        h.append("</div>\n</section>\n");
    }

    /** A section whose charts page.js draws into the element marked {@code data-charts}. */
    private static void chartSection(StringBuilder h, String id, String title, String howToRead, String layout) {
        h.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(title)).append("</h2>\n")
                .append("<p class=\"how\">").append(howToRead).append("</p>\n")
                .append("<div class=\"").append(layout).append("\" data-charts=\"").append(id).append("\"></div>\n")
                .append("</section>\n");
    }

    private static void table(StringBuilder h, ProfileGrid grid, Optional<PointResult> pick) {
        h.append("<h3>").append(escape(grid.profile().title())).append("</h3>\n<table>\n<tr><th class=\"name\">strategy</th>");
        grid.widths().forEach(w -> h.append("<th>width ").append(w).append("</th>"));
        h.append("</tr>\n");
        for (String strategy : grid.strategies()) {
            h.append("<tr><td class=\"name\">").append(escape(strategy)).append("</td>");
            for (int width : grid.widths()) {
                PointResult p = grid.cell(strategy, width).orElse(null);
                if (p == null) {
                    h.append("<td title=\"not measured\">").append(Numbers.NONE).append("</td>");
                    continue;
                }
                boolean picked = pick.isPresent() && pick.get() == p;
                h.append(picked ? "<td class=\"chosen\" title=\"the recommendation\">"
                                : p.harnessBound() ? "<td class=\"bound\" title=\"" + escape(RunFacts.HARNESS_BOUND_NOTE) + "\">"
                                : "<td>")
                        .append("<strong>").append(Numbers.rate(p.itemsPerSecond())).append("</strong>")
                        .append(p.harnessBound() ? " " + MarkdownReport.HARNESS_BOUND_MARK : "")
                        .append("<br><span class=\"eff\">eff ").append(Numbers.ratio(p.score(PointMetric.EFFICIENCY)))
                        .append("</span> · <span class=\"tail\">p99 ").append(Numbers.millis(p.score(PointMetric.SOJOURN_P99)))
                        .append(" ms</span></td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Throughput in items/s.");
        pick.ifPresent(p -> h.append(" The green cell is the recommendation."));
        if (grid.profile().points().stream().anyMatch(PointResult::harnessBound)) {
            h.append(" † ").append(escape(RunFacts.HARNESS_BOUND_NOTE)).append('.');
        }
        if (grid.hasMissingCells()) {
            h.append(' ').append(Numbers.NONE).append(" not measured: the run stopped before this point.");
        }
        h.append("</p>\n");
    }

    private static void facts(StringBuilder h, List<RunFacts.Fact> facts) {
        h.append("<table class=\"facts\">\n");
        for (RunFacts.Fact f : facts) {
            h.append("<tr><td>").append(escape(f.label())).append("</td><td>").append(escape(f.value())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
