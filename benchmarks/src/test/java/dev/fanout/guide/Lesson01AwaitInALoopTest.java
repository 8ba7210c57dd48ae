package dev.fanout.guide;

import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.strategies.StrategyRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.stream.IntStream;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/guide/01-await-in-a-loop.md: the port and the strategy, against the latency server. */
class Lesson01AwaitInALoopTest {

    // begin port
    static void awaitInALoop(HttpClient http, String itemUrl, int items, Tally tally) throws InterruptedException {
        for (int n = 0; n < items; n++) {
            try {
                tally.count(fetch(http, itemUrl, n));   // the next call starts when this one has answered
            } catch (IOException e) {                   // not InterruptedException: that is the caller's stop
                tally.count(e);
            }
        }
    }
    // end port

    @Test
    void oneCallAtATimeWhateverTheNumber() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:5ms")) {
            Tally tally = new Tally();
            awaitInALoop(server.http, server.itemUrl, 20, tally);
            assertEquals(20, tally.ok());
            assertEquals(20, server.stats().requests());
            assertEquals(1, server.stats().maxInFlight(), "the server never had two at once");
        }
    }

    @Test
    void theStrategyDoesTheSameAndSaysSo() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:5ms")) {
            HttpClient http = server.http;
            String itemUrl = server.itemUrl;
            List<Integer> items = IntStream.range(0, 20).boxed().toList();
            // begin strategy
            FanOutResult<Integer> result = StrategyRegistry.create("sequential")
                    .gather(items, n -> fetch(http, itemUrl, n), FanOutOptions.builder().width(16).build());
            // result.summary().maxRunning() == 1: the width is ignored, and the strategy declares it
            // end strategy
            assertEquals(20, result.summary().succeeded());
            assertEquals(1, result.summary().maxRunning());
            assertEquals(1, server.stats().maxInFlight());
        }
    }
}
