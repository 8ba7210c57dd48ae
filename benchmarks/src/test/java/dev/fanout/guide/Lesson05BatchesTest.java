package dev.fanout.guide;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/guide/05-batches-versus-a-sliding-window.md: gather per batch, and its barrier. */
class Lesson05BatchesTest {

    // begin port
    static void inBatches(HttpClient http, String itemUrl, int items, int width, Tally tally) throws InterruptedException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int first = 0; first < items; first += width) {
                List<Callable<Integer>> batch = new ArrayList<>();
                for (int n = first; n < Math.min(first + width, items); n++) {
                    int item = n;
                    batch.add(() -> fetch(http, itemUrl, item));
                }
                for (Future<Integer> call : executor.invokeAll(batch)) {   // the barrier: the batch's slowest call
                    if (call.state() == Future.State.SUCCESS) {
                        tally.count(call.resultNow());
                    } else {
                        tally.count(call.exceptionNow());
                    }
                }
            }
        }
    }
    // end port

    @Test
    void boundedByTheWidthAndEveryItemAnswered() throws Exception {
        try (GuideServer server = GuideServer.start("uniform:5ms..60ms")) {
            Tally tally = new Tally();
            inBatches(server.http, server.itemUrl, 40, 8, tally);
            assertEquals(40, tally.ok());
            int seen = server.stats().maxInFlight();
            assertTrue(seen >= 1 && seen <= 8, "at most one batch in flight, was " + seen);
        }
    }
}
