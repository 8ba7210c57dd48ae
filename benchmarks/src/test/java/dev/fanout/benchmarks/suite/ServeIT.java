package dev.fanout.benchmarks.suite;

import com.google.gson.JsonParser;
import dev.fanout.benchmarks.cli.IgnoredSigint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code fanout serve} from the real benchmarks.jar, in a JVM of its own, stopped the way a user
 * stops it: Ctrl-C (SIGINT). It still says what it saw and writes its stats file.
 */
class ServeIT {

    @TempDir
    Path dir;

    @Test
    void ctrlCStopsItAndItStillSaysWhatItSawAndWritesItsStats() throws Exception {
        // A process started with SIGINT ignored (under nohup, or a background job of a shell without
        // job control) passes that on to its children, and a JVM keeps it ignored: no Ctrl-C to test.
        assumeFalse(IgnoredSigint.inThisProcess(), "SIGINT is ignored in this process tree (nohup or a background job): Ctrl-C cannot"
                + " reach the server; run the suite in the foreground to test it");
        Path stats = dir.resolve("stats.json");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(java, "--enable-preview", "--sun-misc-unsafe-memory-access=allow",
                "-cp", BenchmarksJar.built().jar().toString(), "dev.fanout.benchmarks.cli.FanoutCli",
                "serve", "--latency", "fixed:1ms", "--stats-json", stats.toString())
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("serving http://127.0.0.1:"), "first line: " + first);
            String[] fields = first.split(" ");
            for (int n = 0; n < 3; n++) {
                HttpResponse<Void> item = http.send(HttpRequest.newBuilder(URI.create(fields[3].replace("{n}", String.valueOf(n))))
                        .build(), HttpResponse.BodyHandlers.discarding());
                assertEquals(200, item.statusCode());
            }
            Process ctrlC = new ProcessBuilder("kill", "-INT", String.valueOf(serve.pid())).start();
            assertEquals(0, ctrlC.waitFor());
            assertTrue(serve.waitFor(2, TimeUnit.MINUTES), "serve did not stop on SIGINT"); // liveness only
            assertEquals(130, serve.exitValue(), "128 + SIGINT, as a shell reports Ctrl-C");
            List<String> rest = out.lines().collect(Collectors.toList());
            assertTrue(rest.stream().anyMatch(l -> l.matches("served +\\d+\\.\\d s: 3 requests, 3 x 200, .*")), String.join("\n", rest));
            assertTrue(rest.stream().anyMatch(l -> l.startsWith("slept      3 delays")), String.join("\n", rest));
            assertEquals(3, JsonParser.parseString(Files.readString(stats)).getAsJsonObject().get("requests").getAsLong());
        } finally {
            serve.destroyForcibly();
        }
    }
}
