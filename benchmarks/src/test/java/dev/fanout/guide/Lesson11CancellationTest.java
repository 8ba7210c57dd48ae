package dev.fanout.guide;

import dev.fanout.benchmarks.server.Faults;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/guide/11-cancellation.md: the first failure cancels the rest; a cancel is an interrupt. */
class Lesson11CancellationTest {

    // begin port
    static void failFast(HttpClient http, String itemUrl, int items, int width) throws Exception {
        Semaphore permits = new Semaphore(width);
        List<Future<Integer>> all = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<Integer> done = new ExecutorCompletionService<>(executor);
            for (int n = 0; n < items; n++) {
                int item = n;
                all.add(done.submit(() -> {
                    permits.acquire();                       // a cancelled waiter is interrupted here: it never calls
                    try {
                        return fetch(http, itemUrl, item);   // a cancelled call is interrupted here: it stops
                    } finally {
                        permits.release();
                    }
                }));
            }
            try {
                for (int i = 0; i < items; i++) {
                    done.take().get();                       // the first failure throws here...
                }
            } catch (ExecutionException first) {
                all.forEach(task -> task.cancel(true));      // ...and cancels the rest (TaskGroup does it for you)
                throw first;
            }
        }
    }
    // end port

    @Test
    void theFirstFailureStopsTheRunBeforeMostCallsAreMade() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:50ms", new Faults(0.3, 0, 0, 0))) {
            ExecutionException first = assertThrows(ExecutionException.class, () -> failFast(server.http, server.itemUrl, 200, 4));
            assertInstanceOf(Fetch.HttpStatusException.class, first.getCause());
            long made = server.stats().requests();
            assertTrue(made < 200, "the cancelled calls were never made; the server saw " + made);
        }
    }
}
