package dev.fanout.guide;

import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.Outcome;
import dev.fanout.strategies.StrategyRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** docs/guide/08-as-completed.md: results as they finish, and the same from any strategy's stream. */
class Lesson08AsCompletedTest {

    // begin port
    static List<Integer> asCompleted(HttpClient http, String itemUrl, int items, int width) throws Exception {
        Semaphore permits = new Semaphore(width);
        List<Integer> finishOrder = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<Integer> done = new ExecutorCompletionService<>(executor);
            for (int n = 0; n < items; n++) {
                int item = n;
                done.submit(() -> {
                    permits.acquire();
                    try {
                        fetch(http, itemUrl, item);
                        return item;                              // keep the item number with the result
                    } finally {
                        permits.release();
                    }
                });
            }
            for (int i = 0; i < items; i++) {
                finishOrder.add(done.take().get());               // the next to finish, whichever it is
            }
        }
        return finishOrder;
    }
    // end port

    private static final List<Integer> IN_ORDER = IntStream.range(0, 32).boxed().toList();

    @Test
    void everyItemOnceInTheOrderTheyFinished() throws Exception {
        try (GuideServer server = GuideServer.start("uniform:10ms..200ms")) {
            List<Integer> finishOrder = asCompleted(server.http, server.itemUrl, 32, 8);
            assertEquals(IN_ORDER, finishOrder.stream().sorted().toList(), "each item exactly once");
            assertNotEquals(IN_ORDER, finishOrder, "random latencies finish out of input order");
        }
    }

    @Test
    void anyStrategysStreamIsAsCompleted() throws Exception {
        try (GuideServer server = GuideServer.start("uniform:10ms..200ms")) {
            HttpClient http = server.http;
            String itemUrl = server.itemUrl;
            Iterator<Integer> numbers = IN_ORDER.iterator();
            List<Long> finishOrder = new ArrayList<>();
            // begin strategy
            FanOutStrategy semaphore = StrategyRegistry.create("semaphore");
            semaphore.stream(numbers, n -> fetch(http, itemUrl, n), FanOutOptions.builder().width(8).build(),
                    (Outcome<Integer> outcome) -> finishOrder.add(outcome.index()));   // on this thread, as each finishes
            // end strategy
            assertEquals(IN_ORDER.stream().map(Integer::longValue).toList(), finishOrder.stream().sorted().toList());
            assertNotEquals(IN_ORDER.stream().map(Integer::longValue).toList(), finishOrder);
        }
    }
}
