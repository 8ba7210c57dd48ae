package dev.fanout.guide;

import dev.fanout.core.FanOutOptions;
import dev.fanout.core.Outcome;
import dev.fanout.core.Progress;
import dev.fanout.core.ProgressListener;
import dev.fanout.strategies.StrategyRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/guide/09-progress-and-its-rate.md: tqdm's counter and rate, by hand and from a listener. */
class Lesson09ProgressTest {

    // begin port
    static List<String> withProgress(HttpClient http, String itemUrl, int items, int width) throws InterruptedException {
        Semaphore permits = new Semaphore(width);
        AtomicInteger finished = new AtomicInteger();
        List<String> bar = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < items; n++) {
                int item = n;
                executor.submit(() -> {
                    permits.acquire();
                    try {
                        return fetch(http, itemUrl, item);
                    } finally {
                        permits.release();
                        int done = finished.incrementAndGet();                  // tqdm's update(1)
                        double seconds = (System.nanoTime() - start) / 1e9;
                        bar.add(String.format("%d/%d [%.2fs, %.0f items/s]", done, items, seconds, done / seconds));
                    }
                });
            }
        }
        return bar;
    }
    // end port

    @Test
    void oneLinePerFinishedItemTheLastOneCountingAll() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:10ms")) {
            List<String> bar = withProgress(server.http, server.itemUrl, 40, 8);
            assertEquals(40, bar.size());
            assertTrue(bar.stream().anyMatch(line -> line.startsWith("40/40 [")), String.join("\n", bar));
        }
    }

    @Test
    void aListenerHearsEveryStartAndFinish() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:10ms")) {
            HttpClient http = server.http;
            String itemUrl = server.itemUrl;
            List<Integer> items = IntStream.range(0, 40).boxed().toList();
            List<Long> finishedCounts = Collections.synchronizedList(new ArrayList<>());
            // begin strategy
            ProgressListener bar = new ProgressListener() {
                @Override
                public void taskFinished(Outcome<?> outcome, Progress progress) {     // on the task's thread
                    finishedCounts.add(progress.finished());    // progress.total() is items.size() for a collection
                }
            };
            StrategyRegistry.create("semaphore").gather(items, n -> fetch(http, itemUrl, n),
                    FanOutOptions.builder().width(8).progress(bar).build());
            // end strategy
            assertEquals(IntStream.rangeClosed(1, 40).boxed().map(Integer::longValue).toList(),
                    finishedCounts.stream().sorted().toList());
        }
    }
}
