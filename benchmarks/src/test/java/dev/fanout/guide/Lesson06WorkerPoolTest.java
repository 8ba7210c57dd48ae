package dev.fanout.guide;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static dev.fanout.guide.Fetch.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/guide/06-workers-over-a-lazy-generator.md: a bounded queue, width workers, an endless input. */
class Lesson06WorkerPoolTest {

    // begin port
    static final int END = -1;                                  // the end marker: one per worker

    static void workerPool(HttpClient http, String itemUrl, Iterator<Integer> numbers, int width, Tally tally)
            throws InterruptedException {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(width);
        ExecutorService workers = Executors.newFixedThreadPool(width);
        try {
            for (int w = 0; w < width; w++) {
                workers.submit(() -> {
                    for (int n; (n = queue.take()) != END; ) {
                        try {
                            tally.count(fetch(http, itemUrl, n));
                        } catch (IOException e) {
                            tally.count(e);                     // a failure must not kill its worker
                        }
                    }
                    return null;
                });
            }
            while (numbers.hasNext()) {
                queue.put(numbers.next());                      // waits while the queue is full: no running ahead
            }
            for (int w = 0; w < width; w++) {
                queue.put(END);
            }
            workers.close();                                    // waits for the workers to drain the queue
        } finally {
            workers.shutdownNow();                              // left early? interrupt them, or they wait in take() for ever
        }
    }
    // end port

    @Test
    void widthWorkersServeEveryItem() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:100ms")) {
            Tally tally = new Tally();
            workerPool(server.http, server.itemUrl, IntStream.range(0, 40).iterator(), 4, tally);
            assertEquals(40, tally.ok());
            assertEquals(4, server.stats().maxInFlight());
        }
    }

    @Test
    void anEndlessInputIsReadOnlyAsFastAsTheWorkersTakeItAndTheCallerCanStopIt() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:10ms")) {
            AtomicLong read = new AtomicLong();
            Iterator<Integer> endless = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Integer next() {
                    return (int) read.getAndIncrement();
                }
            };
            Tally tally = new Tally();
            Thread caller = Thread.currentThread();
            CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
                while (tally.ok() < 50) {
                    LockSupport.parkNanos(1_000_000);
                }
                caller.interrupt(); // the consumer gives up on an endless input
            });
            assertThrows(InterruptedException.class, () -> workerPool(server.http, server.itemUrl, endless, 4, tally));
            stopper.get(1, TimeUnit.MINUTES); // liveness only
            long finished = tally.all();
            // read: the ones counted, the 4 the workers held when interrupted, the queue's 4, the one put() waited with
            assertTrue(read.get() <= finished + 4 + 4 + 1, "read " + read.get() + " with " + finished + " finished");
        }
    }
}
