package dev.fanout.reports;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.reports.fixture.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input: each case renders a good report first (a small format 2 folder with peers, sim and
 * cost), breaks the folder, renders again, and expects a one-line error naming the file and the
 * previous report left byte for byte.
 */
class ReportsBadInputTest {

    private static final String SEMAPHORE_16 = ResultsFixture.httpId("semaphore", 16, "fixed:20ms");
    private static final String PEER_1 = ResultsFixture.httpId("jdk-virtual-threads", 1, "fixed:20ms");
    private static final List<String> REPORT_FILES = List.of("index.html", "report.md", "results.csv");

    @TempDir
    Path dir;

    /** Breaks a results folder in one way. */
    interface Breakage {
        void apply(Path folder) throws IOException;
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                Arguments.of("corrupt jmh.json", "jmh.json", "not valid JSON",
                        (Breakage) f -> Files.writeString(f.resolve("jmh.json"), "[{\"benchmark\": ,,, }")),
                Arguments.of("truncated jmh.json", "jmh.json", "not valid JSON (truncated or corrupt?)",
                        (Breakage) f -> truncate(f.resolve("jmh.json"), 0.6)),
                Arguments.of("jmh.json without a done point", "jmh.json", "has no result for point " + SEMAPHORE_16,
                        (Breakage) f -> removeJmhResult(f.resolve("jmh.json"), "semaphore", "16")),
                Arguments.of("jmh.json without a metric", "jmh.json", "has no secondary metric server.maxInFlight",
                        (Breakage) f -> replace(f.resolve("jmh.json"), "\"server.maxInFlight\"", "\"server.inFlight\"")),
                Arguments.of("missing .hlog", SEMAPHORE_16 + ".sojourn.hlog", "no such file",
                        (Breakage) f -> Files.delete(f.resolve("hdr").resolve(SEMAPHORE_16 + ".sojourn.hlog"))),
                Arguments.of("truncated .hlog", SEMAPHORE_16 + ".service.hlog", "does not decode (truncated or corrupt?)",
                        (Breakage) f -> truncate(f.resolve("hdr").resolve(SEMAPHORE_16 + ".service.hlog"), 0.9)),
                Arguments.of("corrupt .hlog", SEMAPHORE_16 + ".service.hlog", "not a readable HdrHistogram log",
                        (Breakage) f -> corruptPayload(f.resolve("hdr").resolve(SEMAPHORE_16 + ".service.hlog"))),
                Arguments.of("empty .hlog", SEMAPHORE_16 + ".service.hlog", "holds no histogram interval",
                        (Breakage) f -> Files.writeString(f.resolve("hdr").resolve(SEMAPHORE_16 + ".service.hlog"), "")),
                Arguments.of("older format", "manifest.json",
                        "results folder from an older format (format 0); run ./fanout bench again",
                        (Breakage) f -> replace(f.resolve("manifest.json"), "\"format\": 2", "\"format\": 0")),
                Arguments.of("newer format", "manifest.json",
                        "results folder from a newer format (format 3); this fanout reads formats 1 to 2: update fanout",
                        (Breakage) f -> replace(f.resolve("manifest.json"), "\"format\": 2", "\"format\": 3")),
                Arguments.of("no manifest", "manifest.json", "no such file: not a results folder, or one from before format 1",
                        (Breakage) f -> Files.delete(f.resolve("manifest.json"))),
                Arguments.of("manifest without format", "manifest.json", "has no \"format\"",
                        (Breakage) f -> replace(f.resolve("manifest.json"), "\"format\": 2,", "")),
                Arguments.of("unknown kind of point", "manifest.json",
                        "points[0]: \"kind\" must be strategy or peer, got 'yardstick'",
                        (Breakage) f -> replaceFirst(f.resolve("manifest.json"), "\"kind\": \"strategy\"", "\"kind\": \"yardstick\"")),
                Arguments.of("a peer point that names a strategy", "manifest.json",
                        "points[0].params: a peer point must not name a strategy ('sequential')",
                        (Breakage) f -> replaceFirst(f.resolve("manifest.json"), "\"kind\": \"strategy\"", "\"kind\": \"peer\"")),
                Arguments.of("a point without its kind", "manifest.json", "points[0]: \"kind\" is missing",
                        (Breakage) f -> replaceFirst(f.resolve("manifest.json"), "\"kind\": \"strategy\",", "")),
                Arguments.of("a section listing an unknown point", "manifest.json",
                        "sections[0]: lists the point 'no-such-point', which \"points\" does not have",
                        (Breakage) f -> replaceFirst(f.resolve("manifest.json"), "\"" + SEMAPHORE_16 + "\"", "\"no-such-point\"")),
                Arguments.of("no peer benchmark", "manifest.json", "benchmarks: \"peer\" is missing",
                        (Breakage) f -> replace(f.resolve("manifest.json"),
                                "\"peer\": \"" + ResultsFixture.PEER_BENCHMARK + "\"", "\"pear\": \"x\"")),
                Arguments.of("a peer's result under the strategy benchmark", "jmh.json", "has no result for point " + PEER_1,
                        (Breakage) f -> replace(f.resolve("jmh.json"), ResultsFixture.PEER_BENCHMARK, ResultsFixture.STRATEGY_BENCHMARK)),
                Arguments.of("calibration without capacity", "calibration.json", "\"capacityRps\" is missing",
                        (Breakage) f -> replace(f.resolve("calibration.json"), "\"capacityRps\"", "\"capacity\"")),
                Arguments.of("missing calibration", "calibration.json", "no such file",
                        (Breakage) f -> Files.delete(f.resolve("calibration.json"))),
                Arguments.of("missing timeline", SEMAPHORE_16 + ".json", "no such file",
                        (Breakage) f -> Files.delete(f.resolve("timelines").resolve(SEMAPHORE_16 + ".json"))),
                Arguments.of("index.html replaced by a folder", "index.html", "cannot be replaced by the report: it is a folder",
                        (Breakage) f -> {
                            Files.delete(f.resolve("index.html"));
                            Files.createDirectories(f.resolve("index.html").resolve("inside"));
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void aOneLineErrorNamingTheFileAndThePreviousReportUntouched(String name, String file, String problem, Breakage breakage)
            throws Exception {
        ResultsFixture.smallCopy(dir);
        Reports.render(dir, ReportOptions.defaults());
        Map<String, byte[]> before = reportBytes();

        breakage.apply(dir);
        ResultsException e = assertThrows(ResultsException.class, () -> Reports.render(dir, ReportOptions.defaults()));

        assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
        assertEquals(file, e.file().getFileName().toString(), e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        Map<String, byte[]> after = reportBytes();
        for (String f : before.keySet()) {
            if (after.containsKey(f)) {
                assertArrayEquals(before.get(f), after.get(f), f + " changed");
            }
        }
        assertEquals(before.size() - (name.startsWith("index.html") ? 1 : 0), after.size(), "report files kept");
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(), entries.filter(p -> p.getFileName().toString().startsWith(".report-")).toList(),
                    "the temporary folder is gone");
        }
    }

    @Test
    void aMissingFolderIsNamed() {
        Path missing = dir.resolve("no-such-run");
        ResultsException e = assertThrows(ResultsException.class, () -> Reports.render(missing, ReportOptions.defaults()));
        assertEquals(missing + ": no such folder", e.getMessage());
    }

    @Test
    void aFileInsteadOfAFolderIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("results.txt"), "hello");
        ResultsException e = assertThrows(ResultsException.class, () -> Reports.render(file, ReportOptions.defaults()));
        assertTrue(e.getMessage().startsWith(file + ": not a folder"), e.getMessage());
    }

