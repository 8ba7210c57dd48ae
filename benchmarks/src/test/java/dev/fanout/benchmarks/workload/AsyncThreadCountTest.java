package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.core.FanOutOptions;
import dev.fanout.strategies.AsyncStrategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a non-blocking client is for: {@code async}'s calls in flight hold no thread. At width 1,024
 * against the real latency server, the client side keeps at most {@value #MOST_CLIENT_THREADS}
 * threads alive (the thread census, which counts virtual threads too) while the server itself has
 * many times that in flight at once, and every item is answered. The same fan-out over OkHttp's
 * {@code enqueue} is the census's counter-check: there each call in flight holds a dispatcher thread.
 * Counted, not timed: the server's own records and the JVM's thread events are the evidence.
 */
class AsyncThreadCountTest {

    private static final int WIDTH = 1024;
    private static final int MOST_CLIENT_THREADS = 8;

    /**
     * @param threads      the census of the fan-out
     * @param otherClients client threads alive before this client was built: other tests' clients
     *                     in the same JVM, which the census, counting by name, would count too
     */
    private record Counted(FanOutMeasurement.Result result, ThreadCensus.Count threads, int otherClients) {

        int ownPeak() {
            return threads.peak() - otherClients;
        }

        String describe() {
            return threads.describe() + "; other clients' threads before it: " + otherClients;
        }
    }

    private static Counted asyncAtFullWidth(String client) throws Exception {
        int otherClients = ThreadCensus.clientThreadsAlive();
        try (Workload work = Workload.builder().client(client).latency(LatencyProfile.parse("fixed:300ms")).maxInFlight(WIDTH)
                .requestTimeout(Duration.ofSeconds(30)).start()) {
            WorkloadsForTests.warm(work);
            ThreadCensus census = ThreadCensus.start();
            FanOutMeasurement.Result result;
            ThreadCensus.Count threads;
            try {
                result = FanOutMeasurement.measure(new AsyncStrategy(), FanOutOptions.builder().width(WIDTH).build(), work, WIDTH,
                        FanOutMeasurement.Order.COMPLETION, false, o -> { });
            } finally {
                threads = census.stop();
                census.close();
            }
            assertEquals(WIDTH, result.summary().succeeded(), result.summary().toString());
            assertEquals(WIDTH, result.server().status(200), "the server answered every item itself");
            return new Counted(result, threads, otherClients);
        }
    }

    @Test
    void asyncOnTheNonBlockingClientKeepsAFewThreadsAtWidth1024() throws Exception {
        String client = ItemClient.defaultFor(AsyncStrategy.NAME);
        assertEquals("jetty", client, "async's default client is the non-blocking one");
        Counted run = asyncAtFullWidth(client);
        int serverInFlight = run.result().server().maxInFlight();
        assertTrue(run.ownPeak() <= MOST_CLIENT_THREADS, run.describe());
        assertTrue(serverInFlight > 4 * MOST_CLIENT_THREADS,
                "the calls were in flight together, not a few at a time: the server saw at most " + serverInFlight);
    }

    @Test
    void theCensusSeesAThreadPerCallWhereTheClientHoldsOne() throws Exception {
        Counted run = asyncAtFullWidth("okhttp");
        assertTrue(run.ownPeak() > 4 * MOST_CLIENT_THREADS,
                "OkHttp's enqueue runs each call on a dispatcher thread: " + run.describe());
    }
}
