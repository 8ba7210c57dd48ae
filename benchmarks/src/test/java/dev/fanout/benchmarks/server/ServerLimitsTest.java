package dev.fanout.benchmarks.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits the server has for the adaptive strategy: a queue (capacity) and a 429 limit that changes, counted by the server. */
class ServerLimitsTest {

    private static HttpClient http11() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Sends {@code n} requests at once and returns their statuses. */
    private static List<Integer> burst(HttpClient client, LatencyServer server, int n) throws Exception {
        List<Future<Integer>> calls = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int item = i;
                calls.add(threads.submit(() -> client.send(HttpRequest.newBuilder(server.itemUri(item)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> call : calls) {
            statuses.add(call.get());
        }
        return statuses;
    }

    @Test
    void aCapacityServesKAtOnceAndTheRestWaitTheirTurn() throws Exception {
        Faults faults = Faults.NONE.withServerCapacity(LimitSchedule.parse("--server-capacity", "4"));
        try (LatencyServer server = LatencyServer.builder().latency(LatencyProfile.parse("fixed:50ms")).faults(faults).start();
             HttpClient client = http11()) {
            List<Integer> statuses = burst(client, server, 12);
            assertEquals(List.of(200), statuses.stream().distinct().toList(), "nobody is refused: they wait");
            QueueStats queue = server.queueStats().orElseThrow();
            assertEquals(4, queue.maxServing(), "never more than 4 served at once");
            assertTrue(queue.waited() >= 8, "the other 8 waited: " + queue);
            assertTrue(queue.meanWaitMs() >= 40, "a wait is at least one service time of another request: " + queue);
            assertEquals(12, server.stats().status(200));
            assertTrue(server.stats().maxInFlight() > 4, "in hand: served and waiting");
        }
    }

    @Test
    void aLimitThatDropsRefusesMoreFromItsTimeOn() throws Exception {
        Faults faults = new Faults(0, 0, 0, 0).withServerLimits(LimitSchedule.parse("--server-limit", "8,2@300ms"));
        try (LatencyServer server = LatencyServer.builder().latency(LatencyProfile.parse("fixed:1s")).faults(faults).start();
             HttpClient client = http11()) {
            List<Integer> before = burst(client, server, 6); // the first request starts the schedule's clock
            assertEquals(6, before.stream().filter(s -> s == 200).count(), "limit 8: all six answered");
            List<Integer> after = burst(client, server, 6); // more than 1 s later: the limit is 2 now
            assertEquals(2, after.stream().filter(s -> s == 200).count(), "limit 2: " + after);
            assertEquals(4, after.stream().filter(s -> s == 429).count());
            assertEquals(4, server.stats().status(429), "the server's own count");
        }
    }

    @Test
    void theScheduleStartsAgainAtAReset() throws Exception {
        Faults faults = new Faults(0, 0, 0, 0).withServerLimits(LimitSchedule.parse("--server-limit", "1,0@1s"));
        try (LatencyServer server = LatencyServer.builder().latency(LatencyProfile.parse("fixed:200ms")).faults(faults).start();
             HttpClient client = http11()) {
            burst(client, server, 1);
            Thread.sleep(Duration.ofMillis(1100)); // past the change: no limit
            server.resetStats();
            List<Integer> statuses = burst(client, server, 3); // a fresh start: limit 1 again
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        }
    }

    @Test
    void schedulesParseAndRefuseBadSpecsNamingTheOption() {
        LimitSchedule s = LimitSchedule.parse("--server-limit", "48,16@2s,32@4s");
        assertEquals(48, s.at(0));
        assertEquals(48, s.at(1_999_999_999L));
        assertEquals(16, s.at(2_000_000_000L));
        assertEquals(32, s.at(5_000_000_000L));
        assertEquals("48,16@2s,32@4s", s.spec());
        assertEquals(2_000_000_000L, s.nextChangeAfter(0));
        assertEquals(24, LimitSchedule.parse("--server-capacity", " 24 ").initial());
        for (String bad : List.of("", "abc", "16@2s", "48,16", "48,16@0s", "48,16@2s,8@1s", "-1", "48,x@2s", "48,16@2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LimitSchedule.parse("--server-limit", bad), bad);
            assertTrue(e.getMessage().startsWith("--server-limit: "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line");
        }
    }

    @Test
    void faultSpecsCarrySchedules() {
        Faults f = Faults.parse("error=0.1,limit=48,16@2s,capacity=24");
        assertEquals("48,16@2s", f.serverLimits().spec());
        assertEquals(48, f.serverLimit());
        assertEquals(24, f.serverCapacity().initial());
        assertEquals("error=0.1,limit=48,16@2s,capacity=24", f.spec());
        assertEquals(f, Faults.parse(f.spec()));
        assertEquals(new Faults(0, 0, 0, 32), Faults.parse("limit=32"));
        assertEquals("--server-limit must be 0 (no limit) or more, was -1",
                assertThrows(IllegalArgumentException.class, () -> new Faults(0, 0, 0, -1)).getMessage());
    }

    @Test
    void aServerRateRefusesWhatItsBucketDoesNotHoldAndStartsAfreshAtAReset() throws Exception {
        try (LatencyServer server = LatencyServer.builder().rateLimit(new dev.fanout.core.Rate(0.01, 5)).start();
             HttpClient client = http11()) {
            List<Integer> statuses = burst(client, server, 20); // one permit per 100 s after the first five
            assertEquals(5, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(15, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
            assertEquals(15, server.stats().status(429));
            server.resetStats();
            assertEquals(5, burst(client, server, 8).stream().filter(s -> s == 200).count(), "a reset refills the bucket");
        }
    }
}
