package dev.fanout.reports;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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
import java.util.Set;
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
        assertEquals(198, report.pointsMeasured());
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
        assertEquals(198, rows.size());
        assertEquals(List.of("point", "kind", "name", "workload", "client", "width", "latency", "items",
                "ops_per_s", "ops_per_s_error", "items_per_s", "items_per_s_error", "efficiency", "efficiency_error", "ideal_ms",
                "service_p50_ms", "service_p90_ms", "service_p99_ms", "service_p999_ms", "service_max_ms",
                "sojourn_p50_ms", "sojourn_p90_ms", "sojourn_p99_ms", "sojourn_p999_ms", "sojourn_max_ms",
                "server_max_in_flight", "request_rate_per_s", "harness_bound"), List.copyOf(rows.getFirst().keySet()));
        // The latency spec has commas: it must come back whole. 9 names x (5 http + 4 sim widths).
        assertEquals(81, rows.stream().filter(r -> r.get("latency").equals("lognormal:20ms,p99=200ms")).count());
        assertEquals(4 * (10 + 8 + 4), rows.stream().filter(r -> r.get("kind").equals("peer")).count());
        assertEquals(Set.of("http/okhttp", "sim/none"), rows.stream().map(r -> r.get("workload") + "/" + r.get("client"))
                .collect(java.util.stream.Collectors.toSet()));

        // Every number matches jmh.json, the source; a peer's too.
        for (String[] point : new String[][]{{"strategy", "worker-pool"}, {"peer", "jdk-fixed-pool"}}) {
            JsonObject jmhPoint = jmhPoint(dir, point[0], point[1], "64", "lognormal:20ms,p99=200ms");
            Map<String, String> row = rows.stream().filter(r -> r.get("point")
                    .equals(ResultsFixture.httpId(point[1], 64, "lognormal:20ms,p99=200ms"))).findFirst().orElseThrow();
            assertEquals(point[0], row.get("kind"));
            assertEquals(point[1], row.get("name"));
            double ops = jmhPoint.getAsJsonObject("primaryMetric").get("score").getAsDouble();
            assertEquals(ops, Double.parseDouble(row.get("ops_per_s")), 1e-9);
            assertEquals(ops * 200, Double.parseDouble(row.get("items_per_s")), 1e-6);
            JsonObject secondary = jmhPoint.getAsJsonObject("secondaryMetrics");
            assertEquals(secondary.getAsJsonObject("sojourn.p999").get("score").getAsDouble(),
                    Double.parseDouble(row.get("sojourn_p999_ms")), 1e-3);
            assertEquals(secondary.getAsJsonObject("efficiency").get("scoreError").getAsDouble(),
                    Double.parseDouble(row.get("efficiency_error")), 1e-3);
            assertEquals(secondary.getAsJsonObject("server.maxInFlight").get("score").getAsDouble(),
                    Double.parseDouble(row.get("server_max_in_flight")));
            assertEquals("false", row.get("harness_bound"));
        }
    }

    @Test
    void extraParamsAndSecondaryMetricsGetColumnsOfTheirOwn() throws Exception {
        new ResultsFixture().widths(List.of(16)).simWidths(List.of()).costWidths(List.of()).latencies(List.of("fixed:20ms"))
                .writeTo(dir);
        changeEveryJmhPoint(point -> {
            addSecondaryMetric(point, "sleep.overshoot", 0.07, "ms");
            point.getAsJsonObject("params").addProperty("warmup", "2000");
        });
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"latency\": \"fixed:20ms\",",
                "\"latency\": \"fixed:20ms\", \"warmup\": \"2000\","));

        Reports.render(dir, ReportOptions.defaults());
        List<Map<String, String>> rows = Csv.parse(Files.readString(dir.resolve("results.csv")));
        List<String> columns = List.copyOf(rows.getFirst().keySet());
        assertEquals("warmup", columns.get(8), "an extra param follows the usual ones");
        assertEquals("sleep_overshoot", columns.getLast(), "an extra metric comes last");
        assertTrue(rows.stream().allMatch(r -> r.get("warmup").equals("2000") && r.get("sleep_overshoot").equals("0.07")), rows.toString());
        assertTrue(Files.readString(dir.resolve("report.md")).contains("### fixed:20ms, warmup=2000"));
    }

    @Test
    void failedItemsShowInTheCellAndTheNoteOfBothReports() throws Exception {
        // a rate-limited target: a quarter of semaphore's items at width 16 answered 429
        new ResultsFixture().widths(List.of(16)).simWidths(List.of()).costWidths(List.of()).latencies(List.of("fixed:20ms"))
                .writeTo(dir);
        changeEveryJmhPoint(point -> {
            JsonObject params = point.getAsJsonObject("params");
            boolean semaphore = params.has("strategy") && "semaphore".equals(params.get("strategy").getAsString());
            addSecondaryMetric(point, "failedPerItem", semaphore ? 0.25 : 0.0, "failed/item");
        });

        Reports.render(dir, ReportOptions.defaults());
        String md = Files.readString(dir.resolve("report.md"));
        String row = md.lines().filter(l -> l.startsWith("| semaphore |")).findFirst().orElseThrow();
        assertTrue(row.contains(" · 25.0% failed"), row);
        assertEquals(1, md.lines().filter(l -> l.startsWith("| ") && l.contains("% failed")).count(), md);
        assertTrue(md.contains("A cell's \"x% failed\" is the share of its items that ended in a failure"), md);
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<span class=\"failed\""), "the html cell shows the share");
        assertTrue(html.contains("25.0% failed</span>"), "the html cell shows the share");
    }

    /** Rewrites the fixture's jmh.json with every point changed. */
    private void changeEveryJmhPoint(java.util.function.Consumer<JsonObject> change) throws Exception {
        Path jmhFile = dir.resolve("jmh.json");
        JsonArray jmh = JsonParser.parseString(Files.readString(jmhFile)).getAsJsonArray();
        for (JsonElement e : jmh) {
            change.accept(e.getAsJsonObject());
        }
        Files.writeString(jmhFile, jmh.toString());
    }

    private static void addSecondaryMetric(JsonObject point, String label, double score, String unit) {
        JsonObject metric = new JsonObject();
        metric.addProperty("score", score);
        metric.addProperty("scoreUnit", unit);
        point.getAsJsonObject("secondaryMetrics").add(label, metric);
    }

    @Test
    void reportMdHasATablePerLatencyWithHttpAboveSimAndThePeersAsTheirOwnBlock() throws Exception {
        String md = renderStandard(ReportOptions.defaults(), "report.md");
        String chapter = section(md, "## HTTP: a real client against the local latency server and Network-free: the same latencies in-process");
        for (String latency : ResultsFixture.LATENCIES) {
            String table = subsection(chapter, "### " + latency);
            assertTrue(table.contains("Workloads: http (okhttp) and sim, 200 items per batch."), table);
            assertTrue(table.contains("| name | workload | width 1 | width 4 | width 16 | width 64 | width 256 | width 1024 |"), table);
            List<String> rows = table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| name")).toList();
            // A group row for strategies and one for peers, and two lines per name: http, then sim.
            assertEquals(2 + 2 * 9, rows.size(), table);
            assertTrue(rows.getFirst().startsWith("| **strategies** | |"), rows.getFirst());
            int peersRow = rows.indexOf(rows.stream().filter(r -> r.startsWith("| **peers** |")).findFirst().orElseThrow());
            assertEquals(1 + 2 * 5, peersRow, "the peers' block follows every strategy");
            for (int i = 0; i < ResultsFixture.STRATEGIES.size(); i++) {
                assertTrue(rows.get(1 + 2 * i).startsWith("| " + ResultsFixture.STRATEGIES.get(i) + " | http (okhttp) |"), rows.get(1 + 2 * i));
                assertTrue(rows.get(2 + 2 * i).startsWith("|  | sim |"), rows.get(2 + 2 * i));
            }
            for (int i = 0; i < ResultsFixture.PEERS.size(); i++) {
                assertTrue(rows.get(peersRow + 1 + 2 * i).startsWith("| *" + ResultsFixture.PEERS.get(i) + "* | http (okhttp) |"));
            }
            // sim was not planned at width 4: an empty cell, not a dash.
            assertEquals("", rows.get(2).split("\\|")[4].strip(), rows.get(2));
            assertTrue(table.contains("At " + latency + " (http, okhttp), "), table);
            assertTrue(table.contains("At " + latency + " (sim), "), table);
            assertTrue(table.contains("http (okhttp) − sim: sim runs the same points in-process with no sockets"), table);
            assertTrue(table.contains("In italics, the peers: what a user writes without fanout"), table);
        }
        String cost = section(md, "## What a strategy costs per item");
        assertTrue(cost.contains("| name | width 1 | width 16 | width 256 | width 1024 |"), cost);
        assertTrue(cost.contains("| *jdk-virtual-threads* | 250,000 · ×1.00 |"), "the fastest peer is its own yardstick: " + cost);
        assertTrue(cost.contains("At fixed:0ms (sim), "), cost);
        assertFalse(cost.contains(" − sim:"), "no efficiency to compare at a zero latency");
        assertTrue(md.contains("## Harness calibration"));
        assertTrue(md.contains("5,120 requests/s"));
        assertTrue(md.contains("## Environment"));
        assertTrue(md.contains("25.0.3+9-LTS"));
        assertFalse(md.contains("†"), "no point of the standard fixture is harness-bound");
        assertFalse(md.contains("‡"), "nor beyond its ideal");
    }

    @Test
    void aFormat1FolderStillRendersItsStrategiesOverHttpThroughTheJdkClient() throws Exception {
        new ResultsFixture().format1().writeTo(dir);
        RenderedReport report = Reports.render(dir, ReportOptions.defaults());
        assertEquals(50, report.pointsMeasured());
        String md = Files.readString(dir.resolve("report.md"));
        String table = section(md, "## HTTP: a real client against the local latency server");
        assertTrue(table.contains("### fixed:20ms\n\nWorkload: http (jdk), 200 items per batch."), table);
        assertTrue(table.contains("| name | width 1 | width 4 | width 16 | width 64 | width 256 |"), table);
        assertFalse(table.contains("**peers**"), "no peers, no group rows");
        assertFalse(table.contains("best peer"), "no peers, no sentence");
        assertTrue(md.contains("- **fixed:20ms, http (jdk), 200 items: "), md);
        List<Map<String, String>> rows = Csv.parse(Files.readString(dir.resolve("results.csv")));
        assertTrue(rows.stream().allMatch(r -> r.get("kind").equals("strategy") && r.get("client").equals("jdk")));
    }

    @Test
    void harnessBoundPointsAreMarkedWithAFootnote() throws Exception {
        // At 1 ms and width 64 the strategies outrun the harness: 200 requests take longer to answer than to wait for.
        new ResultsFixture().httpStrategiesOnly().widths(List.of(1, 64, 256)).latencies(List.of("fixed:1ms")).writeTo(dir);
        Reports.render(dir, ReportOptions.defaults());
        List<Map<String, String>> rows = Csv.parse(Files.readString(dir.resolve("results.csv")));
        List<Map<String, String>> bound = rows.stream().filter(r -> r.get("harness_bound").equals("true")).toList();
        assertFalse(bound.isEmpty(), "the fixture should have harness-bound points at 1 ms");
        assertTrue(bound.size() < rows.size(), "and points that are not");
        String md = Files.readString(dir.resolve("report.md"));
        for (Map<String, String> r : rows) {
            String cell = cell(md, r.get("name"), List.of("1", "64", "256").indexOf(r.get("width")));
            assertEquals(r.get("harness_bound").equals("true"), cell.contains("†"), r.get("point") + ": " + cell);
        }
        assertTrue(md.contains("† harness-bound: the request rate reached 80% of the harness capacity"), md);
    }

    @Test
    void thePickIsTheBoundedStrategyClosestToTheIdealWithItsReasonAndNeverAPeer() throws Exception {
        ResultsFixture.standardCopy(dir);
        Reports.render(dir, ReportOptions.defaults());
        List<Map<String, String>> rows = Csv.parse(Files.readString(dir.resolve("results.csv")));
        String md = Files.readString(dir.resolve("report.md"));
        int checked = 0;
        for (String latency : ResultsFixture.LATENCIES) {
            for (String workload : List.of("http (okhttp)", "sim")) {
                // The highest mean efficiency over its widths, of the strategies that keep to the width and use it.
                Map<String, List<Double>> efficiencies = new java.util.TreeMap<>();
                rows.stream()
                        .filter(r -> r.get("latency").equals(latency) && workload.startsWith(r.get("workload")))
                        .filter(r -> r.get("kind").equals("strategy"))
                        .filter(r -> !List.of("all-at-once", "sequential", "chunked").contains(r.get("name")))
                        .forEach(r -> efficiencies.computeIfAbsent(r.get("name"), n -> new java.util.ArrayList<>())
                                .add(Double.parseDouble(r.get("efficiency"))));
                String leader = efficiencies.entrySet().stream()
                        .max(Comparator.comparingDouble(e -> e.getValue().stream().mapToDouble(d -> d).average().orElseThrow()))
                        .orElseThrow().getKey();
                String profile = latency + ", " + workload + ", 200 items";
                String line = md.lines().filter(l -> l.startsWith("- **" + profile)).findFirst().orElseThrow();
                String best = line.substring(("- **" + profile + ": ").length(), line.indexOf(".**"));
                assertTrue(efficiencies.containsKey(best), "a bounded strategy: " + line);
                if (best.equals(leader)) {
                    assertTrue(line.contains(".** Closest to the ideal of the bounded strategies: efficiency "), line);
                } else {
                    // A simpler strategy level with the leader: semaphore, structured, async, worker-pool, adaptive, hedged.
                    List<String> simplestFirst = List.of("semaphore", "structured", "async", "worker-pool", "adaptive", "hedged");
                    assertTrue(simplestFirst.indexOf(best) < simplestFirst.indexOf(leader), line);
                    assertTrue(line.contains(".** The simplest of the bounded strategies that came level with the closest to "
                            + "the ideal, " + leader + " (mean efficiency "), line);
                }
                assertTrue(line.contains(" The best peer, "), line);
                String where = latency + " (" + (workload.startsWith("http") ? "http, okhttp" : "sim") + ")";
                String reason = line.substring(line.indexOf(".** ") + 4);
                assertTrue(md.contains("\n**Pick at " + where + ": " + best + ".** " + reason + "\n"),
                        "the same reason is printed under the table: " + where);
                checked++;
            }
        }
        assertEquals(4, checked);
        assertTrue(md.contains("\n**No pick at fixed:0ms (sim).** With no-op tasks the ideal is 0"), md);
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<p class=\"sentence pick-reason\"><strong>Pick at fixed:20ms (http, okhttp): "), "the page too");
        assertTrue(html.contains("<td class=\"chosen\" title=\"the pick\">"), "and marks the pick's cells");
    }

    @Test
    void aStrategyWithAPointBeyondItsIdealIsFlaggedWithAFootnoteAndNeverPicked() throws Exception {
        // The calibration claims half the harness's real capacity: the calibrated ideal of a batch the harness
        // carries is then too long, and efficiency above 1.0 follows, as the calibration's mistake.
        new ResultsFixture().strategies(List.of("sequential", "semaphore", "structured")).widths(List.of(1, 64, 256))
                .simWidths(List.of()).costWidths(List.of()).latencies(List.of("fixed:1ms")).calibratedCapacity(2500).writeTo(dir);
        Reports.render(dir, ReportOptions.defaults());
        List<Map<String, String>> rows = Csv.parse(Files.readString(dir.resolve("results.csv")));
        List<Map<String, String>> beyond = rows.stream()
                .filter(r -> Double.parseDouble(r.get("efficiency")) - Double.parseDouble(r.get("efficiency_error")) > 1.0).toList();
        assertFalse(beyond.isEmpty(), "the fixture should have points beyond their ideal: " + rows);
        assertTrue(beyond.size() < rows.size());
        String md = Files.readString(dir.resolve("report.md"));
        List<String> widths = List.of("1", "64", "256");
        for (Map<String, String> r : rows) {
            String cell = cell(md, r.get("kind").equals("peer") ? "*" + r.get("name") + "*" : r.get("name"),
                    widths.indexOf(r.get("width")));
            assertEquals(beyond.contains(r), cell.contains("‡"), r.get("point") + ": " + cell);
        }
        assertTrue(md.contains("‡ efficiency above 1.0 by more than its error: no code beats the ideal, so the ideal (the "
                + "calibration) is wrong at this point; shown, never picked."), md);
        String pick = md.lines().filter(l -> l.startsWith("- **fixed:1ms")).findFirst().orElseThrow();
        List<String> beyondStrategies = beyond.stream().filter(r -> r.get("kind").equals("strategy"))
                .map(r -> r.get("name")).filter(n -> !n.equals("sequential")).distinct().toList();
        assertFalse(beyondStrategies.isEmpty(), "a bounded strategy has a point beyond its ideal: " + beyond);
        for (String name : beyondStrategies) {
            assertFalse(pick.startsWith("- **fixed:1ms, http (okhttp), 200 items: " + name + ".**"), pick);
            assertTrue(pick.substring(pick.indexOf("Left out: ")).contains(name), pick);
        }
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<td class=\"beyond\""));
    }

    @Test
    void anInterruptedRunIsRenderedWithWhatFinishedAndSaysSo() throws Exception {
        new ResultsFixture().httpStrategiesOnly().widths(List.of(1, 16)).latencies(List.of("fixed:20ms"))
                .interruptedAfter(7).writeTo(dir);
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
        new ResultsFixture().httpStrategiesOnly().widths(List.of(1, 16)).latencies(List.of("fixed:20ms"))
                .interruptedAfter(0).writeTo(dir);
        Files.delete(dir.resolve("jmh.json")); // JMH writes its file only at the end of its run
        RenderedReport report = Reports.render(dir, ReportOptions.defaults());
        assertEquals(0, report.pointsMeasured());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("**Interrupted: 0 of 10 points.**"), md);
        assertTrue(md.contains("No point finished: there is nothing to pick from yet."), md);
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
        JsonArray profiles = data.getAsJsonArray("profiles");
        assertEquals(List.of("fixed:20ms, http (okhttp), 200 items", "fixed:20ms, sim, 200 items",
                "lognormal:20ms,p99=200ms, http (okhttp), 200 items", "lognormal:20ms,p99=200ms, sim, 200 items",
                "fixed:0ms, sim, 2000 items"), profiles.asList().stream().map(p -> p.getAsJsonObject().get("title").getAsString()).toList(),
                "http and sim of a latency side by side");
        JsonObject fixed = profiles.get(0).getAsJsonObject();
        assertEquals(16, fixed.get("focusWidth").getAsInt());
        assertEquals(9, fixed.getAsJsonArray("timelines").size(), "a timeline per strategy and per peer");
        assertEquals("peer", fixed.getAsJsonArray("series").get(5).getAsJsonObject().get("kind").getAsString());
        assertEquals(5, fixed.getAsJsonArray("ideal").size(), "a fixed latency has an ideal line");
        assertTrue(profiles.get(1).getAsJsonObject().get("timelines").isJsonNull(), "sim draws the same shapes: no timelines");
        assertTrue(profiles.get(2).getAsJsonObject().get("ideal").isJsonNull(), "a lognormal latency has no ideal line");
        assertTrue(profiles.get(4).getAsJsonObject().get("zeroLatency").getAsBoolean());
        assertTrue(profiles.get(4).getAsJsonObject().get("ideal").isJsonNull(), "nor has a zero one");
        assertEquals(9, data.getAsJsonArray("names").size());

        // The peers are a block of their own in every table, after the strategies.
        Matcher peerBlocks = Pattern.compile("(?s)<tbody class=\"peers\">(.*?)</tbody>").matcher(html);
        int blocks = 0;
        while (peerBlocks.find()) {
            blocks++;
            for (String strategy : ResultsFixture.STRATEGIES) {
                assertFalse(peerBlocks.group(1).contains(">" + strategy + "<"), strategy + " among the peers");
            }
            for (String peer : ResultsFixture.PEERS) {
                assertTrue(peerBlocks.group(1).contains(">" + peer + "</td>"), peer);
            }
        }
        assertEquals(3, blocks);
        assertTrue(html.indexOf("<tbody class=\"strategies\">") < html.indexOf("<tbody class=\"peers\">"));

    }

    @Test
    void theTimelineWidthFallsBackToTheNearestMeasured() throws Exception {
        new ResultsFixture().httpStrategiesOnly().strategies(List.of("semaphore")).widths(List.of(4, 64))
                .latencies(List.of("fixed:20ms")).writeTo(dir);
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

    private static JsonObject jmhPoint(Path dir, String kind, String name, String width, String latency) throws Exception {
        for (var e : JsonParser.parseString(Files.readString(dir.resolve("jmh.json"))).getAsJsonArray()) {
            JsonObject params = e.getAsJsonObject().getAsJsonObject("params");
            if (params.has(kind) && params.get(kind).getAsString().equals(name) && params.get("width").getAsString().equals(width)
                    && params.get("latency").getAsString().equals(latency) && params.get("workload").getAsString().equals("http")) {
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

    /** The text from a third-level heading to the next heading of that level or above. */
    private static String subsection(String md, String heading) {
        int start = md.indexOf(heading + "\n");
        assertTrue(start >= 0, "no heading " + heading);
        int end = md.indexOf("\n### ", start + heading.length());
        int chapterEnd = md.indexOf("\n## ", start + heading.length());
        end = end < 0 ? chapterEnd : chapterEnd < 0 ? end : Math.min(end, chapterEnd);
        return md.substring(start, end < 0 ? md.length() : end);
    }

    /** The cell of a row (the first line of its name), by column (0 = the first width). */
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
