package dev.fanout.guide;

import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.RunSummary;
import dev.fanout.strategies.AsyncStrategy;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/guide/10-to-thread-and-the-cardinal-rule.md: blocking I/O on virtual threads, CPU work on a pool of cores. */
class Lesson10ToThreadTest {

    static final Set<Boolean> DIGESTED_ON_VIRTUAL = ConcurrentHashMap.newKeySet();

    // begin port
    static List<String> fetchThenDigest(HttpClient http, String itemUrl, int items) throws Exception {
        ExecutorService cpu = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<String>> results = new ArrayList<>();
        try (cpu; ExecutorService io = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < items; n++) {
                int item = n;
                results.add(io.submit(() -> {
                    int status = fetch(http, itemUrl, item);                // blocking I/O: fine on a virtual thread
                    return cpu.submit(() -> digest(item + ":" + status)).get();   // CPU work: a thread per core
                }));
            }
            List<String> digests = new ArrayList<>();
            for (Future<String> result : results) {
                digests.add(result.get());
            }
            return digests;
        }
    }
    // end port

    static String digest(String text) throws Exception {
        DIGESTED_ON_VIRTUAL.add(Thread.currentThread().isVirtual());
        byte[] hash = text.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 1_000; round++) { // a little CPU work, standing for parsing or hashing a body
            hash = MessageDigest.getInstance("SHA-256").digest(hash);
        }
        return HexFormat.of().formatHex(hash);
    }

    @Test
    void theCallsRunOnVirtualThreadsAndTheDigestsOnThePool() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:10ms")) {
            List<String> digests = fetchThenDigest(server.http, server.itemUrl, 24);
            assertEquals(24, digests.size());
            assertEquals(24, digests.stream().distinct().count());
            assertEquals(Set.of(false), DIGESTED_ON_VIRTUAL, "every digest on a platform thread of the pool");
        }
    }

    @Test
    void theAsyncStrategyNamesACallAsyncThatBlocked() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:10ms")) {
            HttpClient http = server.http;
            String itemUrl = server.itemUrl;
            List<Integer> items = IntStream.range(0, 8).boxed().toList();
            // begin strategy
            AsyncFanOutTask<Integer, Integer> blocksFirst = n -> {
                Thread.sleep(150);                                   // the cardinal rule broken: blocks the loop
                return Fetch.fetchAsync(http, itemUrl, n);
            };
            RunSummary summary = new AsyncStrategy().gather(items, blocksFirst,
                    FanOutOptions.builder().width(8).build()).summary();
            summary.slowCall().ifPresent(slow -> System.err.println(slow.message()));   // names the input, the time held
            // end strategy
            assertTrue(summary.slowCall().isPresent());
            assertEquals(8, summary.slowCall().get().count(), "every callAsync held the caller");
        }
    }
}
