package dev.fanout.guide;

import dev.fanout.benchmarks.server.Faults;
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

/** docs/guide/03-gather-and-return-exceptions.md: results in input order, a failure one of them. */
class Lesson03GatherTest {

    // begin port
    static List<Object> gather(HttpClient http, String itemUrl, int items) throws InterruptedException {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int n = 0; n < items; n++) {
            int item = n;
            calls.add(() -> fetch(http, itemUrl, item));
        }
        List<Object> results = new ArrayList<>();                        // a status or an exception, in input order
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> call : executor.invokeAll(calls)) {     // starts them all, waits for them all
                results.add(call.state() == Future.State.SUCCESS ? call.resultNow() : call.exceptionNow());
            }
        }
        return results;                                                  // return_exceptions=True
    }
    // end port

    @Test
    void everyCallHasItsResultInInputOrderAndAFailureIsOneOfThem() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:20ms", new Faults(0.25, 0, 0, 0))) {
            List<Object> results = gather(server.http, server.itemUrl, 40);
            assertEquals(40, results.size());
            long failures = results.stream().filter(r -> r instanceof Fetch.HttpStatusException e && e.status == 500).count();
            assertTrue(failures > 0, "a quarter of the answers are 500s");
            assertEquals(server.stats().status(500), failures, "each 500 the server sent is one exception in the list");
            assertEquals(40 - failures, results.stream().filter(r -> Integer.valueOf(200).equals(r)).count());
        }
    }
}
