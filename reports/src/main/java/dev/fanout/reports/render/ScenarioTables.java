package dev.fanout.reports.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.fanout.reports.results.ScenarioResults;
import dev.fanout.reports.results.ScenarioResults.Contender;
import dev.fanout.reports.results.ScenarioResults.Phase;
import dev.fanout.reports.results.ScenarioResults.Run;
import dev.fanout.reports.results.ScenarioResults.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The benchmark scenarios in the report: per scenario, a table with a row per contender and the
 * columns its measures ask for (429s after the first second, goodput and its ratio to the reference
 * or the best fixed width, how long the limit took to settle within 20% of each K, service latency
 * against the unloaded one), and a chart of the limit over time per contender, the server's K drawn
 * beside it. Markdown, HTML and the page's chart data say the same.
 */
final class ScenarioTables {

    static final String TITLE = "Scenarios: finding a limit the client does not know";
    static final String HOW = "Each contender is one run in a JVM of its own against a server of its own, with the same seed:"
            + " a run over time, not a throughput. The first second is the search; what follows is judged."
            + " \"Within 20% of K after\" is how long the limit took to come within 20% of the server's K and stay there"
            + " (\"never\": it ended outside); a fixed width has no limit to find.";

    private ScenarioTables() {
    }

    /** A column: its header and what a contender's cell says. */
    record Column(String header, Function<Contender, String> cell) {
    }

    static List<Column> columns(Scenario s) {
        List<Column> columns = new ArrayList<>();
        List<Phase> phases = firstPhases(s);
        for (String measure : s.measures()) {
            switch (measure) {
                case "refusals" -> {
                    columns.add(new Column("429s after 1 s", c -> c.run().map(r -> percent(r.tooManyShareAfter())).orElse(Numbers.NONE)));
                    for (int i = 1; i < phases.size(); i++) {
                        int phase = i;
                        columns.add(new Column("429s from " + seconds(phases.get(i).fromMs()),
                                c -> c.run().map(r -> phase < r.phases().size() ? percent(r.phases().get(phase).tooManyShare()) : Numbers.NONE)
                                        .orElse(Numbers.NONE)));
                    }
                }
                case "goodput" -> {
                    columns.add(new Column("goodput (ok/s)", c -> c.run().map(r -> Numbers.rate(r.goodputPerSecond())).orElse(Numbers.NONE)));
                    List<Contender> reference = s.inRole("reference");
                    List<Contender> fixed = s.inRole("fixed");
                    if (!reference.isEmpty()) {
                        double base = reference.getFirst().run().orElseThrow().goodputPerSecond();
                        columns.add(new Column("vs " + reference.getFirst().label(), c -> ratio(c, base)));
                    } else if (!fixed.isEmpty()) {
                        Contender best = fixed.stream().max((a, b) -> Double.compare(a.run().orElseThrow().goodputPerSecond(),
                                b.run().orElseThrow().goodputPerSecond())).orElseThrow();
                        double base = best.run().orElseThrow().goodputPerSecond();
                        columns.add(new Column("vs the best fixed width (" + best.label() + ")", c -> ratio(c, base)));
                    }
                }
                case "settle" -> {
                    for (int i = 0; i < phases.size(); i++) {
                        Phase p = phases.get(i);
                        if (p.k() <= 0) {
                            continue;
                        }
                        int phase = i;
                        columns.add(new Column("within 20% of " + p.k() + (i == 0 ? "" : " (from " + seconds(p.fromMs()) + ")") + " after",
                                c -> settled(c, phase)));
                    }
                }
                case "latency" -> {
                    columns.add(new Column("p50 / p99 after 1 s (ms)", c -> c.run()
                            .map(r -> Numbers.millis(r.p50AfterMs()) + " / " + Numbers.millis(r.p99AfterMs())).orElse(Numbers.NONE)));
                    List<Contender> unloaded = s.inRole("unloaded");
                    if (!unloaded.isEmpty()) {
                        double base = unloaded.getFirst().run().orElseThrow().p99AfterMs();
                        columns.add(new Column("p99 vs unloaded (" + unloaded.getFirst().label() + ")",
                                c -> c.run().map(r -> "×" + Numbers.ratio(r.p99AfterMs() / base)).orElse(Numbers.NONE)));
                    }
                }
                default -> {
                }
            }
        }
        return columns;
    }

    /** The phases of K, as the first finished contender recorded them (every contender ran the same schedule). */
    private static List<Phase> firstPhases(Scenario s) {
        return s.contenders().stream().flatMap(c -> c.run().stream()).findFirst().map(Run::phases).orElse(List.of());
    }

    private static String settled(Contender c, int phase) {
        if (c.run().isEmpty()) {
            return Numbers.NONE;
        }
        if (c.fixedWidth()) {
            return "fixed at " + c.width();
        }
        List<Phase> phases = c.run().get().phases();
        if (phase >= phases.size()) {
            return Numbers.NONE;
        }
        return phases.get(phase).settledMs().isPresent() ? millisOrSeconds(phases.get(phase).settledMs().getAsDouble()) : "never";
    }

    private static String ratio(Contender c, double base) {
        return c.run().map(r -> "×" + Numbers.ratio(r.goodputPerSecond() / base)).orElse(Numbers.NONE);
    }

