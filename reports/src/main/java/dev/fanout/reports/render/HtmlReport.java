package dev.fanout.reports.render;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;
import dev.fanout.reports.results.Results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * index.html: one self-contained page. The text (which strategy and why, sentences against the peers,
 * tables, calibration) is HTML written here, so it reads even without scripts; the charts are drawn
 * in the browser by Chart.js, inlined with the data, from page.js. The page loads nothing from
 * outside, and its Content-Security-Policy forbids it to.
 */
final class HtmlReport {

    /**
     * Gson escapes {@code <}, {@code >} and {@code &} in strings, so the data cannot close its script
     * element; nulls are kept, since the page tells "no value" (null) from "no such key".
     */
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private HtmlReport() {
    }

    static String render(Report report, JsonObject pageData) {
        Results results = report.results();
        String title = "fanout benchmark report — " + results.manifest().profile() + ", " + results.manifest().createdAt();
        return PageAssets.fill(PageAssets.resource("page.html"), Map.of(
                "title", escape(title),
                "chartjsVersion", escape(PageAssets.chartJsVersion()),
                "style", PageAssets.resource("page.css"),
                "selfcheck", PageAssets.inlineScript(PageAssets.resource("selfcheck.js")),
                "body", body(report),
                "data", GSON.toJson(pageData),
                "chartjs", PageAssets.inlineScript(PageAssets.chartJs()),
                "page", PageAssets.inlineScript(PageAssets.resource("page.js"))));
    }

    private static String body(Report report) {
        Results results = report.results();
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
        h.append("<nav><a href=\"#recommendation\">Which strategy</a><a href=\"#peers\">Against the peers</a>"
                + "<a href=\"#throughput\">Throughput</a><a href=\"#tail\">Tail latency</a>"
                + "<a href=\"#percentiles\">Percentiles</a><a href=\"#timelines\">Timelines</a><a href=\"#tables\">Tables</a>"
                + (results.scenarios().scenarios().isEmpty() ? "" : "<a href=\"#scenarios\">Scenarios</a>")
                + "<a href=\"#harness\">Harness &amp; machine</a></nav>\n</header>\n<main>\n");
        recommendation(h, report);
        peers(h, report);
        chartSection(h, "throughput", "Throughput against width",
                "<strong>Higher is better.</strong> One chart per profile; http and sim of the same latency side by side. "
                        + "Solid lines are strategies, <strong>dashed lines are peers</strong> (plain JDK and Reactor "
                        + "code, the yardstick); both axes are logarithmic. The broad grey line is the ideal for a fixed "
                        + "latency (a batch of N takes ⌈N / width⌉ × latency, and on http no less than the harness "
                        + "allows); the red dotted line is the harness ceiling measured by calibration (http only). "
                        + "A red ring marks a harness-bound point, a purple square a point whose efficiency exceeds 1.0 "
                        + "beyond its error (the ideal is wrong there).",
                "grid");
        chartSection(h, "tail", "Tail latency against width",
                "<strong>Lower is better.</strong> p99 of the sojourn latency: from the batch's start until the item is "
                        + "done, so waiting for a free slot counts. Peers dashed. The grey line is a reference at "
                        + Numbers.plain(report.tailBoundFactor()) + " × the median latency. <label><input type=\"checkbox\" id=\"show-p999\"> also show p99.9, dotted</label>",
                "grid");
        chartSection(h, "percentiles", "Latency by percentile",
                "<strong>The HdrHistogram plotter's view</strong>, at one width per profile: read up from a "
                        + "percentile to the latency (at 99%, one request in a hundred was slower). The x axis is "
                        + "1 / (1 − p), so each step right is ten times rarer. Peers dashed. "
                        + "<label><input type=\"checkbox\" id=\"show-service\"> also show service latency "
                        + "(request sent to answer received), dotted</label>",
                "grid");
        chartSection(h, "timelines", "One batch, request by request",
                "<strong>The picture that teaches each strategy.</strong> Every request is a bar from its start to its "
                        + "end, on the lowest slot free when it started. Sequential fills one slot; a bounded strategy "
                        + "keeps <em>width</em> slots busy, each starting the next request as one ends; a strategy that "
                        + "starts everything at once fills a slot per request and waits for the slowest. White space is "
                        + "a slot standing idle. The peers follow the strategies.",
                "timelines");
        h.append("<section id=\"tables\">\n<h2>Tables</h2>\n<p class=\"how\">Each cell: items/s, then efficiency "
                + "(ideal makespan / measured), p99 sojourn latency and the server's in-flight peak (which proves the "
                + "bound). Peers are a block of their own, after the strategies. "
                + RunFacts.HARNESS_BOUND_MARK + " harness-bound; " + RunFacts.BEYOND_IDEAL_MARK
                + " efficiency above 1.0 beyond its error.</p>\n");
        for (Chapter chapter : report.chapters()) {
            h.append("<h3 id=\"").append(escape(chapter.anchor())).append("\">").append(escape(chapter.title())).append("</h3>\n");
            for (ResultTable table : chapter.tables()) {
                table(h, report, table);
            }
        }
        h.append("</section>\n");
        ScenarioTables.html(h, results.scenarios());
        h.append("<section id=\"harness\">\n<h2>Harness and machine</h2>\n<h3>Calibration</h3>\n");
        facts(h, RunFacts.calibration(results.calibration()));
        h.append("<h3>Environment</h3>\n");
        facts(h, RunFacts.environment(results.environment()));
        h.append("</section>\n</main>\n<footer>results.csv has every metric of every point; report.md the tables. "
                + "Written by fanout from ").append(escape(results.folder().getFileName().toString())).append(".</footer>\n");
        return h.toString();
    }

