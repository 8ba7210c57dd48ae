package dev.fanout.strategies;

import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.FailurePolicy;
import dev.fanout.core.FanOutException;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.NanoClock;
import dev.fanout.core.SlowCall;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.contract.FanOutStrategyContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsyncStrategyTest extends FanOutStrategyContract {
    @Override
    protected FanOutStrategy strategy() {
        return new AsyncStrategy();
    }

    // ------------------------------------------------------------------ what only async promises

    private static List<Long> inputs(long n) {
        return LongStream.range(0, n).boxed().toList();
    }

    @Test
    @DisplayName("a callAsync that holds the caller past the threshold is reported once, naming the first input, with the count")
    void aCallAsyncThatBlocksIsReportedOnceNamingTheInput() throws Exception {
        AtomicLong now = new AtomicLong(); // the run's clock: callAsync "holds" the caller by moving it
        NanoClock clock = now::get;
        AsyncFanOutTask<Long, Long> task = i -> {
            if (i == 3) {
                now.addAndGet(Duration.ofMillis(150).toNanos());
            } else if (i == 7) {
                now.addAndGet(Duration.ofMillis(120).toNanos());
            } else if (i == 8) {
                now.addAndGet(Duration.ofMillis(100).toNanos()); // at the threshold, not past it
            }
            return CompletableFuture.completedFuture(i);
        };

        FanOutResult<Long> result = new AsyncStrategy().gather(inputs(10), task,
                FanOutOptions.builder().width(4).clock(clock).build());

        assertTrue(result.allSucceeded());
        SlowCall slow = result.summary().slowCall().orElseThrow();
        assertEquals(new SlowCall(3, "3", Duration.ofMillis(150), Duration.ofMillis(100), 2), slow);
        assertEquals("callAsync held the caller's thread 150.0 ms for input 3, over the 100.0 ms threshold "
                + "(2 calls did): it blocks before returning its future, which turns a non-blocking strategy "
                + "sequential", slow.message());
    }

    @Test
    @DisplayName("a callAsync that really blocks (sleeps, then returns a completed future) is caught at the default 100 ms")
    void aRealBlockingCallAsyncIsCaught() throws Exception {
        AsyncFanOutTask<String, String> blocksFirst = s -> {
            if (s.equals("first")) {
                Thread.sleep(150); // the request made synchronously: the cardinal rule broken
            }
            return CompletableFuture.completedFuture(s.toUpperCase());
        };
        FanOutResult<String> result = new AsyncStrategy().gather(List.of("first", "second"), blocksFirst,
                FanOutOptions.builder().width(2).build());

        assertEquals(List.of("FIRST", "SECOND"), result.values());
        SlowCall slow = result.summary().slowCall().orElseThrow();
        assertEquals(0, slow.index());
        assertEquals("first", slow.input());
        assertTrue(slow.held().compareTo(Duration.ofMillis(150)) >= 0, slow.toString());
        assertTrue(slow.message().contains("for input 0 (first)"), slow.message());
    }

    @Test
    @DisplayName("the slow-call report survives fail-fast, and non-blocking calls or plain tasks report nothing")
    void theReportSurvivesFailFastAndIsEmptyWithoutASlowCall() throws Exception {
        AtomicLong now = new AtomicLong();
        AsyncFanOutTask<Long, Long> slowThenFailing = i -> {
            now.addAndGet(Duration.ofMillis(i == 0 ? 500 : 0).toNanos());
            return i == 1 ? CompletableFuture.failedFuture(new IllegalStateException("no")) : CompletableFuture.completedFuture(i);
        };
        FanOutException e = assertThrows(FanOutException.class, () -> new AsyncStrategy().gather(inputs(5), slowThenFailing,
                FanOutOptions.builder().width(2).clock(now::get).failurePolicy(FailurePolicy.FAIL_FAST).build()));
        assertEquals(0, e.summary().slowCall().orElseThrow().index());

        AsyncFanOutTask<Long, Long> neverHolds = i -> CompletableFuture.supplyAsync(() -> i);
        FanOutOptions frozenClock = FanOutOptions.builder().width(4).clock(() -> 0).build();
        assertTrue(new AsyncStrategy().gather(inputs(50), neverHolds, frozenClock).summary().slowCall().isEmpty());
        FanOutTask<Long, Long> plain = i -> i;
        assertTrue(new AsyncStrategy().gather(inputs(50), plain, frozenClock).summary().slowCall().isEmpty());
    }

    @Test
    @DisplayName("the threshold is checked, naming the argument")
    void theThresholdIsChecked() {
        assertEquals("slowCallThreshold must not be null",
                assertThrows(NullPointerException.class, () -> new AsyncStrategy(null)).getMessage());
        assertEquals("slowCallThreshold must be positive, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> new AsyncStrategy(Duration.ZERO)).getMessage());
        assertEquals("slowCallThreshold must be positive, was PT-0.001S",
                assertThrows(IllegalArgumentException.class, () -> new AsyncStrategy(Duration.ofMillis(-1))).getMessage());
        assertEquals(Duration.ofMillis(100), new AsyncStrategy().slowCallThreshold());
        assertEquals(Duration.ofMillis(5), new AsyncStrategy(Duration.ofMillis(5)).slowCallThreshold());
    }

    @Test
    @DisplayName("256 calls in flight: an AsyncFanOutTask holds no thread of the run, a plain task one each")
    void noThreadPerCallInFlight() throws Exception {
        int width = 256;
        // platform threads, so that every thread the run starts shows in Thread.getAllStackTraces()
        FanOutOptions options = FanOutOptions.builder().width(width).threads(ThreadKind.PLATFORM).build();

        List<CompletableFuture<Long>> outstanding = new CopyOnWriteArrayList<>();
        CountDownLatch allOutstanding = new CountDownLatch(width);
        Set<Thread> startedOn = ConcurrentHashMap.newKeySet();
        AsyncFanOutTask<Long, Long> async = i -> {
            startedOn.add(Thread.currentThread());
            CompletableFuture<Long> future = new CompletableFuture<>();
            outstanding.add(future);
            allOutstanding.countDown();
            return future;
        };
        AtomicInteger runThreadsWhileAsyncInFlight = new AtomicInteger(-1);
        Thread completer = Thread.ofPlatform().start(() -> {
            if (await(allOutstanding)) {
                runThreadsWhileAsyncInFlight.set(liveThreadsOfTheRun());
            }
            long i = 0;
            for (CompletableFuture<Long> f : outstanding) {
                f.complete(i++);
            }
        });
        FanOutResult<Long> asyncResult = new AsyncStrategy().gather(inputs(width), async, options);
        completer.join();

        assertEquals(width, asyncResult.summary().succeeded());
        assertEquals(width, asyncResult.summary().maxRunning());
        assertEquals(0, runThreadsWhileAsyncInFlight.get(), "threads of the run while 256 futures were outstanding");
        assertEquals(Set.of(Thread.currentThread()), startedOn, "every call is started on the caller's thread");

        CountDownLatch allRunning = new CountDownLatch(width);
        CountDownLatch release = new CountDownLatch(1);
        FanOutTask<Long, Long> plain = i -> {
            allRunning.countDown();
            release.await();
            return i;
        };
        AtomicInteger runThreadsWhilePlainInFlight = new AtomicInteger(-1);
        Thread releaser = Thread.ofPlatform().start(() -> {
            if (await(allRunning)) {
                runThreadsWhilePlainInFlight.set(liveThreadsOfTheRun());
            }
            release.countDown();
        });
        FanOutResult<Long> plainResult = new AsyncStrategy().gather(inputs(width), plain, options);
        releaser.join();

        assertEquals(width, plainResult.summary().succeeded());
        assertEquals(width, runThreadsWhilePlainInFlight.get(), "a plain task blocks a thread per call");
    }

    @Test
    @DisplayName("a plain FanOutTask runs on a virtual thread of its own, never on the caller's")
    void aPlainTaskRunsOnAVirtualThread() throws Exception {
        Thread caller = Thread.currentThread();
        AtomicReference<String> wrong = new AtomicReference<>();
        FanOutTask<Long, Long> plain = i -> {
            Thread t = Thread.currentThread();
            if (!t.isVirtual() || t == caller) {
                wrong.set(t.toString());
            }
            return i;
        };
        FanOutResult<Long> result = new AsyncStrategy().gather(inputs(100), plain, FanOutOptions.builder().width(8).build());
        assertTrue(result.allSucceeded());
        assertEquals(null, wrong.get());
    }

    private static int liveThreadsOfTheRun() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("fanout-" + AsyncStrategy.NAME + "-")).count();
    }

    /** Liveness only: false after 30 s (the count then stays -1 and the test fails naming it). */
    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            return false;
        }
    }
}
