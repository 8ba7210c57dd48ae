package dev.fanout.benchmarks.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LatencyServer;
import dev.fanout.benchmarks.server.ServerStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fanout run --target}: only ever against a server of this test, on loopback. */
class RunTargetTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--target http://127.0.0.1:9/item --width 4          | fanout run: --target: 'http://127.0.0.1:9/item' has no {n} for the item number; expected a URL such as http://127.0.0.1:8080/item/{n}",
            "--target ftp://127.0.0.1:9/item/{n} --width 4       | fanout run: --target: 'ftp://127.0.0.1:9/item/{n}' is not an http or https URL",
            "--target 127.0.0.1:9/item/{n} --width 4             | fanout run: --target: '127.0.0.1:9/item/{n}' is not an http or https URL",
            "--target http://{n}/item --width 4                  | fanout run: --target: 'http://{n}/item' has no host",
            "--target http://127.0.0.1:9/item/{n}                | fanout run: --target needs --width: how many requests the service may have in flight at once",
            "--target http://127.0.0.1:9/item/{n} --width 4 --latency fixed:5ms | fanout run: --target: --latency configure the local server, which --target does not start; drop it",
            "--target http://127.0.0.1:9/item/{n} --width 4 --seed 1 --error-rate 0.1 | fanout run: --target: --error-rate, --seed configure the local server",
            "--target http://127.0.0.1:9/item/{n} --width 4 --workload sim | fanout run: --target fans out over HTTP to the service; drop --workload sim",
            "--target http://127.0.0.1:9/item/{n} --width 0      | fanout run: width must be at least 1, was 0",
    })
    void badInputIsOneLineExitTwoAndSendsNothing(String args, String expected) {
        Path json = dir.resolve("run.json");
        List<String> argv = new ArrayList<>(List.of("run", "--json", json.toString()));
        argv.addAll(List.of(args.trim().split(" +")));
        CommandLineCapture result = CommandLineCapture.run(argv.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.err());
        String line = result.errorLine();
        assertTrue(line.startsWith(expected.trim()), "expected '" + expected.trim() + "' in: " + line);
        assertEquals("", result.out());
        assertFalse(Files.exists(json));
    }

    @Test
    void runsAgainstAServiceAndSaysWhatOnlyTheClientKnows() throws Exception {
        Path json = dir.resolve("target.json");
        try (LatencyServer service = LatencyServer.builder().latency(LatencyProfile.parse("fixed:3ms")).start()) {
            String items = service.baseUri() + "/item/{n}";
            CommandLineCapture result = CommandLineCapture.run("run", "--target", items, "--strategy", "worker-pool",
                    "--width", "4", "--items", "30", "--warmup", "200", "--json", json.toString());
            assertEquals(0, result.exitCode(), result.err());
            ServerStats seen = service.stats();
            assertEquals(30, seen.requests(), "the warm-up sends the target nothing");
            assertTrue(seen.maxInFlight() <= 4, "at most --width in flight: " + seen.maxInFlight());

            assertTrue(result.out().contains("target " + items), result.out());
            assertTrue(result.out().contains("(from the round trips measured)"), result.out());
            assertTrue(result.out().contains("30 succeeded, 0 failed"), result.out());
            assertFalse(result.out().lines().anyMatch(l -> l.startsWith("server ") || l.startsWith("harness ")),
                    "what only the local server knows is not shown:\n" + result.out());
            JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            assertEquals("target", doc.get("workload").getAsString());
            assertEquals(items, doc.get("target").getAsString());
            assertEquals("roundTrips", doc.get("idealFrom").getAsString());
            assertTrue(doc.get("server").isJsonNull());
            assertTrue(doc.get("harness").isJsonNull());
            assertTrue(doc.get("latency").isJsonNull());
            assertEquals(30, doc.getAsJsonObject("outcomes").get("success").getAsLong());
            assertTrue(doc.get("idealMs").getAsDouble() >= 3.0 * 30 / 4, "the ideal is at least the round trips over the width");
            assertTrue(doc.get("efficiency").getAsDouble() > 0);
        }
    }

    @Test
    void sendsAFewItemsUnlessToldHowMany() throws Exception {
        try (LatencyServer service = LatencyServer.builder().start()) {
            CommandLineCapture result = CommandLineCapture.run("run", "--target", service.baseUri() + "/item/{n}",
                    "--width", "2", "--warmup", "0");
            assertEquals(0, result.exitCode(), result.err());
            assertEquals(RunCommand.TARGET_ITEMS, service.stats().requests());
            assertTrue(service.stats().maxInFlight() <= 2, "at most --width in flight");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"okhttp", "jdk"})
    @Timeout(120) // a hang fails here; a refused connection fails at once
    void aTargetThatRefusesConnectionsFailsEveryItemNamingTheErrorExitOne(String client) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        CommandLineCapture result = CommandLineCapture.run("run", "--target", "http://127.0.0.1:" + port + "/item/{n}",
                "--client", client, "--width", "3", "--items", "6", "--warmup", "0", "--show-outcomes");
        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("0 succeeded, 6 failed"), result.out());
        List<String> items = result.out().lines().filter(l -> l.startsWith("item ")).toList();
        assertEquals(6, items.size(), result.out());
        items.forEach(l -> assertTrue(l.contains(" failed ") && l.contains("ConnectException"), l));
        assertTrue(result.out().contains("failed     6 x ConnectException"), result.out());
        assertTrue(result.err().contains("run: not one of 6 items succeeded against http://127.0.0.1:" + port + "/item/{n};"
                + " first failure: ConnectException"), result.err());
    }
}
