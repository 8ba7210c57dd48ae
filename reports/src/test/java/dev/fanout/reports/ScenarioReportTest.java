package dev.fanout.reports;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.reports.fixture.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark scenarios in the report: read from the manifest's "scenarios" and the contenders' files. */
class ScenarioReportTest {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    @TempDir
    Path dir;

    /** A contender's run as the fork writes it (docs/results-format.md). */
    private static JsonObject run(String id, long ok, long tooMany, double goodput, Double share, double p99, Double settledMs,
                                  List<double[]> series) {
        JsonObject r = new JsonObject();
        r.addProperty("contender", id);
        r.addProperty("requests", ok + tooMany);
        r.addProperty("ok", ok);
        r.addProperty("tooMany", tooMany);
        r.addProperty("makespanMs", 5000.0);
        r.addProperty("goodputPerSecond", goodput);
        JsonObject after = new JsonObject();
        after.addProperty("tooManyShare", share);
        JsonObject service = new JsonObject();
        service.addProperty("p50", 20.5);
        service.addProperty("p99", p99);
        after.add("serviceMs", service);
        r.add("afterFirstSecond", after);
        JsonArray phases = new JsonArray();
        JsonObject phase = new JsonObject();
        phase.addProperty("fromMs", 0);
        phase.addProperty("k", 24);
        phase.addProperty("settledWithin20PercentMs", settledMs);
        phase.addProperty("tooManyShare", share);
        phases.add(phase);
        r.add("phases", phases);
        JsonObject limit = new JsonObject();
        limit.add("series", GSON.toJsonTree(series));
        r.add("limit", limit);
        return r;
    }

    private static Map<String, Object> contender(String id, String label, String kind, int width, List<String> roles, boolean done) {
        return Map.of("id", id, "label", label, "kind", kind, "width", width, "roles", roles, "done", done,
                "file", "scenarios/limit-429/" + id + ".json");
    }

    private void addScenario(boolean netflixDone) throws Exception {
        ResultsFixture.standardCopy(dir);
        Path manifestFile = dir.resolve("manifest.json");
        JsonObject manifest = JsonParser.parseString(Files.readString(manifestFile)).getAsJsonObject();
        Map<String, Object> scenario = Map.of("name", "limit-429", "title", "Against a 429 limit",
                "description", "K = 24, unknown to the client.", "server", Map.of("latency", "fixed:20ms", "serverLimit", "24", "serverCapacity", "0"),
                "items", 6000, "measures", List.of("refusals", "goodput", "settle", "latency"),
                "contenders", List.of(contender("adaptive-aimd", "adaptive (aimd)", "strategy", 256, List.of(), true),
                        contender("netflix-aimd", "Netflix AIMDLimit", "yardstick", 256, List.of(), netflixDone),
                        contender("semaphore-w24", "semaphore 24", "strategy", 24, List.of("reference"), true)));
        manifest.add("scenarios", GSON.toJsonTree(List.of(scenario)));
        Files.writeString(manifestFile, GSON.toJson(manifest));
        Path files = Files.createDirectories(dir.resolve("scenarios/limit-429"));
        Files.writeString(files.resolve("adaptive-aimd.json"), GSON.toJson(run("adaptive-aimd", 5951, 49, 1120, 0.008, 24.1, 55.4,
                List.of(new double[] {0.2, 10}, new double[] {60, 26}, new double[] {70, 23}))));
        Files.writeString(files.resolve("netflix-aimd.json"), GSON.toJson(run("netflix-aimd", 4402, 1598, 749, 0.264, 183, null,
                List.of(new double[] {0.1, 10}, new double[] {80, 43}))));
        Files.writeString(files.resolve("semaphore-w24.json"), GSON.toJson(run("semaphore-w24", 6000, 0, 1160, 0.0, 23.0, 0.0,
                List.of(new double[] {0.1, 24}))));
    }

    @Test
    void eachScenarioIsATableOfItsContendersWithTheColumnsItsMeasuresAskFor() throws Exception {
        addScenario(true);
        Reports.render(dir, ReportOptions.defaults());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("### Against a 429 limit"), md);
        assertTrue(md.contains("| contender | 429s after 1 s | goodput (ok/s) | vs semaphore 24 | within 20% of 24 after | p50 / p99 after 1 s (ms) |"), md);
        assertTrue(md.contains("| adaptive (aimd) | 0.8% | 1,120 | ×0.97 | 55 ms | 20.5 / 24.1 |"), md);
        assertTrue(md.contains("| *Netflix AIMDLimit* | 26.4% | 749 | ×0.65 | never | 20.5 / 183 |"), md);
        assertTrue(md.contains("| semaphore 24 | 0.0% | 1,160 | ×1.00 | fixed at 24 | 20.5 / 23.0 |"), md);
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<section id=\"scenarios\">") && html.contains("data-charts=\"scenario-0\""));
        assertTrue(html.contains("\"scenarios\":[{\"title\":\"Against a 429 limit\""), "the chart's data is in the page");
    }

    @Test
    void aContenderNotDoneIsADashAndAFolderWithoutScenariosHasNoSection() throws Exception {
        addScenario(false);
        Files.delete(dir.resolve("scenarios/limit-429/netflix-aimd.json"));
        Reports.render(dir, ReportOptions.defaults());
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| *Netflix AIMDLimit* | — | — | — | — | — |"));

        Path plain = ResultsFixture.standardCopy(dir.resolve("plain"));
        Reports.render(plain, ReportOptions.defaults());
        assertTrue(!Files.readString(plain.resolve("report.md")).contains("## Scenarios"));
        assertTrue(!Files.readString(plain.resolve("index.html")).contains("<section id=\"scenarios\">"));
    }

    @Test
    void aDoneContenderWithoutItsFileIsAnErrorNamingTheFile() throws Exception {
        addScenario(true);
        Files.delete(dir.resolve("scenarios/limit-429/netflix-aimd.json"));
        ResultsException e = assertThrows(ResultsException.class, () -> Reports.render(dir, ReportOptions.defaults()));
        assertTrue(e.getMessage().contains("netflix-aimd.json") && e.getMessage().contains("says contender netflix-aimd of limit-429 is done"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