    private static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : Numbers.NONE;
    }

    private static String seconds(double ms) {
        double s = ms / 1000;
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String millisOrSeconds(double ms) {
        return ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    /** The server in a line: latency and its limits. */
    static String server(Scenario s) {
        List<String> parts = new ArrayList<>();
        parts.add("latency " + s.server().getOrDefault("latency", "?"));
        String limit = s.server().getOrDefault("serverLimit", "0");
        String capacity = s.server().getOrDefault("serverCapacity", "0");
        if (!limit.equals("0")) {
            parts.add("429 limit " + limit);
        }
        if (!capacity.equals("0")) {
            parts.add("capacity " + capacity + " (the rest queue)");
        }
        return "Server: " + String.join(", ", parts) + "; " + String.format(Locale.ROOT, "%,d", s.items()) + " calls per run.";
    }

    static void markdown(StringBuilder md, ScenarioResults results) {
        if (results.scenarios().isEmpty()) {
            return;
        }
        md.append("\n## ").append(TITLE).append("\n\n").append(MarkdownReport.escape(HOW)).append('\n');
        for (Scenario s : results.scenarios()) {
            md.append("\n### ").append(MarkdownReport.escape(s.title())).append("\n\n")
                    .append(MarkdownReport.escape(s.description())).append("\n\n")
                    .append(MarkdownReport.escape(server(s))).append("\n\n");
            List<Column> columns = columns(s);
            md.append("| contender |");
            columns.forEach(c -> md.append(' ').append(MarkdownReport.escape(c.header())).append(" |"));
            md.append("\n|---|");
            columns.forEach(c -> md.append("---:|"));
            md.append('\n');
            for (Contender c : s.contenders()) {
                String name = c.kind().equals("yardstick") ? "*" + MarkdownReport.escape(c.label()) + "*" : MarkdownReport.escape(c.label());
                md.append("| ").append(name).append(" |");
                columns.forEach(col -> md.append(' ').append(MarkdownReport.escape(col.cell().apply(c))).append(" |"));
                md.append('\n');
            }
            md.append("\nIn italics, the yardsticks: Netflix concurrency-limits around the same calls.\n");
        }
    }

    static void html(StringBuilder h, ScenarioResults results) {
        if (results.scenarios().isEmpty()) {
            return;
        }
        h.append("<section id=\"scenarios\">\n<h2>").append(HtmlReport.escape(TITLE)).append("</h2>\n<p class=\"how\">")
                .append(HtmlReport.escape(HOW)).append(" In the charts, each contender's limit over time; the dashed grey line is "
                        + "the server's K. Yardsticks (Netflix concurrency-limits) are dashed.</p>\n");
        for (int i = 0; i < results.scenarios().size(); i++) {
            Scenario s = results.scenarios().get(i);
            h.append("<h3>").append(HtmlReport.escape(s.title())).append("</h3>\n<p class=\"how\">")
                    .append(HtmlReport.escape(s.description())).append("</p>\n<p class=\"note\">").append(HtmlReport.escape(server(s)))
                    .append("</p>\n<div class=\"table-box\"><table class=\"results scenario\">\n<thead><tr><th class=\"name\">contender</th>");
            List<Column> columns = columns(s);
            columns.forEach(c -> h.append("<th>").append(HtmlReport.escape(c.header())).append("</th>"));
            h.append("</tr></thead>\n<tbody>\n");
            for (Contender c : s.contenders()) {
                h.append("<tr").append(c.kind().equals("yardstick") ? " class=\"yardstick\"" : "").append("><td class=\"name\">")
                        .append(HtmlReport.escape(c.label())).append("</td>");
                columns.forEach(col -> h.append("<td>").append(HtmlReport.escape(col.cell().apply(c))).append("</td>"));
                h.append("</tr>\n");
            }
            h.append("</tbody></table></div>\n<div class=\"grid\" data-charts=\"scenario-").append(i).append("\"></div>\n");
        }
        h.append("</section>\n");
    }

    /** @return per scenario: its title, the server's K over time, and each finished contender's limit over time */
    static JsonArray pageData(ScenarioResults results) {
        JsonArray list = new JsonArray();
        for (Scenario s : results.scenarios()) {
            JsonObject o = new JsonObject();
            o.addProperty("title", s.title());
            double end = s.contenders().stream().flatMap(c -> c.run().stream()).mapToDouble(Run::makespanMs).max().orElse(0);
            o.addProperty("endMs", end);
            JsonArray k = new JsonArray();
            List<Phase> phases = firstPhases(s);
            for (int i = 0; i < phases.size(); i++) {
                if (phases.get(i).k() <= 0) {
                    continue;
                }
                double from = phases.get(i).fromMs();
                double to = i + 1 < phases.size() ? phases.get(i + 1).fromMs() : end;
                k.add(point(from, phases.get(i).k()));
                k.add(point(to, phases.get(i).k()));
            }
            o.add("k", k);
            JsonArray contenders = new JsonArray();
            for (Contender c : s.contenders()) {
                if (c.run().isEmpty()) {
                    continue;
                }
                JsonObject co = new JsonObject();
                co.addProperty("label", c.label());
                co.addProperty("yardstick", c.kind().equals("yardstick"));
                co.addProperty("fixed", c.fixedWidth());
                JsonArray series = new JsonArray();
                List<double[]> points = c.run().get().series();
                for (double[] p : points) {
                    series.add(point(p[0], p[1]));
                }
                if (!points.isEmpty()) {
                    series.add(point(Math.max(points.getLast()[0], c.run().get().makespanMs()), points.getLast()[1]));
                }
                co.add("series", series);
                contenders.add(co);
            }
            o.add("contenders", contenders);
            list.add(o);
        }
        return list;
    }

    private static JsonArray point(double x, double y) {
        JsonArray p = new JsonArray();
        p.add(Math.round(x * 10) / 10.0);
        p.add(y);
        return p;
    }
}
