package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LatencyServer;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.RunSummary;
import dev.fanout.strategies.SemaphoreStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every HTTP client against the real latency server on loopback. The server's own records are the
 * evidence: what it counted, and which connections it saw closed.
 */
class ItemClientTest {

    private static final Duration LIVENESS = Duration.ofSeconds(20);

    private static LatencyServer server(String latency, Faults faults) throws Exception {
        return LatencyServer.builder().latency(LatencyProfile.parse(latency)).faults(faults).seed(9).start();
    }

    private static ItemClient client(String name, LatencyServer server, Duration requestTimeout) {
        return ItemClient.create(name, server.baseUri(), 16, requestTimeout);
    }

    /** Waits, for liveness only, until the condition holds. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LIVENESS.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + LIVENESS.toSeconds() + " s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"okhttp", "jetty", "jdk"})
    void aRoundTripAnswersTheStatusAndTheServerCountsIt(String name) throws Exception {
        try (LatencyServer server = server("fixed:1ms", Faults.NONE); ItemClient client = client(name, server, Duration.ZERO)) {
            assertEquals(name, client.name());
            for (long i = 0; i < 10; i++) {
                assertEquals(200, client.call(i));
            }
            for (long i = 10; i < 20; i++) {
                assertEquals(200, client.callAsync(i).get(LIVENESS.toSeconds(), TimeUnit.SECONDS));
            }
            ServerStats stats = server.stats();
            assertEquals(20, stats.requests());
            assertEquals(20, stats.status(200));
            assertEquals(1, stats.connectionsAccepted(), "one connection, kept alive and reused");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"okhttp", "jetty", "jdk"})
    void aStatusOtherThan2xxIsAFailureNamingIt(String name) throws Exception {
        try (LatencyServer server = server("fixed:0ms", new Faults(1.0, 0, 0, 0)); ItemClient client = client(name, server, Duration.ZERO)) {
            HttpStatusException blocking = assertThrows(HttpStatusException.class, () -> client.call(7L));
            assertEquals(500, blocking.status());
            assertEquals("HTTP 500 from /item/7", blocking.getMessage());
            ExecutionException async = assertThrows(ExecutionException.class, () -> client.callAsync(8L).get());
            assertEquals(500, assertInstanceOf(HttpStatusException.class, async.getCause()).status());
            assertEquals(2, server.stats().status(500));
        }
    }

    static Stream<Arguments> clientsAndThreads() {
        return Stream.of(Arguments.of("okhttp", true), Arguments.of("okhttp", false),
                Arguments.of("jetty", true), Arguments.of("jetty", false), Arguments.of("jdk", true), Arguments.of("jdk", false));
    }

    /**
     * The interrupt must abort the exchange, not leave it running: the call ends with
     * InterruptedException (had the exchange gone on, it would have returned 200 after the delay),
     * and the server sees the connection closed while the client itself stays open (had the client
     * kept the connection, it would stay open in its pool).
     */
    @ParameterizedTest(name = "{0}, virtual thread: {1}")
    @MethodSource("clientsAndThreads")
    void anInterruptAbortsTheCall(String name, boolean virtual) throws Exception {
        try (LatencyServer server = server("fixed:2s", Faults.NONE); ItemClient client = client(name, server, Duration.ZERO)) {
            AtomicReference<Object> ended = new AtomicReference<>();
            Thread caller = (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(() -> {
                try {
                    ended.set(client.call(1L));
                } catch (Exception e) {
                    ended.set(e);
                }
            });
            await(() -> server.stats().requests() == 1, "the request reaches the server");
            caller.interrupt();
            caller.join(LIVENESS);
            assertInstanceOf(InterruptedException.class, ended.get(), "the call must end by the interrupt, was " + ended.get());
            await(() -> server.stats().connectionsOpen() == 0, "the server sees the aborted connection closed");
            assertEquals(200, client.call(2L), "the client goes on, on a new connection");
            assertEquals(2, server.stats().connectionsAccepted());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"okhttp", "jetty", "jdk"})
    void cancellingTheFutureAbortsTheExchange(String name) throws Exception {
        try (LatencyServer server = server("fixed:2s", Faults.NONE); ItemClient client = client(name, server, Duration.ZERO)) {
            CompletableFuture<Integer> call = client.callAsync(1L);
            await(() -> server.stats().requests() == 1, "the request reaches the server");
            assertTrue(call.cancel(true));
            assertThrows(CancellationException.class, call::join);
            await(() -> server.stats().connectionsOpen() == 0, "the server sees the cancelled exchange's connection closed");
        }
    }

    /**
     * A dropped connection: OkHttp (retryOnConnectionFailure off) and Jetty fail the item and the server counts
     * one request each; the JDK client retries a GET once on a kept-alive connection, so the server
     * counts more requests than items. For all, every drop either was retried or failed an item.
     * Jetty, on a loaded machine, now and then also fails an item whose 200 the server sent while
     * connections were being dropped around it (1 of 200 items, in 3 of about 25 runs at a load
     * average of 20; never at 8): counted here as what it is, a 200 the client did not get.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"okhttp", "jetty", "jdk"})
    void aDroppedConnectionIsRetriedAsDocumented(String name) throws Exception {
        int items = 200;
        try (LatencyServer server = server("fixed:1ms", new Faults(0, 0.5, 0, 0));
             ItemClient client = ItemClient.create(name, server.baseUri(), 8, Duration.ofSeconds(10));
             Workload work = new HttpWorkload(server, client)) {
            FanOutMeasurement.Result result = FanOutMeasurement.measure(new SemaphoreStrategy(), FanOutOptions.builder().width(8).build(),
                    work, items, FanOutMeasurement.Order.COMPLETION, false, o -> { });
            RunSummary summary = result.summary();
            ServerStats stats = result.server();
            assertTrue(summary.failed() > 0 && summary.succeeded() > 0, summary.toString());
            long answeredButFailed = stats.status(200) - summary.succeeded();
            assertTrue(answeredButFailed >= 0, "every success is a 200 the server sent: " + summary + " " + stats);
            if (!name.equals("jetty")) {
                assertEquals(0, answeredButFailed, summary + " " + stats);
            }
            long retries = stats.requests() - items;
            assertEquals(stats.disconnected() - (summary.failed() - answeredButFailed), retries,
                    "each drop was either retried or failed its item");
            if (!name.equals("jdk")) {
                assertEquals(0, retries, name + " does not retry");
            } else {
                assertTrue(retries > 0, "the JDK client retries a GET on a kept-alive connection: " + stats);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"okhttp", "jetty", "jdk"})
    void aStallEndsWithTheRequestTimeoutNeverAHang(String name) throws Exception {
        try (LatencyServer server = server("fixed:0ms", new Faults(0, 0, 1.0, 0));
             ItemClient client = client(name, server, Duration.ofMillis(300))) {
            Exception blocking = assertThrows(Exception.class, () -> client.call(1L));
            assertInstanceOf(HttpTimeoutException.class, blocking, blocking.toString());
            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> client.callAsync(2L).get(LIVENESS.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(HttpTimeoutException.class, async.getCause(), async.getCause().toString());
            assertEquals(2, server.stats().stalled());
        }
    }
}
