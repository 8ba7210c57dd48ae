package dev.fanout.benchmarks.server;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyServerTest {

    private static Set<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains("MockWebServer")).collect(Collectors.toSet());
    }

    private static int get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void listensOnLoopbackRecordsWhatItSawAndStopsCleanly() throws Exception {
        List<Duration> injected;
        ServerStats stats;
        try (LatencyServer server = LatencyServer.builder().latency(LatencyProfile.parse("uniform:1ms..3ms")).seed(3).start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertEquals("127.0.0.1", server.baseUri().getHost());
            for (int i = 0; i < 20; i++) {
                assertEquals(200, get(client, server.itemUri(i)));
            }
            stats = server.stats();
            injected = server.drainInjectedDelays();
            assertEquals(List.of(), server.drainInjectedDelays(), "draining forgets");
        }
        assertEquals(20, stats.requests());
        assertEquals(20, stats.status(200));
        assertEquals(1, stats.maxInFlight());
        assertEquals(20, injected.size());
        injected.forEach(d -> assertTrue(d.toNanos() >= 1_000_000 && d.toNanos() <= 3_000_000, d.toString()));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!serverThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // liveness only: threads end on their own after close
        }
        assertEquals(Set.of(), serverThreads(), "server threads left after close");
    }

    @Test
    void sameSeedInjectsTheSameDelaysInTheSameOrder() throws Exception {
        List<Duration> first = delaysOf(11);
        assertEquals(first, delaysOf(11));
        assertTrue(!first.equals(delaysOf(12)), "another seed, other delays");
    }

    private static List<Duration> delaysOf(long seed) throws Exception {
        try (LatencyServer server = LatencyServer.builder().latency(LatencyProfile.parse("uniform:0ms..2ms")).seed(seed).start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 10; i++) {
                get(client, server.itemUri(i));
            }
            return server.drainInjectedDelays();
        }
    }
}
