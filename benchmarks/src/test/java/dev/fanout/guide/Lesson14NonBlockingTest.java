package dev.fanout.guide;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.concurrent.Semaphore;

import static dev.fanout.guide.Fetch.fetchAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/guide/14-a-non-blocking-client.md: width futures outstanding, one thread, no thread per call. */
class Lesson14NonBlockingTest {

    // begin port
    static void nonBlocking(HttpClient http, String itemUrl, int items, int width, Tally tally) throws InterruptedException {
        Semaphore permits = new Semaphore(width);
        for (int n = 0; n < items; n++) {
            permits.acquire();                               // the caller's thread is the loop: it waits for a slot
            fetchAsync(http, itemUrl, n).whenComplete((status, error) -> {
                if (error == null) {
                    tally.count(status);
                } else {
                    tally.count(error);
                }
                permits.release();                           // on the client's thread: quick, never blocking
            });
        }
        permits.acquire(width);                              // every permit back: every call has ended
    }
    // end port

    @Test
    void widthCallsInFlightWithoutAThreadEach() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:100ms")) {
            Tally tally = new Tally();
            nonBlocking(server.http, server.itemUrl, 40, 4, tally);
            assertEquals(40, tally.ok());
            assertEquals(4, server.stats().maxInFlight());
        }
    }
}
