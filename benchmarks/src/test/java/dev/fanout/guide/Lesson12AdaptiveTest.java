package dev.fanout.guide;

import dev.fanout.benchmarks.server.Faults;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.strategies.AdaptiveStrategy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/guide/12-a-limit-you-do-not-know.md: lower the width on a 429, by hand, then with the adaptive strategy. */
class Lesson12AdaptiveTest {

    // begin port
    static int backOffOn429(HttpClient http, String itemUrl, int items, int width, Tally tally) throws InterruptedException {
        Semaphore permits = new Semaphore(width);
        AtomicInteger limit = new AtomicInteger(width);               // the permits not yet retired
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < items; n++) {
                int item = n;
                executor.submit(() -> {
                    permits.acquire();
                    try {
                        while (true) {
                            try {
                                tally.count(fetch(http, itemUrl, item));
                                return null;
                            } catch (IOException e) {
                                if (!(e instanceof Fetch.HttpStatusException s && s.status == 429)) {
                                    tally.count(e);
                                    return null;
                                }
                                if (limit.getAndUpdate(k -> Math.max(1, k - 1)) > 1) {
                                    permits.acquire();   // a 429: retire the permit held, wait for another, retry
                                }
                            }
                        }
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        return limit.get();
    }
    // end port

    @Test
    void theLimitFallsToWhatTheServerTakesAndEveryItemSucceeds() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:20ms", new Faults(0, 0, 0, 4))) {
            Tally tally = new Tally();
            int limit = backOffOn429(server.http, server.itemUrl, 200, 16, tally);
            assertEquals(200, tally.ok(), tally.toString());
            assertTrue(server.stats().status(429) > 0, "the server refused some");
            assertTrue(limit >= 1 && limit <= 4, "the limit fell to the server's 4 or below (it never grows back): " + limit);
        }
    }

    @Test
    void theAdaptiveStrategyFindsItAndProbesBackUp() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:20ms", new Faults(0, 0, 0, 4))) {
            HttpClient http = server.http;
            String itemUrl = server.itemUrl;
            List<Integer> items = IntStream.range(0, 200).boxed().toList();
            // begin strategy
            FanOutStrategy adaptive = AdaptiveStrategy.builder()
                    .overloadWhen(e -> e instanceof Fetch.HttpStatusException s && s.status == 429)   // what a loss is
                    .build();                                  // one instance per callee: it keeps what it learned
            FanOutResult<Integer> result = adaptive.gather(items, n -> fetch(http, itemUrl, n),
                    FanOutOptions.builder().width(64).build());                   // the width is only a ceiling
            // end strategy
            long refused = server.stats().status(429);
            assertEquals(200, result.summary().succeeded() + result.summary().failed());
            assertEquals(refused, result.summary().failed(), "a refusal is a failed outcome, and the limit's signal");
            assertTrue(result.summary().succeeded() > 100, result.summary().toString());
        }
    }
}
