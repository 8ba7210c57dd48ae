package dev.fanout.benchmarks.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fanout serve} in-process: the line scripts read, /stats while it runs, its end, and bad input. */
class ServeCommandTest {

    /** The first line's documented form. */
    static final Pattern URL_LINE = Pattern.compile("serving (http://127\\.0\\.0\\.1:(\\d+)) items (\\S+)");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--bind 0.0.0.0           | fanout serve: --bind 0.0.0.0 is not a loopback address: the server would take requests from the network; add --allow-remote if you mean it",
            "--port 70000             | fanout serve: --port: port must be between 0 and 65535, was 70000",
            "--port -1                | fanout serve: --port: port must be between 0 and 65535, was -1",
            "--latency fixed:20       | fanout serve: malformed latency spec 'fixed:20'",
            "--error-rate 1.5         | fanout serve: --error-rate must be between 0 and 1, was 1.5",
            "--server-limit -2        | fanout serve: --server-limit must be 0 (no limit) or more, was -2",
            "--duration 0s            | fanout serve: --duration must be positive, was 0s",
            "--duration soon          | fanout serve: --duration: 'soon' is not a duration",
            "--server-rate 0/s        | fanout serve: --server-rate: rate must be more than 0",
            "--server-rate 10         | fanout serve: --server-rate: expected R/s or R/s,burst=B",
            "--latency hdr:/no/such.hlog | fanout serve: --latency hdr: cannot read /no/such.hlog",
    })
    void badInputIsOneLineExitTwoAndStartsNothing(String args, String expected) {
        Path stats = dir.resolve("stats.json");
        List<String> argv = new ArrayList<>(List.of("serve", "--stats-json", stats.toString()));
        argv.addAll(List.of(args.trim().split(" +")));
        CommandLineCapture result = CommandLineCapture.run(argv.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.err());
        String line = result.errorLine();
        assertTrue(line.startsWith(expected.trim()), "expected '" + expected.trim() + "' in: " + line);
        assertTrue(line.endsWith("(fanout serve --help shows every option)"), line);
        assertEquals("", result.out(), "nothing may have started");
        assertFalse(Files.exists(stats));
    }

    @Test
    void aPortInUseIsOneLineNamingItAndStartsNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CommandLineCapture result = CommandLineCapture.run("serve", "--port", String.valueOf(port), "--duration", "1s");
            assertEquals(2, result.exitCode(), result.err());
            assertTrue(result.errorLine().startsWith("fanout serve: --port " + port + " is in use on 127.0.0.1"), result.err());
            assertEquals("", result.out());
        }
    }

    @Test
    void aStatsFileWhoseFolderIsMissingIsRejectedBeforeServing() {
        CommandLineCapture result = CommandLineCapture.run("serve", "--stats-json", dir.resolve("missing/stats.json").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.errorLine().contains("--stats-json: the folder " + dir.resolve("missing") + " does not exist"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void aServerRateAnswers429BeyondItsBucketAndSaysSo() throws Exception {
        CommandLineCapture.Running serve = CommandLineCapture.start("serve", "--latency", "fixed:1ms",
                "--server-rate", "0.01/s,burst=3", "--duration", "5s");
        Matcher m = URL_LINE.matcher(serve.awaitLine("serving ", Duration.ofSeconds(30)));
        assertTrue(m.matches());
        assertTrue(serve.awaitLine("latency ", Duration.ofSeconds(30)).contains("429 beyond 0.01/s,burst=3"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Integer> statuses = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            statuses.add(get(http, m.group(3).replace("{n}", String.valueOf(n))).statusCode());
        }
        assertEquals(List.of(200, 200, 200, 429, 429, 429), statuses, "a bucket of 3, then one permit per 100 s");
        serve.finish(Duration.ofSeconds(60));
    }

    @Test
    void servesItemsAndStatsUntilItsDurationThenSaysWhatItSawAndWritesIt() throws Exception {
        Path statsJson = dir.resolve("stats.json");
        CommandLineCapture.Running serve = CommandLineCapture.start("serve", "--latency", "fixed:2ms", "--error-rate", "0.2",
                "--duration", "5s", "--stats-json", statsJson.toString());
        String first = serve.awaitLine("serving ", Duration.ofSeconds(30));
        Matcher m = URL_LINE.matcher(first);
        assertTrue(m.matches(), "the first line's form: " + first);
        String base = m.group(1);
        assertEquals(base + "/item/{n}", m.group(3));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int answered = 0;
        for (int n = 0; n < 10; n++) {
            int status = get(http, m.group(3).replace("{n}", String.valueOf(n))).statusCode();
            assertTrue(status == 200 || status == 500, "status " + status);
            answered++;
        }
        HttpResponse<String> stats = get(http, base + "/stats");
        assertEquals(200, stats.statusCode());
        assertEquals("application/json", stats.headers().firstValue("Content-Type").orElse(""));
        JsonObject doc = JsonParser.parseString(stats.body()).getAsJsonObject();
        assertEquals(base, doc.get("baseUrl").getAsString());
        assertEquals(base + "/item/{n}", doc.get("itemUrl").getAsString());
        assertEquals("fixed:2ms", doc.get("latency").getAsString());
        assertEquals(answered, doc.get("requests").getAsLong(), "/stats itself is not counted");
        JsonObject status = doc.getAsJsonObject("status");
        long ok = status.has("200") ? status.get("200").getAsLong() : 0;
        long errors = status.has("500") ? status.get("500").getAsLong() : 0;
        assertEquals(answered, ok + errors);
        assertEquals(1, doc.get("maxInFlight").getAsInt(), "one request at a time");
        JsonObject slept = doc.getAsJsonObject("sleptMs");
        assertEquals(answered, slept.get("count").getAsLong(), "a 500 is slept too");
        assertTrue(slept.get("min").getAsDouble() >= 2.0, slept.toString());
        assertTrue(slept.get("p50").getAsDouble() >= 2.0, slept.toString());
        assertEquals(404, get(http, base + "/favicon.ico").statusCode());

        CommandLineCapture done = serve.finish(Duration.ofSeconds(60));
        assertEquals(0, done.exitCode(), done.err());
        List<String> lines = done.out().lines().toList();
        assertEquals(first, lines.getFirst(), "the URL line comes first");
        assertTrue(lines.stream().anyMatch(l -> l.matches("served +\\d+\\.\\d s: 10 requests, \\d+ x 200.*")), done.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("in flight  at most 1 at once")), done.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("slept      10 delays: p50 ")), done.out());
        JsonObject written = JsonParser.parseString(Files.readString(statsJson)).getAsJsonObject();
        assertEquals(answered, written.get("requests").getAsLong());
        assertEquals(base, written.get("baseUrl").getAsString());
        try (var leftovers = Files.list(dir)) {
            assertEquals(List.of(statsJson), leftovers.toList(), "no temporary file is left beside it");
        }
    }

    static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