    private static void recommendation(StringBuilder h, Report report) {
        h.append("<section id=\"recommendation\">\n<h2>").append(escape(MarkdownReport.RECOMMENDATION))
                .append("</h2>\n<p class=\"how\">").append(escape(RunFacts.PICK_RULE)).append("</p>\n<div class=\"cards\">\n");
        if (report.recommendations().isEmpty()) {
            h.append("<p>No point finished: there is nothing to pick from yet.</p>\n");
        }
        for (Recommendation r : report.recommendations()) {
            h.append("<article class=\"card").append(r.pick().isPresent() ? "" : " none").append("\">\n<h3>")
                    .append(escape(r.profile().title())).append("</h3>\n<p class=\"pick\">")
                    .append(escape(r.headline())).append("</p>\n<p>").append(escape(r.details())).append("</p>\n</article>\n");
        }
        h.append("</div>\n</section>\n");
    }

    /** Every profile's sentence against the best peer, in one list near the top. */
    private static void peers(StringBuilder h, Report report) {
        List<String> sentences = new ArrayList<>();
        report.profiles().forEach(p -> report.peerSentence(p).ifPresent(sentences::add));
        h.append("<section id=\"peers\">\n<h2>Against the peers</h2>\n<p class=\"how\">How far each strategy is from "
                + "the best peer, the fastest plain-JDK or Reactor code measured at the same width (items/s).</p>\n");
        if (sentences.isEmpty()) {
            h.append("<p>No peer was measured in this run.</p>\n");
        } else {
            h.append("<ul class=\"sentences\">\n");
            sentences.forEach(s -> h.append("<li>").append(escape(s)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    /** A section whose charts page.js draws into the element marked {@code data-charts}. */
    private static void chartSection(StringBuilder h, String id, String title, String howToRead, String layout) {
        h.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(title)).append("</h2>\n")
                .append("<p class=\"how\">").append(howToRead).append("</p>\n")
                .append("<div class=\"").append(layout).append("\" data-charts=\"").append(id).append("\"></div>\n")
                .append("</section>\n");
    }

    private static void table(StringBuilder h, Report report, ResultTable table) {
        boolean lines = table.profiles().size() > 1;
        boolean peers = !table.rows(PointKind.PEER).isEmpty();
        int columns = 1 + (lines ? 1 : 0) + table.widths().size();
        h.append("<h4>").append(escape(table.title())).append("</h4>\n<p class=\"note\">")
                .append("Workload").append(lines ? "s: " : ": ").append(escape(table.workloads()))
                .append(".</p>\n<div class=\"table-box\"><table class=\"results\">\n<thead><tr>")
                .append("<th class=\"name\">name</th>").append(lines ? "<th class=\"name\">workload</th>" : "");
        table.widths().forEach(w -> h.append("<th>width ").append(w).append("</th>"));
        h.append("</tr></thead>\n");
        Marks marks = new Marks();
        for (PointKind kind : PointKind.values()) {
            List<ResultTable.Row> rows = table.rows(kind);
            if (rows.isEmpty()) {
                continue;
            }
            String group = kind == PointKind.PEER ? "peers" : "strategies";
            h.append("<tbody class=\"").append(group).append("\">\n");
            if (peers) {
                h.append("<tr class=\"group\"><th colspan=\"").append(columns).append("\">")
                        .append(kind == PointKind.PEER ? "peers — " + escape(RunFacts.PEERS_NOTE) : "strategies — fanout's own")
                        .append("</th></tr>\n");
            }
            for (ResultTable.Row row : rows) {
                List<Profile> rowLines = table.profilesOf(row);
                for (int i = 0; i < rowLines.size(); i++) {
                    Profile profile = rowLines.get(i);
                    h.append("<tr>");
                    if (i == 0) {
                        h.append("<td class=\"name\"").append(rowLines.size() > 1 ? " rowspan=\"" + rowLines.size() + "\"" : "")
                                .append(">").append(escape(row.name())).append("</td>");
                    }
                    if (lines) {
                        h.append("<td class=\"workload\">").append(escape(table.lineLabel(profile))).append("</td>");
                    }
                    Optional<Recommendation> pick = report.recommendation(profile);
                    for (int width : table.widths()) {
                        cell(h, table, profile, row.name(), width, pick, marks);
                    }
                    h.append("</tr>\n");
                }
            }
            h.append("</tbody>\n");
        }
        h.append("</table></div>\n");
        for (Profile profile : table.profiles()) {
            report.peerSentence(profile).ifPresent(s -> h.append("<p class=\"sentence\">").append(escape(s)).append("</p>\n"));
        }
        for (String line : report.harnessCostLines(table)) {
            h.append("<p class=\"sentence harness-cost\">").append(escape(line)).append("</p>\n");
        }
        for (Profile profile : table.profiles()) {
            report.recommendation(profile).ifPresent(r -> h.append("<p class=\"sentence pick-reason\"><strong>")
                    .append(escape(MarkdownReport.pickLabel(r))).append(".</strong> ").append(escape(r.details())).append("</p>\n"));
        }
        h.append("<p class=\"note\">Throughput in items/s.");
        if (marks.picked) {
            h.append(" The green cells are the pick").append(lines ? ", one strategy per workload." : ".");
        }
        if (table.zeroLatency()) {
            h.append(' ').append(escape(RunFacts.capitalise(RunFacts.ZERO_LATENCY_NOTE))).append('.');
        }
        if (marks.harnessBound) {
            h.append(' ').append(RunFacts.HARNESS_BOUND_MARK).append(' ').append(escape(RunFacts.HARNESS_BOUND_NOTE)).append('.');
        }
        if (marks.beyondIdeal) {
            h.append(' ').append(RunFacts.BEYOND_IDEAL_MARK).append(' ').append(escape(RunFacts.BEYOND_IDEAL_NOTE)).append('.');
        }
        if (marks.failed) {
            h.append(' ').append(escape(RunFacts.capitalise(RunFacts.FAILED_NOTE))).append('.');
        }
        if (table.hasMissingCells()) {
            h.append(' ').append(Numbers.NONE).append(" not measured: the run stopped before this point.");
        }
        h.append("</p>\n");
    }

    private static void cell(StringBuilder h, ResultTable table, Profile profile, String name, int width,
                             Optional<Recommendation> pick, Marks marks) {
        switch (table.state(profile, name, width)) {
            case NOT_PLANNED -> h.append("<td class=\"unplanned\" title=\"not part of the plan\"></td>");
            case NOT_MEASURED -> h.append("<td title=\"not measured\">").append(Numbers.NONE).append("</td>");
            case MEASURED -> {
                PointResult p = table.cell(profile, name, width).orElseThrow();
                boolean picked = pick.isPresent() && pick.get().picked(p);
                boolean zero = profile.zeroLatency();
                boolean bound = !zero && p.harnessBound();
                boolean beyond = !zero && p.beyondIdeal();
                marks.picked |= picked;
                marks.harnessBound |= bound;
                marks.beyondIdeal |= beyond;
                String css = picked ? "chosen" : beyond ? "beyond" : bound ? "bound" : "";
                String title = picked ? "the pick" : beyond ? RunFacts.BEYOND_IDEAL_NOTE
                        : bound ? RunFacts.HARNESS_BOUND_NOTE : p.point().id();
                h.append("<td").append(css.isEmpty() ? "" : " class=\"" + css + "\"")
                        .append(" title=\"").append(escape(title)).append("\"><strong>")
                        .append(Numbers.rate(p.itemsPerSecond())).append("</strong>")
                        .append(bound ? " " + RunFacts.HARNESS_BOUND_MARK : "")
                        .append(beyond ? " " + RunFacts.BEYOND_IDEAL_MARK : "").append("<br>");
                double peak = p.score(PointMetric.SERVER_MAX_IN_FLIGHT);
                if (zero) {
                    double ratio = PeerComparison.ratioToFastestPeer(profile, p);
                    if (Double.isFinite(ratio)) {
                        h.append("<span class=\"eff\">×").append(Numbers.ratio(ratio)).append(" of the fastest peer</span><br>");
                    }
                } else {
                    h.append("<span class=\"eff\">eff ").append(Numbers.ratio(p.score(PointMetric.EFFICIENCY)))
                            .append("</span> · <span class=\"tail\">p99 ")
                            .append(Numbers.millis(p.score(PointMetric.SOJOURN_P99))).append(" ms</span><br>");
                }
                h.append("<span class=\"peak\" title=\"the most requests in flight at once, counted where they are served: the server on http, the in-process workload on sim\">peak ")
                        .append(Numbers.count(peak)).append("</span>");
                String extra = Numbers.extraRequests(p.extraRequestShare());
                if (!extra.isEmpty()) {
                    h.append(" · <span class=\"extra\" title=\"").append(escape(RunFacts.EXTRA_REQUESTS_NOTE)).append("\">")
                            .append(escape(extra)).append("</span>");
                }
                String failed = Numbers.failed(p.failedShare());
                if (!failed.isEmpty()) {
                    marks.failed = true;
                    h.append(" · <span class=\"failed\" title=\"").append(escape(RunFacts.FAILED_NOTE)).append("\">")
                            .append(escape(failed)).append("</span>");
                }
                h.append("</td>");
            }
        }
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
