package dev.fanout.benchmarks.examples;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LatencyServer;
import dev.fanout.benchmarks.server.LatencyService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Python asyncio originals in {@code examples/asyncio/}, each run against the latency server
 * (on loopback, in this JVM): its one line in the documented form, and the server's own count of
 * what it had in flight. Skipped, with the reason, where no python3 can import aiohttp.
 */
class AsyncioExamplesTest {

    private static final Pattern LINE = Pattern.compile("idiom=(\\S+) items=(\\d+) width=(\\d+) makespan_ms=(\\d+\\.\\d) "
            + "items_per_s=(\\d+\\.\\d) ok=(\\d+) failed=(\\d+) timed_out=(\\d+) cancelled=(\\d+)");
    private static final int ITEMS = 12;
    private static final int WIDTH = 3;

    private static Path examples;
    private static String python;
    private static LatencyService service;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPythonAndStartTheServer() throws Exception {
        examples = examplesFolder();
        python = pythonWithAiohttp();
        if (python != null) {
            service = LatencyService.start(LatencyServer.builder().latency(LatencyProfile.parse("fixed:5ms")));
        }
    }

    @AfterAll
    static void stopTheServer() {
        if (service != null) {
            service.close();
        }
    }

    private static void assumePython() {
        assumeTrue(python != null, "no python3 here can import aiohttp (tried $PYTHON, python3, /usr/bin/python3);"
                + " apt-get install python3-aiohttp runs these tests");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "await_loop,        await-loop,        1",
            "create_task,       create-task,       " + ITEMS,
            "gather,            gather,            " + ITEMS,
            "gather_semaphore,  gather-semaphore,  " + WIDTH,
            "worker_pool,       worker-pool,       " + WIDTH,
            "taskgroup_timeout, taskgroup-timeout, " + WIDTH,
            "as_completed,      as-completed,      " + WIDTH,
    })
    void eachIdiomFansOutToTheServerAndPrintsItsLine(String script, String idiom, int bound) throws Exception {
        assumePython();
        service.reset();
        String itemUrl = service.server().baseUri() + "/item/{n}";
        Finished run = python(Map.of(), script + ".py", itemUrl, String.valueOf(ITEMS), String.valueOf(WIDTH));
        LatencyService.Snapshot seen = service.reset();

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.out().lines().count(), "one line:\n" + run.out());
        Matcher m = LINE.matcher(run.out().strip());
        assertTrue(m.matches(), "the documented form: " + run.out());
        assertEquals(idiom, m.group(1));
        assertEquals(List.of(String.valueOf(ITEMS), String.valueOf(WIDTH), String.valueOf(ITEMS), "0", "0", "0"),
                List.of(m.group(2), m.group(3), m.group(6), m.group(7), m.group(8), m.group(9)));
        assertEquals(ITEMS, seen.server().requests(), "the server's own count");
        assertTrue(seen.server().maxInFlight() <= bound, idiom + " had " + seen.server().maxInFlight() + " in flight, bound " + bound);
        if (bound == 1) {
            assertEquals(1, seen.server().maxInFlight());
        }
    }

    @Test
    void aCallPastItsTimeoutIsTimedOutAndARefusedOneFailed() throws Exception {
        assumePython();
        try (LatencyService slow = LatencyService.start(LatencyServer.builder().latency(LatencyProfile.parse("fixed:2s")))) {
            Finished timedOut = python(Map.of(), "taskgroup_timeout.py", slow.server().baseUri() + "/item/{n}", "4", "2",
                    "--timeout", "0.05");
            assertEquals(1, timedOut.exit(), "nothing succeeded: " + timedOut.out() + timedOut.err());
            assertTrue(timedOut.out().contains(" ok=0 failed=0 timed_out=4 cancelled=0"), timedOut.out());
        }
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Finished refused = python(Map.of(), "gather.py", "http://127.0.0.1:" + port + "/item/{n}", "3", "3");
        assertEquals(1, refused.exit());
        assertTrue(refused.out().contains(" ok=0 failed=3 timed_out=0 cancelled=0"), refused.out());
    }

    @Test
    void withoutAiohttpAScriptSaysHowToInstallIt() throws Exception {
        assumePython();
        Files.writeString(dir.resolve("aiohttp.py"), "raise ImportError('hidden by the test')\n");
        Finished run = python(Map.of("PYTHONPATH", dir.toString()), "gather.py", "http://127.0.0.1:9/item/{n}", "1", "1");
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("this script needs aiohttp"), run.err());
        assertTrue(run.err().contains("apt-get install python3-aiohttp"), run.err());
    }

    private static final Pattern TASKS_LINE = Pattern.compile("idiom=tasks-in-flight workload=(sim|http) items=(\\d+) width=(\\d+)"
            + " makespan_ms=\\S+ items_per_s=\\S+ ok=(\\d+) failed=(\\d+) in_flight_peak=(\\d+) heap_per_task_bytes=(\\d+|-)"
            + " threads=(\\d+) cpu_us_per_call=\\d+\\.\\d sojourn_p99_ms=\\d+\\.\\d");

    /**
     * tasks_in_flight.py, the asyncio column of docs/guide/threads-or-futures.md: on one event loop, at
     * most its width in flight (its own count and, over http, the server's), every item answered, one
     * thread, and a heap reading per task with tracemalloc (none when told not to trace).
     */
    @Test
    void tasksInFlightCountsWhatATaskCostsOnOneEventLoop() throws Exception {
        assumePython();
        Finished sim = python(Map.of(), "tasks_in_flight.py", "sim", "40", "8", "--latency-ms", "5");
        assertEquals(0, sim.exit(), sim.err());
        Matcher m = TASKS_LINE.matcher(sim.out().strip());
        assertTrue(m.matches(), "the documented form: " + sim.out());
        assertEquals(List.of("sim", "40", "8", "40", "0", "8", "1"),
                List.of(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(8)));
        assertTrue(Double.parseDouble(m.group(7)) > 0, "tracemalloc saw the tasks in flight: " + sim.out());

        service.reset();
        Finished http = python(Map.of(), "tasks_in_flight.py", service.server().baseUri() + "/item/{n}", String.valueOf(ITEMS),
                String.valueOf(WIDTH), "--no-tracemalloc");
        LatencyService.Snapshot seen = service.reset();
        assertEquals(0, http.exit(), http.err());
        Matcher h = TASKS_LINE.matcher(http.out().strip());
        assertTrue(h.matches(), "the documented form: " + http.out());
        assertEquals(List.of("http", String.valueOf(ITEMS), "-"), List.of(h.group(1), h.group(4), h.group(7)));
        assertEquals(ITEMS, seen.server().requests(), "the server's own count");
        assertTrue(seen.server().maxInFlight() <= WIDTH, "the server saw " + seen.server().maxInFlight() + " in flight");

        Finished bad = python(Map.of(), "tasks_in_flight.py", "sim", "3", "0");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("WIDTH must be at least 1, was 0"), bad.err());
    }

    @Test
    void badArgumentsExitTwoNamingThem() throws Exception {
        assumePython();
        Finished run = python(Map.of(), "gather_semaphore.py", "http://127.0.0.1:9/item", "3", "2");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("ITEM_URL must be an http or https URL with {n} in it"), run.err());
    }

    record Finished(int exit, String out, String err) {
    }

    private static Finished python(Map<String, String> env, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, examples.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("asyncio-out", ".txt");
        Path err = Files.createTempFile("asyncio-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) { // liveness only
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish: " + Files.readString(err));
            }
            return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** @return the first of $PYTHON, python3, /usr/bin/python3 that imports aiohttp, or null */
    private static String pythonWithAiohttp() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String fromEnvironment = System.getenv("PYTHON");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            candidates.add(fromEnvironment);
        }
        candidates.addAll(List.of("python3", "/usr/bin/python3"));
        for (String candidate : candidates) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import aiohttp").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
                probe.destroyForcibly();
            } catch (IOException notThere) {
                // no such interpreter: try the next
            }
        }
        return null;
    }

    private static Path examplesFolder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("examples").resolve("asyncio");
            if (Files.isRegularFile(candidate.resolve("_common.py"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/asyncio not found above " + Path.of("").toAbsolutePath());
    }
}