    private Map<String, byte[]> reportBytes() throws IOException {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (String f : REPORT_FILES) {
            if (Files.isRegularFile(dir.resolve(f))) {
                bytes.put(f, Files.readAllBytes(dir.resolve(f)));
            }
        }
        return bytes;
    }

    private static void removeJmhResult(Path jmhJson, String strategy, String width) throws IOException {
        JsonArray results = JsonParser.parseString(Files.readString(jmhJson)).getAsJsonArray();
        JsonArray kept = new JsonArray();
        for (JsonElement r : results) {
            JsonObject params = r.getAsJsonObject().getAsJsonObject("params");
            if (!(params.has("strategy") && params.get("strategy").getAsString().equals(strategy)
                    && params.get("width").getAsString().equals(width) && params.get("workload").getAsString().equals("http"))) {
                kept.add(r);
            }
        }
        assertEquals(results.size() - 1, kept.size(), "the one http result removed");
        Files.writeString(jmhJson, kept.toString());
    }

    private static void truncate(Path file, double keep) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, (int) (bytes.length * keep)));
    }

    private static void replaceFirst(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        int at = text.indexOf(from);
        assertTrue(at >= 0, file + " has no " + from);
        Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has no " + from);
        Files.writeString(file, text.replace(from, to));
    }

    /** Flips characters in the middle of the second interval's base64 payload. */
    private static void corruptPayload(Path hlog) throws IOException {
        List<String> lines = Files.readAllLines(hlog);
        int interval = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("#") && !line.startsWith("\"") && !line.isBlank() && ++interval == 2) {
                int payload = line.lastIndexOf(',') + 1;
                int middle = payload + (line.length() - payload) / 2;
                lines.set(i, line.substring(0, middle) + "AAAAAAAAAAAAAAAA" + line.substring(middle + 16));
            }
        }
        Files.write(hlog, lines);
    }
}
