package dev.fanout.guide;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/guide/04-a-semaphore.md: the sliding window. */
class Lesson04SemaphoreTest {

    // begin port
    static void semaphore(HttpClient http, String itemUrl, int items, int width, Tally tally) throws InterruptedException {
        Semaphore permits = new Semaphore(width);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < items; n++) {
                int item = n;
                executor.submit(() -> {                    // a virtual thread per item, all at once...
                    permits.acquire();                     // ...but at most width of them past this line
                    try {
                        tally.count(fetch(http, itemUrl, item));
                    } catch (java.io.IOException e) {
                        tally.count(e);
                    } finally {
                        permits.release();                 // in a finally: a failure must not lose a permit
                    }
                    return null;
                });
            }
        }                                                  // close() waits for every thread
    }
    // end port

    @Test
    void theServerNeverSeesMoreThanTheWidth() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:100ms")) {
            Tally tally = new Tally();
            semaphore(server.http, server.itemUrl, 40, 4, tally);
            assertEquals(40, tally.ok());
            assertEquals(4, server.stats().maxInFlight());
        }
    }
}
