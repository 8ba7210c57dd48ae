package dev.fanout.benchmarks.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--strategy nope                | fanout run: --strategy: unknown strategy 'nope'; valid strategies: sequential, all-at-once, semaphore, worker-pool, structured",
            "--strategy reactor-flatmap     | fanout run: --strategy: 'reactor-flatmap' is a peer, not a strategy (peers go to --peers in ./fanout bench); valid strategies: sequential,",
            "--client curl                  | fanout run: --client: unknown client 'curl'; valid clients: okhttp, jetty, jdk",
            "--workload net                 | fanout run: --workload: unknown workload 'net'; valid workloads: http, sim",
            "--workload sim --error-rate 0.1 | fanout run: --workload sim injects no faults (no server to misbehave); drop error=0.1 or use --workload http",
            "--latency fixed:20             | fanout run: malformed latency spec 'fixed:20'",
            "--latency gamma:1ms            | expected fixed:20ms | uniform:10ms..30ms | lognormal:20ms,p99=200ms | bimodal:10ms,500ms,0.01",
            "--width 0                      | fanout run: width must be at least 1, was 0",
            "--width -4                     | fanout run: width must be at least 1, was -4",
            "--width many                   | fanout run: Invalid value for option '--width'",
            "--items -1                     | fanout run: --items must be at least 0, was -1",
            "--error-rate 1.5               | fanout run: --error-rate must be between 0 and 1, was 1.5",
            "--disconnect-rate -0.1         | fanout run: --disconnect-rate must be between 0 and 1, was -0.1",
            "--stall-rate 2                 | fanout run: --stall-rate must be between 0 and 1, was 2.0",
            "--server-limit -1              | fanout run: --server-limit must be 0 (no limit) or more, was -1",
            "--timeout 5                    | fanout run: '5' is not a duration",
            "--timeout 0ms                  | fanout run: --timeout must be positive, was 0ms",
            "--order random                 | fanout run: --order must be input or completion, was 'random'",
            "--no-such-option               | fanout run: Unknown option: '--no-such-option'",
            "--strategy hedged --hedge-delay=-5ms | fanout run: --hedge-delay must be at least 0, was -5ms",
            "--strategy hedged --hedge-delay soon | fanout run: --hedge-delay must be a duration (50ms) or a percentile of the run's latencies (p95), was 'soon'",
            "--strategy hedged --hedge-delay p100 | fanout run: --hedge-delay: a percentile must be above p0 and below p100, was p100",
            "--strategy hedged --hedge-delay p0  | fanout run: --hedge-delay: a percentile must be above p0 and below p100, was p0",
            "--strategy hedged --hedge-budget 1.5 | fanout run: --hedge-budget must be between 0 and 1, was 1.5",
            "--strategy hedged --hedge-budget=-0.1 | fanout run: --hedge-budget must be between 0 and 1, was -0.1",
            "--strategy semaphore --hedge-delay 5ms | fanout run: --hedge-delay applies to --strategy hedged only, not semaphore",
            "--hedge-budget 0.1             | fanout run: --hedge-budget applies to --strategy hedged only, not semaphore",
            "--latency hdr:/no/such/file.hlog | fanout run: --latency hdr: cannot read /no/such/file.hlog (no such readable file)",
            "--rate 0/s                     | fanout run: --rate: rate must be more than 0 and at most 1e9 per second, was 0.0",
            "--rate=-5/s                    | fanout run: --rate: rate must be more than 0",
            "--rate 100                     | fanout run: --rate: expected R/s or R/s,burst=B (requests per second), got '100'",
            "--rate 100/s,burst=0           | fanout run: --rate: burst must be at least 1, was 0",
            "--server-rate 0/s              | fanout run: --server-rate: rate must be more than 0",
            "--workload sim --server-rate 10/s | fanout run: --workload sim has no server to refuse anything; drop --server-rate",
    })
    void badInputIsOneLineExitTwoAndWritesNothing(String args, String expected) {
        Path json = dir.resolve("run.json");
        List<String> argv = new java.util.ArrayList<>(List.of("run", "--json", json.toString()));
        argv.addAll(List.of(args.trim().split(" +")));
        CommandLineCapture result = CommandLineCapture.run(argv.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.err());
        String line = result.errorLine();
        assertTrue(line.contains(expected.trim()), "expected '" + expected.trim() + "' in: " + line);
        assertTrue(line.endsWith("(fanout run --help shows every option)"), line);
        assertFalse(Files.exists(json), "no JSON file may be left behind");
        assertEquals("", result.out());
    }

    @Test
    void saveLatencyWritesALogThatHdrReplaysAndRefusesAnEmptyOne() throws Exception {
        Path log = dir.resolve("service.hlog");
        CommandLineCapture recorded = CommandLineCapture.run("run", "--width", "8", "--items", "60", "--latency", "uniform:2ms..4ms",
                "--warmup", "50", "--save-latency", log.toString());
        assertEquals(0, recorded.exitCode(), recorded.err());
        assertTrue(recorded.out().contains("latency    60 round trips saved to " + log), recorded.out());
        CommandLineCapture replayed = CommandLineCapture.run("run", "--workload", "sim", "--width", "8", "--items", "60",
                "--latency", "hdr:" + log);
        assertEquals(0, replayed.exitCode(), replayed.err());
        assertTrue(replayed.out().contains("latency hdr:" + log.toAbsolutePath()), replayed.out());
        assertTrue(replayed.out().contains("60 succeeded"), replayed.out());

        Path empty = java.nio.file.Files.createFile(dir.resolve("empty.hlog"));
        Path json = dir.resolve("run.json");
        CommandLineCapture refused = CommandLineCapture.run("run", "--latency", "hdr:" + empty, "--json", json.toString(),
                "--save-latency", dir.resolve("again.hlog").toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.errorLine().contains("--latency hdr: " + empty + " holds no recorded latency"), refused.err());
        assertFalse(Files.exists(json));
        assertFalse(Files.exists(dir.resolve("again.hlog")));
        CommandLineCapture nowhere = CommandLineCapture.run("run", "--save-latency", dir.resolve("missing/s.hlog").toString());
        assertEquals(2, nowhere.exitCode());
        assertTrue(nowhere.errorLine().contains("--save-latency: the folder"), nowhere.err());
    }

    @Test
    void aRateKeepsTheServersQuotaWhereNoRateIsRefused() {
        CommandLineCapture limited = CommandLineCapture.run("run", "--strategy", "semaphore", "--width", "8", "--items", "40",
                "--latency", "fixed:2ms", "--warmup", "50", "--rate", "200/s", "--server-rate", "200/s");
        assertEquals(0, limited.exitCode(), limited.err());
        assertTrue(limited.out().contains("rate       --rate 200/s, server 200/s,burst=20: 40 requests in"), limited.out());
        assertTrue(limited.out().contains("40 succeeded"), limited.out());

        CommandLineCapture unlimited = CommandLineCapture.run("run", "--strategy", "semaphore", "--width", "8", "--items", "200",
                "--latency", "fixed:1ms", "--warmup", "50", "--server-rate", "1/s,burst=5");
        assertEquals(0, unlimited.exitCode(), unlimited.err());
        // the server's own count: its bucket of 5, and at most a permit a second after that
        assertTrue(unlimited.out().contains("the server refused 19"), unlimited.out());
    }

    @Test
    void jsonFolderThatDoesNotExistIsRejectedBeforeRunning() {
        CommandLineCapture result = CommandLineCapture.run("run", "--json", dir.resolve("missing/run.json").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.errorLine().contains("--json: the folder " + dir.resolve("missing") + " does not exist"), result.err());
    }

    @Test
    void runPrintsASummaryAndWritesTheJsonFieldsScriptsRelyOn() throws Exception {
        Path json = dir.resolve("run.json");
        CommandLineCapture result = CommandLineCapture.run("run", "--strategy", "worker-pool", "--width", "6", "--items", "40",
                "--latency", "fixed:5ms", "--error-rate", "0.1", "--warmup", "100", "--json", json.toString());
        assertEquals(0, result.exitCode(), result.err());
        for (String line : new String[]{"makespan", "outcomes", "service", "sojourn", "server", "harness"}) {
            assertTrue(result.out().contains(line), "summary line '" + line + "' missing:\n" + result.out());
        }
        JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("worker-pool", doc.get("strategy").getAsString());
        assertEquals(6, doc.get("width").getAsInt());
        assertEquals(40, doc.get("items").getAsInt());
        for (String field : new String[]{"makespanMs", "idealMs", "efficiency"}) {
            assertTrue(doc.get(field).getAsDouble() > 0, field);
        }
        JsonObject outcomes = doc.getAsJsonObject("outcomes");
        long sum = 0;
        for (String kind : new String[]{"success", "failed", "timedOut", "cancelled"}) {
            sum += outcomes.get(kind).getAsLong();
        }
        assertEquals(40, sum);
        for (String latency : new String[]{"serviceLatencyMs", "sojournLatencyMs"}) {
            JsonObject p = doc.getAsJsonObject(latency);
            for (String q : new String[]{"p50", "p90", "p99", "p999", "max"}) {
                assertTrue(p.get(q).getAsDouble() > 0, latency + "." + q);
            }
        }
        JsonObject server = doc.getAsJsonObject("server");
        assertEquals(40, server.get("requests").getAsLong());
        assertTrue(server.get("maxInFlight").getAsInt() <= 6);
        JsonObject status = server.getAsJsonObject("status");
        assertEquals(outcomes.get("failed").getAsLong(), status.has("500") ? status.get("500").getAsLong() : 0);
        JsonObject harness = doc.getAsJsonObject("harness");
        assertTrue(harness.get("overheadMs").getAsDouble() >= 0);
        assertTrue(harness.get("capacityRps").getAsDouble() > 0);
    }

    @Test
    void hedgedPrintsItsHedgesAndTheServersExtraRequests() throws Exception {
        Path json = dir.resolve("hedged.json");
        CommandLineCapture result = CommandLineCapture.run("run", "--strategy", "hedged", "--width", "8", "--items", "300",
                "--latency", "bimodal:5ms,400ms,0.05", "--hedge-delay", "30ms", "--hedge-budget", "0.1", "--warmup", "100",
                "--json", json.toString());
        assertEquals(0, result.exitCode(), result.err());
        for (String line : new String[]{"hedges ", "extra "}) {
            assertTrue(result.out().lines().anyMatch(l -> l.startsWith(line)), "summary line '" + line + "' missing:\n" + result.out());
        }
        JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonObject hedging = doc.getAsJsonObject("hedging");
        assertEquals("30ms", hedging.get("delay").getAsString());
        assertEquals(0.1, hedging.get("budget").getAsDouble());
        long started = hedging.get("started").getAsLong();
        assertTrue(started > 0, "5% of the calls take 400 ms; some must be hedged: " + hedging);
        assertTrue(hedging.get("won").getAsLong() + hedging.get("lost").getAsLong() <= started, hedging.toString());
        long requests = doc.getAsJsonObject("server").get("requests").getAsLong();
        assertEquals(requests - 300, doc.get("extraRequests").getAsLong());
        assertTrue(doc.get("extraRequests").getAsLong() <= started);
        assertTrue(doc.getAsJsonObject("server").get("maxInFlight").getAsInt() <= 8);
        assertEquals(300, doc.getAsJsonObject("outcomes").get("success").getAsLong());
    }

    @Test
    void otherStrategiesReportNoHedgingAndNoExtraRequests() throws Exception {
        Path json = dir.resolve("semaphore.json");
        CommandLineCapture result = CommandLineCapture.run("run", "--workload", "sim", "--width", "4", "--items", "20",
                "--latency", "fixed:1ms", "--json", json.toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertTrue(doc.get("hedging").isJsonNull());
        assertEquals(0, doc.get("extraRequests").getAsLong());
    }

    @Test
    void listNamesEveryStrategyAndEveryPeer() {
        CommandLineCapture result = CommandLineCapture.run("list");
        assertEquals(0, result.exitCode());
        List<String> names = new java.util.ArrayList<>(dev.fanout.strategies.StrategyRegistry.names());
        names.addAll(dev.fanout.benchmarks.peers.PeerRegistry.names());
        for (String name : names) {
            assertTrue(result.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + " missing:\n" + result.out());
        }
    }

    @Test
    void runOnTheSimWorkloadHasNoHarnessAndTheSimsOwnCount() throws Exception {
        Path json = dir.resolve("sim.json");
        CommandLineCapture result = CommandLineCapture.run("run", "--workload", "sim", "--strategy", "semaphore", "--width", "8",
                "--items", "40", "--latency", "fixed:5ms", "--json", json.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("sim (in-process, no sockets)"), result.out());
        JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("sim", doc.get("workload").getAsString());
        assertEquals("none", doc.get("client").getAsString());
        assertTrue(doc.get("harness").isJsonNull());
        assertEquals(40, doc.getAsJsonObject("server").get("requests").getAsLong());
        assertEquals(8, doc.getAsJsonObject("server").get("maxInFlight").getAsInt());
        assertTrue(doc.get("efficiency").getAsDouble() > 0);
    }

    /**
     * asyncio's question, answered by the JVM's own thread events: a semaphore parks a thread per call
     * in flight, async parks none (sim: the calls complete from one timer thread).
     */
    @Test
    void runCountsTheClientSideThreadsAndTheHeapPerCallInFlight() throws Exception {
        int width = 64;
        JsonObject semaphore = run("semaphore", width);
        JsonObject async = run("async", width);
        assertTrue(semaphore.getAsJsonObject("clientThreads").get("peak").getAsInt() >= width, semaphore.toString());
        assertTrue(async.getAsJsonObject("clientThreads").get("peak").getAsInt() <= 4, async.toString());
        for (JsonObject doc : List.of(semaphore, async)) {
            assertEquals(width, doc.getAsJsonObject("server").get("maxInFlight").getAsInt());
            assertTrue(doc.get("heapPerCallInFlightBytes").getAsDouble() >= 0, doc.toString());
            assertTrue(doc.get("slowCall").isJsonNull(), "no callAsync here blocks: " + doc);
        }
    }

    private JsonObject run(String strategy, int width) throws Exception {
        Path json = dir.resolve(strategy + "-threads.json");
        CommandLineCapture result = CommandLineCapture.run("run", "--workload", "sim", "--strategy", strategy, "--width",
                String.valueOf(width), "--items", String.valueOf(4 * width), "--latency", "fixed:50ms", "--footprint",
                "--json", json.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("threads    at most "), result.out());
        assertTrue(result.out().contains("bytes of live heap per call in flight"), result.out());
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    }

    /** async's calls in flight would each hold an OkHttp dispatcher thread: unless told, it runs on the non-blocking client. */
    @Test
    void asyncRunsOnTheNonBlockingClientUnlessAnotherIsNamed() throws Exception {
        for (String[] strategyAndClient : new String[][] {{"async", "jetty"}, {"semaphore", "okhttp"}}) {
            Path json = dir.resolve(strategyAndClient[0] + "-default-client.json");
            CommandLineCapture result = CommandLineCapture.run("run", "--strategy", strategyAndClient[0], "--width", "8", "--items", "32",
                    "--latency", "fixed:2ms", "--warmup", "100", "--json", json.toString());
            assertEquals(0, result.exitCode(), result.err());
            JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            assertEquals(strategyAndClient[1], doc.get("client").getAsString(), strategyAndClient[0]);
            assertEquals(strategyAndClient[1], doc.getAsJsonObject("harness").get("client").getAsString());
            assertEquals(32, doc.getAsJsonObject("server").get("status").getAsJsonObject().get("200").getAsLong(), doc.toString());
        }
    }

    @Test
    void runWithTheJdkClientCalibratesThatClient() throws Exception {
        Path json = dir.resolve("jdk.json");
        CommandLineCapture result = CommandLineCapture.run("run", "--client", "jdk", "--width", "4", "--items", "20",
                "--latency", "fixed:2ms", "--warmup", "100", "--json", json.toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("jdk", doc.get("client").getAsString());
        assertEquals("jdk", doc.getAsJsonObject("harness").get("client").getAsString());
        assertEquals(20, doc.getAsJsonObject("server").get("requests").getAsLong());
    }
}
