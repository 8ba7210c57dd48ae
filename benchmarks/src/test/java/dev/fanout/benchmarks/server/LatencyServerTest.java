package dev.fanout.benchmarks.server;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyServerTest {

    private static Set<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains("MockWebServer")).collect(Collectors.toSet());
    }

    private static int get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpClient http11() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void listensOnLoopbackRecordsWhatItSawAndStopsCleanly() throws Exception {
        SleepRecord slept;
        ServerStats stats;
        try (LatencyServer server = LatencyServer.builder().latency(LatencyProfile.parse("uniform:1ms..3ms")).seed(3).start();
             HttpClient client = http11()) {
            assertEquals("127.0.0.1", server.baseUri().getHost());
            for (int i = 0; i < 20; i++) {
                assertEquals(200, get(client, server.itemUri(i)));
            }
            stats = server.stats();
            slept = server.drainSlept();
            assertEquals(SleepRecord.NONE, server.drainSlept(), "draining forgets");
        }
        assertEquals(20, stats.requests());
        assertEquals(20, stats.status(200));
        assertEquals(1, stats.maxInFlight());
        assertEquals(1, stats.connectionsAccepted(), "one kept-alive connection for 20 sequential requests");
        assertEquals(20, slept.count());
        assertTrue(slept.drawnNanos() >= 20 * 1_000_000L && slept.drawnNanos() <= 20 * 3_000_000L, slept.toString());
        assertTrue(slept.maxDrawnNanos() >= 1_000_000L && slept.maxDrawnNanos() <= 3_000_000L, slept.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!serverThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // liveness only: threads end on their own after close
        }
        assertEquals(Set.of(), serverThreads(), "server threads left after close");
    }

    @Test
    void recordsTheTimeReallySleptNeverLessThanTheDelayDrawn() throws Exception {
        try (LatencyServer server = LatencyServer.builder().latency(LatencyProfile.parse("fixed:5ms")).start();
             HttpClient client = http11()) {
            for (int i = 0; i < 10; i++) {
                get(client, server.itemUri(i));
            }
            SleepRecord slept = server.drainSlept();
            assertEquals(10, slept.count());
            assertEquals(10 * 5_000_000L, slept.drawnNanos(), "the drawn delays: exactly what the profile says");
            assertEquals(5_000_000L, slept.maxDrawnNanos());
            // a timed sleep never ends early: what was really slept is at least what was drawn
            assertTrue(slept.sleptNanos() >= slept.drawnNanos(), slept.toString());
            assertTrue(slept.maxSleptNanos() >= 5_000_000L, slept.toString());
            assertTrue(slept.meanOvershootMs() >= 0, slept.toString());
        }
    }

    @Test
    void sameSeedDrawsTheSameDelaysInTheSameOrder() {
        LatencyProfile profile = LatencyProfile.parse("lognormal:20ms,p99=200ms");
        assertEquals(draws(profile, 11), draws(profile, 11));
        assertNotEquals(draws(profile, 11), draws(profile, 12), "another seed, other delays");
    }

    @Test
    void theServerInjectsItsSeedsSequence() throws Exception {
        LatencyProfile profile = LatencyProfile.parse("uniform:0ms..2ms");
        long expected = draws(profile, 7).stream().mapToLong(Long::longValue).sum();
        try (LatencyServer server = LatencyServer.builder().latency(profile).seed(7).start(); HttpClient client = http11()) {
            for (int i = 0; i < 10; i++) {
                get(client, server.itemUri(i));
            }
            assertEquals(expected, server.drainSlept().drawnNanos());
        }
    }

    private static List<Long> draws(LatencyProfile profile, long seed) {
        DelayDraws draws = new DelayDraws(profile, Faults.NONE, seed);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delays.add(draws.next().delayNanos());
        }
        return delays;
    }

    @Test
    void answeringAtOnceSkipsTheDelayAndRecordsNothing() throws Exception {
        try (LatencyServer server = LatencyServer.builder().latency(LatencyProfile.parse("fixed:10s")).start();
             HttpClient client = http11()) {
            server.answerAtOnce(true);
            for (int i = 0; i < 5; i++) {
                assertEquals(200, get(client, server.itemUri(i))); // would take 50 s if the delay were slept
            }
            assertEquals(0, server.stats().requests());
            assertEquals(SleepRecord.NONE, server.drainSlept());
        }
    }

    @Test
    void countsConnectionsOpenUntilTheClientClosesThem() throws Exception {
        try (LatencyServer server = LatencyServer.builder().start()) {
            try (HttpClient client = http11()) {
                get(client, server.itemUri(1));
                assertEquals(1, server.stats().connectionsAccepted());
                assertEquals(1, server.stats().connectionsOpen(), "kept alive in the client's pool");
                client.shutdownNow();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.stats().connectionsOpen() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // liveness only
            }
            assertEquals(0, server.stats().connectionsOpen(), "the server saw the client close its connection");
        }
    }
}
