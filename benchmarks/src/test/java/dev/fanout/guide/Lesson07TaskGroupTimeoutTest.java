package dev.fanout.guide;

import dev.fanout.benchmarks.server.Faults;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.StructuredTaskScope;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/guide/07-taskgroup-and-timeouts.md: a scope no fork outlives, a timeout per call, failures caught inside. */
class Lesson07TaskGroupTimeoutTest {

    // begin port
    static void taskGroup(HttpClient http, String itemUrl, int items, int width, Duration timeout, Tally tally)
            throws InterruptedException {
        Semaphore permits = new Semaphore(width);
        try (var group = StructuredTaskScope.open()) {               // TaskGroup: no fork outlives this block
            for (int n = 0; n < items; n++) {
                int item = n;
                group.fork(() -> {
                    permits.acquire();
                    try {
                        tally.count(fetch(http, itemUrl, item, timeout));   // asyncio.timeout: HttpRequest.timeout
                    } catch (IOException e) {                               // caught inside: the siblings run on
                        tally.count(e);
                    } finally {
                        permits.release();
                    }
                    return null;
                });
            }
            group.join();
        }
    }
    // end port

    @Test
    void aStalledCallTimesOutAndTheOthersAnswer() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:20ms", new Faults(0, 0, 0.2, 0))) {
            Tally tally = new Tally();
            taskGroup(server.http, server.itemUrl, 40, 8, Duration.ofMillis(500), tally);
            long stalled = server.stats().stalled();
            assertTrue(stalled > 0, "a fifth of the calls are never answered");
            assertEquals(stalled, tally.timedOut(), "each stalled call timed out");
            assertEquals(40 - stalled, tally.ok());
        }
    }
}
