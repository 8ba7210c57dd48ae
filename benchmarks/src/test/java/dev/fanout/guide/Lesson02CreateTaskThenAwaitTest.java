package dev.fanout.guide;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/guide/02-create-task-then-await.md: every call started at once, nothing bounds them. */
class Lesson02CreateTaskThenAwaitTest {

    // begin port
    static void createTaskThenAwait(HttpClient http, String itemUrl, int items, Tally tally) throws InterruptedException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> tasks = new ArrayList<>();
            for (int n = 0; n < items; n++) {
                int item = n;
                tasks.add(executor.submit(() -> fetch(http, itemUrl, item)));   // started now, on its own thread
            }
            for (Future<Integer> task : tasks) {                                  // then awaited one by one
                try {
                    tally.count(task.get());
                } catch (ExecutionException e) {
                    tally.count(e.getCause());
                }
            }
        }
    }
    // end port

    @Test
    void theServerHasEveryCallInFlightAtOnce() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:1s")) {
            server.server.answerAtOnce(true);
            fetch(server.http, server.itemUrl, -1); // the client's classes loaded: its first connections open quickly
            server.server.answerAtOnce(false);
            Tally tally = new Tally();
            createTaskThenAwait(server.http, server.itemUrl, 32, tally);
            assertEquals(32, tally.ok());
            assertEquals(32, server.stats().maxInFlight(), "no bound: all 32 at once");
        }
    }
}
