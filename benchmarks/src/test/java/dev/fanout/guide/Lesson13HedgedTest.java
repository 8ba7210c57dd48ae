package dev.fanout.guide;

import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.strategies.HedgedStrategy;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.fanout.guide.Fetch.fetch;
import static dev.fanout.guide.Fetch.fetchAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/guide/13-tails-hedged.md: a second attempt for a call that runs long; the first answer wins. */
class Lesson13HedgedTest {

    // begin port
    static CompletableFuture<Integer> hedged(HttpClient http, String itemUrl, long n, Duration delay) {
        CompletableFuture<Integer> first = fetchAsync(http, itemUrl, n);
        CompletableFuture<Integer> second = CompletableFuture
                .runAsync(() -> { }, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(waited -> first.isDone() ? first : fetchAsync(http, itemUrl, n));  // only if still out
        return first.applyToEither(second, status -> status);   // the first to finish; the loser runs on, ignored
    }
    // end port

    @Test
    void slowCallsAreSentTwiceAndEveryItemHasItsAnswer() throws Exception {
        try (GuideServer server = GuideServer.start("bimodal:5ms,2s,0.2")) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                calls.add(hedged(server.http, server.itemUrl, n, Duration.ofMillis(200)));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertEquals(200, call.get(1, TimeUnit.MINUTES)); // liveness only
            }
            assertTrue(server.stats().requests() > 20, "the slow ones were hedged: " + server.stats().requests());
        }
    }

    @Test
    void theHedgedStrategyHedgesOnlyWhatIsDeclaredIdempotent() throws Exception {
        try (GuideServer server = GuideServer.start("bimodal:5ms,2s,0.2")) {
            HttpClient http = server.http;
            String itemUrl = server.itemUrl;
            List<Integer> items = IntStream.range(0, 40).boxed().toList();
            // begin strategy
            HedgedStrategy hedged = HedgedStrategy.builder()
                    .delay(Duration.ofMillis(200))      // or delayPercentile(99): learnt from the run's own answers
                    .budget(0.25)                       // at most a quarter more calls (default 5%)
                    .build();
            FanOutResult<Integer> result = hedged.gather(items,
                    HedgedStrategy.idempotent(n -> fetch(http, itemUrl, n)),   // no declaration, no hedge
                    FanOutOptions.builder().width(8).build());
            // end strategy
            assertEquals(40, result.summary().succeeded());
            assertTrue(server.stats().requests() > 40, "hedges were sent: " + server.stats().requests());
        }
    }
}
