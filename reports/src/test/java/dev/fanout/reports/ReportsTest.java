package dev.fanout.reports;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.reports.fixture.Csv;
import dev.fanout.reports.fixture.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest {

    @TempDir
    Path dir;

    @Test
    void writesTheThreeFilesIndexFirstAndLeavesNoTemporaryFolder() throws Exception {
        RenderedReport report = Reports.render(ResultsFixture.standardCopy(dir), ReportOptions.defaults());
        assertEquals(List.of(dir.resolve("index.html"), dir.resolve("report.md"), dir.resolve("results.csv")), report.files());
        assertEquals(dir.resolve("index.html"), report.index());
        assertEquals(50, report.pointsMeasured());
        assertFalse(report.interrupted());
        for (Path f : report.files()) {
            assertTrue(Files.size(f) > 0, f + " is empty");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(), entries.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    @Test
    void theCsvHasOneRowPerPointWithEveryMetricAndParsesBack() throws Exception {
        ResultsFixture.standardCopy(dir);
        Reports.render(dir, ReportOptions.defaults());
        List<Map<String, String>> rows = Csv.parse(Files.readString(dir.resolve("results.csv")));
        assertEquals(50, rows.size());
        assertEquals(List.of("point", "strategy", "width", "latency", "items", "ops_per_s", "ops_per_s_error",
                "items_per_s", "items_per_s_error", "efficiency", "ideal_ms",
                "service_p50_ms", "service_p90_ms", "service_p99_ms", "service_p999_ms", "service_max_ms",
                "sojourn_p50_ms", "sojourn_p90_ms", "sojourn_p99_ms", "sojourn_p999_ms", "sojourn_max_ms",
                "server_max_in_flight", "request_rate_per_s", "harness_bound"), List.copyOf(rows.getFirst().keySet()));
        // The latency spec has commas: it must come back whole.
        assertEquals(25, rows.stream().filter(r -> r.get("latency").equals("lognormal:20ms,p99=200ms")).count());

        // Every number matches jmh.json, the source.
        JsonObject jmhPoint = jmhPoint(dir, "worker-pool", "64", "lognormal:20ms,p99=200ms");
        Map<String, String> row = rows.stream().filter(r -> r.get("point")
                .equals(ResultsFixture.pointId("worker-pool", 64, "lognormal:20ms,p99=200ms", 200))).findFirst().orElseThrow();
        double ops = jmhPoint.getAsJsonObject("primaryMetric").get("score").getAsDouble();
        assertEquals(ops, Double.parseDouble(row.get("ops_per_s")), 1e-9);
        assertEquals(ops * 200, Double.parseDouble(row.get("items_per_s")), 1e-6);
        JsonObject secondary = jmhPoint.getAsJsonObject("secondaryMetrics");
        assertEquals(secondary.getAsJsonObject("sojourn.p999").get("score").getAsDouble(),
                Double.parseDouble(row.get("sojourn_p999_ms")), 1e-3);
        assertEquals(secondary.getAsJsonObject("server.maxInFlight").get("score").getAsDouble(),
                Double.parseDouble(row.get("server_max_in_flight")));
        assertEquals("false", row.get("harness_bound"));
    }

    @Test
    void reportMdHasATablePerProfileAndTheCalibrationAndEnvironment() throws Exception {
        String md = renderStandard(ReportOptions.defaults(), "report.md");
        for (String profile : List.of("fixed:20ms, 200 items", "lognormal:20ms,p99=200ms, 200 items")) {
            String table = section(md, "## " + profile);
            assertTrue(table.contains("| strategy | width 1 | width 4 | width 16 | width 64 | width 256 |"), table);
            for (String strategy : ResultsFixture.STRATEGIES) {
                assertTrue(table.contains("| " + strategy + " |"), strategy + " row missing in\n" + table);
            }
            assertEquals(5, table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| strategy")).count());
        }
        assertTrue(md.contains("## Harness calibration"));
        assertTrue(md.contains("5,120 requests/s"));
        assertTrue(md.contains("## Environment"));
        assertTrue(md.contains("25.0.3+9-LTS"));
        assertFalse(md.contains("†"), "no point of the standard fixture is harness-bound");
    }

    @Test
    void harnessBoundPointsAreMarkedWithAFootnote() throws Exception {
        // At 1 ms and width 64 the strategies outrun the harness: 200 requests take longer to answer than to wait for.
        new ResultsFixture().widths(List.of(1, 64, 256)).latencies(List.of("fixed:1ms")).writeTo(dir);
        Reports.render(dir, ReportOptions.defaults());
        List<Map<String, String>> rows = Csv.parse(Files.readString(dir.resolve("results.csv")));
        List<Map<String, String>> bound = rows.stream().filter(r -> r.get("harness_bound").equals("true")).toList();
        assertFalse(bound.isEmpty(), "the fixture should have harness-bound points at 1 ms");
        assertTrue(bound.size() < rows.size(), "and points that are not");
        String md = Files.readString(dir.resolve("report.md"));
        for (Map<String, String> r : rows) {
            String cell = cell(md, r.get("strategy"), List.of("1", "64", "256").indexOf(r.get("width")));
            assertEquals(r.get("harness_bound").equals("true"), cell.contains("†"), r.get("point") + ": " + cell);
        }
        assertTrue(md.contains("† harness-bound: the request rate reached 80% of the harness capacity"), md);
    }

    @Test
    void theRecommendationIsWhatTheDataSays() throws Exception {
        ResultsFixture.standardCopy(dir);
        double factor = 20; // 20 x 20 ms = 400 ms: several points of each profile qualify
        Reports.render(dir, ReportOptions.builder().latencyBoundFactor(factor).build());
        List<Map<String, String>> rows = Csv.parse(Files.readString(dir.resolve("results.csv")));
        String md = Files.readString(dir.resolve("report.md"));
        for (String latency : ResultsFixture.LATENCIES) {
            List<Map<String, String>> within = rows.stream()
                    .filter(r -> r.get("latency").equals(latency))
                    .filter(r -> Double.parseDouble(r.get("sojourn_p99_ms")) <= factor * 20)
                    .sorted(Comparator.comparingDouble((Map<String, String> r) -> Double.parseDouble(r.get("items_per_s"))).reversed())
                    .toList();
            Map<String, String> best = within.getFirst();
            Map<String, String> runnerUp = within.stream().filter(r -> !r.get("strategy").equals(best.get("strategy")))
                    .findFirst().orElseThrow();
            String line = md.lines().filter(l -> l.startsWith("- **" + latency)).findFirst().orElseThrow();
            assertTrue(line.startsWith("- **" + latency + ", 200 items: " + best.get("strategy") + " at width "
                    + best.get("width") + ".**"), line);
            assertTrue(line.contains("Runner-up: " + runnerUp.get("strategy") + " at width " + runnerUp.get("width")), line);
        }
    }

    @Test
    void withTheDefaultBoundTheStandardRunHasNoPickAndSaysSo() throws Exception {
        // A batch of 200 at width <= 256 cannot finish its p99 item within 3 x 20 ms on a 5,000 req/s harness.
        String md = renderStandard(ReportOptions.defaults(), "report.md");
        assertTrue(md.contains("- **fixed:20ms, 200 items: no point meets the bound.** No point keeps its p99 sojourn "
                + "latency within the bound of 60.0 ms (3 × the 20.0 ms median)."), md);
    }

    @Test
    void anInterruptedRunIsRenderedWithWhatFinishedAndSaysSo() throws Exception {
        new ResultsFixture().widths(List.of(1, 16)).latencies(List.of("fixed:20ms")).interruptedAfter(7).writeTo(dir);
        RenderedReport report = Reports.render(dir, ReportOptions.defaults());
        assertTrue(report.interrupted());
        assertEquals(7, report.pointsMeasured());
        assertEquals(10, report.pointsPlanned());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("**Interrupted: 7 of 10 points.**"), md);
        assertTrue(md.contains("— not measured: the run stopped before this point."), md);
        assertTrue(Files.readString(dir.resolve("index.html")).contains("Interrupted: 7 of 10 points. The run stopped early"));
        assertEquals(7, Csv.parse(Files.readString(dir.resolve("results.csv"))).size());
    }

    @Test
    void aRunInterruptedBeforeAnyPointFinishedStillRenders() throws Exception {
        new ResultsFixture().widths(List.of(1, 16)).latencies(List.of("fixed:20ms")).interruptedAfter(0).writeTo(dir);
        Files.delete(dir.resolve("jmh.json")); // JMH writes its file only at the end of its run
        RenderedReport report = Reports.render(dir, ReportOptions.defaults());
        assertEquals(0, report.pointsMeasured());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("**Interrupted: 0 of 10 points.**"), md);
        assertTrue(md.contains("No point finished: there is nothing to recommend yet."), md);
        assertEquals(1, Files.readAllLines(dir.resolve("results.csv")).size(), "the header alone");
    }

    @Test
    void theHtmlPageIsSelfContained() throws Exception {
        String html = renderStandard(ReportOptions.defaults(), "index.html");
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">"));
        assertTrue(html.contains(" * Chart.js v4.5.1"), "Chart.js is inlined");
        assertFalse(html.contains("sourceMappingURL"), "no source map to go looking for");
        // Nothing that loads: no external script, stylesheet, image, font, frame.
        Matcher loads = Pattern.compile("(?i)<(script|link|img|iframe|object|embed|source)\\b[^>]*\\b(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (loads.find()) {
            assertTrue(loads.group(3).startsWith("data:") || loads.group(3).startsWith("#"), "loads " + loads.group());
        }
        assertFalse(Pattern.compile("(?i)url\\(\\s*['\"]?(https?:|//)").matcher(html).find(), "no url() to the outside");
        assertFalse(html.contains("@import"));
        assertFalse(Pattern.compile("(?i)\\b(fetch|XMLHttpRequest)\\s*\\(").matcher(between(html, "id=\"report-data\"", "</html>")
                .replace(between(html, " * Chart.js v4.5.1", "</script>"), "")).find(), "the page script fetches nothing");

        JsonObject data = JsonParser.parseString(between(html, "<script type=\"application/json\" id=\"report-data\">", "</script>"))
                .getAsJsonObject();
        assertEquals(2, data.getAsJsonArray("profiles").size());
        JsonObject fixed = data.getAsJsonArray("profiles").get(0).getAsJsonObject();
        assertEquals(16, fixed.get("focusWidth").getAsInt());
        assertEquals(5, fixed.getAsJsonArray("timelines").size());
        assertEquals(5, fixed.getAsJsonArray("ideal").size(), "a fixed latency has an ideal line");
        assertTrue(data.getAsJsonArray("profiles").get(1).getAsJsonObject().get("ideal").isJsonNull(), "a lognormal one has not");
    }

    @Test
    void theTimelineWidthFallsBackToTheNearestMeasured() throws Exception {
        new ResultsFixture().strategies(List.of("semaphore")).widths(List.of(4, 64)).latencies(List.of("fixed:20ms")).writeTo(dir);
        Reports.render(dir, ReportOptions.builder().timelineWidth(32).build());
        String html = Files.readString(dir.resolve("index.html"));
        JsonObject profile = JsonParser.parseString(between(html, "id=\"report-data\">", "</script>")).getAsJsonObject()
                .getAsJsonArray("profiles").get(0).getAsJsonObject();
        assertEquals(64, profile.get("focusWidth").getAsInt());
        assertEquals(64, profile.getAsJsonArray("timelines").get(0).getAsJsonObject().get("slots").getAsInt());
    }

    /** Renders the standard fixture and returns one of the files written. */
    private String renderStandard(ReportOptions options, String file) throws Exception {
        Reports.render(ResultsFixture.standardCopy(dir), options);
        return Files.readString(dir.resolve(file));
    }

    private static JsonObject jmhPoint(Path dir, String strategy, String width, String latency) throws Exception {
        for (var e : JsonParser.parseString(Files.readString(dir.resolve("jmh.json"))).getAsJsonArray()) {
            JsonObject params = e.getAsJsonObject().getAsJsonObject("params");
            if (params.get("strategy").getAsString().equals(strategy) && params.get("width").getAsString().equals(width)
                    && params.get("latency").getAsString().equals(latency)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no such point in jmh.json");
    }

    /** The text from a heading line to the next heading. */
    private static String section(String md, String heading) {
        int start = md.indexOf(heading + "\n");
        assertTrue(start >= 0, "no heading " + heading);
        int end = md.indexOf("\n## ", start + heading.length());
        return md.substring(start, end < 0 ? md.length() : end);
    }

    /** The cell of a strategy's row, by column (0 = the first width). */
    private static String cell(String md, String strategy, int column) {
        String row = md.lines().filter(l -> l.startsWith("| " + strategy + " |")).findFirst().orElseThrow();
        return row.split(" \\| ")[column + 1];
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertTrue(start >= 0, "no " + from);
        start += from.length();
        return text.substring(start, text.indexOf(to, start));
    }
}
