package dev.fanout.strategies;

import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.Outcome;
import dev.fanout.core.OverloadSignal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the contract suite cannot see: hedges that fire. Each test proves its point with counts the
 * task itself keeps (attempts per input, interrupts, calls in flight) and latches; the delays are
 * settings, never assertions, and the only time limits are liveness bounds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HedgingTest {

    private static final long LIVENESS_SECONDS = 30;

    private static List<Long> inputs(long n) {
        return LongStream.range(0, n).boxed().toList();
    }

    private static FanOutOptions width(int width) {
        return FanOutOptions.builder().width(width).build();
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(LIVENESS_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("gave up after " + LIVENESS_SECONDS + " s waiting for " + what);
        }
    }

    /** Counts each input's attempts: the first attempt of an input is 1, its hedge 2. */
    private static final class Attempts {
        final ConcurrentHashMap<Long, AtomicInteger> byInput = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();

        int next(long input) {
            total.incrementAndGet();
            return byInput.computeIfAbsent(input, i -> new AtomicInteger()).incrementAndGet();
        }

        int of(long input) {
            AtomicInteger n = byInput.get(input);
            return n == null ? 0 : n.get();
        }
    }

    @Test
    @DisplayName("a call past the delay gets a second attempt; the hedge answers first, decides the outcome, and the first attempt is interrupted")
    void slowFirstAttemptIsHedgedAndTheHedgeWins() throws Exception {
        HedgedStrategy hedged = HedgedStrategy.builder().delay(Duration.ofMillis(10)).budget(1).build();
        Attempts attempts = new Attempts();
        CountDownLatch firstInterrupted = new CountDownLatch(1);
        FanOutTask<Long, String> task = HedgedStrategy.idempotent(i -> {
            if (attempts.next(i) == 1) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    firstInterrupted.countDown();
                    throw e;
                }
            }
            return "hedge of " + i;
        });

        FanOutResult<String> result = hedged.gather(inputs(1), task, width(2));

        assertEquals(List.of("hedge of 0"), result.values());
        await(firstInterrupted, "the losing first attempt to be interrupted");
        assertEquals(2, attempts.of(0));
        HedgedStrategy.Stats stats = hedged.stats();
        assertEquals(1, stats.hedgesStarted());
        assertEquals(1, stats.hedgesWon());
        assertEquals(0, stats.hedgesLost());
        assertEquals(1, stats.losersCancelled(), "the loser, left to finish, was interrupted when the input was decided");
        assertEquals(Duration.ofMillis(10), stats.lastDelay().orElseThrow());
        assertEquals(1, result.summary().succeeded());
    }

    @Test
    @DisplayName("the first attempt answers first: its value decides, the hedge is interrupted and is not an outcome")
    void firstAttemptAnswersFirstAndTheHedgeIsCancelled() throws Exception {
        HedgedStrategy hedged = HedgedStrategy.builder().delay(Duration.ZERO).budget(1).build();
        Attempts attempts = new Attempts();
        CountDownLatch hedgeRunning = new CountDownLatch(1);
        CountDownLatch hedgeInterrupted = new CountDownLatch(1);
        FanOutTask<Long, String> task = HedgedStrategy.idempotent(i -> {
            if (attempts.next(i) == 1) {
                await(hedgeRunning, "the hedge to start");
                return "first";
            }
            hedgeRunning.countDown();
            try {
                new CountDownLatch(1).await();
                return "hedge";
            } catch (InterruptedException e) {
                hedgeInterrupted.countDown();
                throw e;
            }
        });

        FanOutResult<String> result = hedged.gather(inputs(1), task, width(2));

        assertEquals(List.of("first"), result.values());
        await(hedgeInterrupted, "the losing hedge to be interrupted");
        HedgedStrategy.Stats stats = hedged.stats();
        assertEquals(List.of(1L, 0L, 1L, 1L), List.of(stats.hedgesStarted(), stats.hedgesWon(), stats.hedgesLost(), stats.losersCancelled()));
        assertEquals(1, result.outcomes().size());
    }

    @Test
    @DisplayName("by default the loser runs on, holding its slot, until every input is decided; then it is interrupted")
    void byDefaultTheLoserKeepsItsSlotUntilTheRunEnds() throws Exception {
        HedgedStrategy hedged = HedgedStrategy.builder().delay(Duration.ofMillis(5)).budget(1).build();
        assertFalse(hedged.cancelsLosers());
        Attempts attempts = new Attempts();
        CountDownLatch loserInterrupted = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger laterInputsSawTheLoserRunning = new AtomicInteger();
        FanOutTask<Long, String> task = HedgedStrategy.idempotent(i -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (i == 0 && attempts.next(i) == 1) {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        loserInterrupted.countDown();
                        throw e;
                    }
                }
                if (i > 0 && loserInterrupted.getCount() == 1) {
                    laterInputsSawTheLoserRunning.incrementAndGet();
                }
                return "answer " + i;
            } finally {
                inFlight.decrementAndGet();
            }
        });

        FanOutResult<String> result = hedged.gather(inputs(6), task, width(2));

        assertTrue(result.allSucceeded());
        await(loserInterrupted, "the loser to be interrupted once every input was decided");
        assertEquals(5, laterInputsSawTheLoserRunning.get(), "the loser ran on beside every later input");
        assertTrue(maxInFlight.get() <= 2, "the loser counts against the width: " + maxInFlight.get());
        assertEquals(1, hedged.stats().losersCancelled());
    }

    @Test
    @DisplayName("cancelLosers(true): the loser is interrupted as soon as the other attempt answers, before the run ends")
    void cancelLosersInterruptsTheLoserAtOnce() throws Exception {
        HedgedStrategy hedged = HedgedStrategy.builder().delay(Duration.ofMillis(5)).budget(1).cancelLosers(true).build();
        Attempts attempts = new Attempts();
        CountDownLatch loserInterrupted = new CountDownLatch(1);
        FanOutTask<Long, String> task = HedgedStrategy.idempotent(i -> {
            if (i == 0 && attempts.next(i) == 1) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    loserInterrupted.countDown();
                    throw e;
                }
            }
            return "answer " + i;
        });
        List<String> delivered = new java.util.ArrayList<>();

        // the sink runs on the caller's thread, before the run can end: only an interrupt sent at once gets here
        hedged.stream(inputs(2).iterator(), task, width(2), outcome -> {
            try {
                if (outcome.index() == 0) {
                    await(loserInterrupted, "the loser's interrupt, sent when the hedge answered");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(((Outcome.Success<String>) outcome).value());
        });

        assertEquals(2, delivered.size());
        assertEquals(1, hedged.stats().losersCancelled());
        assertEquals(1, hedged.stats().hedgesWon());
    }

    @Test
    @DisplayName("a failure waits for the other attempt: a hedge that succeeds after the first attempt failed decides the outcome")
    void aFailureWaitsForTheOtherAttempt() throws Exception {
        HedgedStrategy hedged = HedgedStrategy.builder().delay(Duration.ZERO).budget(1).build();
        Attempts attempts = new Attempts();
        CountDownLatch hedgeRunning = new CountDownLatch(1);
        CountDownLatch firstFailed = new CountDownLatch(1);
        FanOutTask<Long, String> task = HedgedStrategy.idempotent(i -> {
            if (attempts.next(i) == 1) {
                await(hedgeRunning, "the hedge to start");
                firstFailed.countDown();
                throw new IOException("the first attempt failed");
            }
            hedgeRunning.countDown();
            await(firstFailed, "the first attempt to fail");
            return "hedge";
        });

        FanOutResult<String> result = hedged.gather(inputs(1), task, width(2));

        assertEquals(List.of("hedge"), result.values());
        assertEquals(1, hedged.stats().hedgesWon());
    }

    @Test
    @DisplayName("both attempts fail: the input fails once, with one of their failures (the first to end)")
    void bothFailAndTheFirstFailureIsTheOutcome() throws Exception {
        HedgedStrategy hedged = HedgedStrategy.builder().delay(Duration.ZERO).budget(1).build();
        Attempts attempts = new Attempts();
        CountDownLatch hedgeRunning = new CountDownLatch(1);
        CountDownLatch firstFailed = new CountDownLatch(1);
        FanOutTask<Long, String> task = HedgedStrategy.idempotent(i -> {
            if (attempts.next(i) == 1) {
                await(hedgeRunning, "the hedge to start");
                firstFailed.countDown();
                throw new IOException("first");
            }
            hedgeRunning.countDown();
            await(firstFailed, "the first attempt to fail");
            throw new IOException("second");
        });

        FanOutResult<String> result = hedged.gather(inputs(1), task, width(2));

        Outcome.Failure<?> failure = assertInstanceOf(Outcome.Failure.class, result.outcomes().getFirst());
        assertTrue(List.of("first", "second").contains(failure.error().getMessage()), failure.error().toString());
        assertEquals(1, result.summary().failed());
        assertEquals(2, attempts.of(0));
    }

    @Test
    @DisplayName("hedges count against the width: attempts in flight never exceed it, and hedges do run")
    void attemptsShareTheWidth() throws Exception {
        int width = 4;
        HedgedStrategy hedged = HedgedStrategy.builder().delay(Duration.ZERO).budget(1).build();
        Attempts attempts = new Attempts();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        FanOutTask<Long, Long> task = HedgedStrategy.idempotent(i -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (attempts.next(i) == 1) {
                    Thread.sleep(30); // the first attempt is slow, so the sweeper has one due at every sweep
                }
                return i;
            } finally {
                inFlight.decrementAndGet();
            }
        });

        FanOutResult<Long> result = hedged.gather(inputs(40), task, width(width));

        assertTrue(result.allSucceeded());
        assertEquals(inputs(40), result.values());
        assertTrue(maxInFlight.get() <= width, "saw " + maxInFlight.get() + " attempts in flight with width " + width);
        long started = hedged.stats().hedgesStarted();
        assertTrue(started > 0, "no hedge ran");
        assertEquals(40 + started, attempts.total.get(), "every attempt is an input's first or its one hedge");
        for (long i = 0; i < 40; i++) {
            assertTrue(attempts.of(i) <= 2, "input " + i + " ran " + attempts.of(i) + " times");
        }
    }

    @Test
    @DisplayName("the budget caps hedges at a fraction of the calls started; budget 0 hedges nothing")
    void theBudgetCapsHedges() throws Exception {
        Attempts attempts = new Attempts();
        FanOutTask<Long, Long> slowFirst = HedgedStrategy.idempotent(i -> {
            if (attempts.next(i) == 1) {
                Thread.sleep(20);
            }
            return i;
        });
        HedgedStrategy tenth = HedgedStrategy.builder().delay(Duration.ZERO).budget(0.1).build();
        FanOutResult<Long> result = tenth.gather(inputs(200), slowFirst, width(8));
        assertTrue(result.allSucceeded());
        HedgedStrategy.Stats stats = tenth.stats();
        assertTrue(stats.hedgesStarted() <= 20, "budget 0.1 of 200 calls, yet " + stats.hedgesStarted() + " hedges");
        assertTrue(stats.heldForBudget() > 0, "every call was due, so the budget must have held some back");
        assertEquals(200 + stats.hedgesStarted(), attempts.total.get());

        Attempts none = new Attempts();
        HedgedStrategy zero = HedgedStrategy.builder().delay(Duration.ZERO).budget(0).build();
        zero.gather(inputs(50), HedgedStrategy.idempotent(i -> {
            if (none.next(i) == 1) {
                Thread.sleep(5);
            }
            return i;
        }), width(8));
        assertEquals(0, zero.stats().hedgesStarted());
        assertEquals(50, none.total.get());
    }

    /** What the test's callee throws when it is overloaded (an HTTP 429, say): the core's marker. */
    private static final class Overloaded extends IOException implements OverloadSignal {
        Overloaded(long input) {
            super("429 for " + input);
        }

        @Override
        public boolean overloaded() {
            return true;
        }
    }

    @Test
    @DisplayName("overload answers (an OverloadSignal, by default) throttle hedging (gRPC's retry throttling): no call started after them is hedged")
    void overloadAnswersStopHedging() throws Exception {
        HedgedStrategy hedged = HedgedStrategy.builder().delay(Duration.ZERO).budget(1).build();
        Attempts attempts = new Attempts();
        int overloads = 30;
        int slow = 40; // 40 successes give back 4 tokens of the 10 the overloads took: still at or below half
        FanOutTask<Long, Long> task = HedgedStrategy.idempotent(i -> {
            attempts.next(i);
            if (i < overloads) {
                throw new Overloaded(i);
            }
            Thread.sleep(10);
            return i;
        });

        FanOutResult<Long> result = hedged.gather(inputs(overloads + slow), task, width(8));

        assertEquals(overloads, result.summary().failed());
        assertEquals(slow, result.summary().succeeded());
        // the caller reads input 30 only after at least 23 of the first 30 have freed their slots, each having counted its 429
        for (long i = overloads; i < overloads + slow; i++) {
            assertEquals(1, attempts.of(i), "input " + i + " was hedged after the callee said it was overloaded");
        }
        assertTrue(hedged.stats().heldForOverload() > 0, "due hedges should have been held back for overload");
    }

    @Test
    @DisplayName("a task not declared idempotent is never hedged, and the strategy says why")
    void aTaskNotDeclaredIdempotentIsNeverHedged() throws Exception {
        HedgedStrategy hedged = HedgedStrategy.builder().delay(Duration.ZERO).budget(1).build();
        Attempts attempts = new Attempts();
        FanOutTask<Long, Long> plain = i -> {
            attempts.next(i);
            Thread.sleep(20);
            return i;
        };

        FanOutResult<Long> result = hedged.gather(inputs(20), plain, width(4));

        assertTrue(result.allSucceeded());
        assertEquals(20, attempts.total.get(), "each input exactly once");
        HedgedStrategy.Stats stats = hedged.stats();
        assertEquals(0, stats.hedgesStarted());
        assertEquals(1, stats.runsNotIdempotent());
        assertTrue(HedgedStrategy.NOT_IDEMPOTENT.contains("not declared idempotent"));
    }

    @Test
    @DisplayName("a percentile delay hedges nothing until its warm-up has that many successes, then it does")
    void aPercentileDelayWaitsForItsWarmUp() throws Exception {
        HedgedStrategy neverWarm = HedgedStrategy.builder().delayPercentile(50).warmup(1_000).budget(1).build();
        assertTrue(neverWarm.gather(inputs(60), everyFourthSlow(new Attempts()), width(4)).allSucceeded());
        assertEquals(0, neverWarm.stats().hedgesStarted());
        assertTrue(neverWarm.stats().lastDelay().isEmpty(), "no delay before the warm-up ends");

        Attempts attempts = new Attempts();
        HedgedStrategy warm = HedgedStrategy.builder().delayPercentile(50).warmup(4).budget(1).build();
        assertTrue(warm.gather(inputs(60), everyFourthSlow(attempts), width(4)).allSucceeded());
        assertTrue(warm.stats().hedgesStarted() > 0, "past the warm-up, slow first attempts are hedged");
        assertTrue(warm.stats().lastDelay().isPresent());
        assertEquals(60 + warm.stats().hedgesStarted(), attempts.total.get());
    }

    /** Three first attempts in four take 1 ms, the fourth 40 ms; a hedge answers at once: p50 stays near 1 ms. */
    private static FanOutTask<Long, Long> everyFourthSlow(Attempts attempts) {
        return HedgedStrategy.idempotent(i -> {
            if (attempts.next(i) == 1) {
                Thread.sleep(i % 4 == 0 ? 40 : 1);
            }
            return i;
        });
    }

    @Test
    @DisplayName("the default: p99, a 5% budget, a warm-up of 100, named in the description")
    void theDefaults() {
        HedgedStrategy hedged = new HedgedStrategy();
        assertEquals("p99", hedged.delaySpec());
        assertEquals(0.05, hedged.budget());
        assertEquals(100, hedged.warmup());
        assertEquals(20, HedgedStrategy.builder().delayPercentile(95).build().warmup());
        assertEquals(1000, HedgedStrategy.builder().delayPercentile(99.9).build().warmup());
        assertEquals("50ms", HedgedStrategy.builder().delay(Duration.ofMillis(50)).build().delaySpec());
        assertEquals("p99.5", HedgedStrategy.builder().delayPercentile(99.5).build().delaySpec());
        assertTrue(hedged.description().contains("p99") && hedged.description().contains("5%"), hedged.description());
    }

    @Test
    @DisplayName("bad arguments fail at once, naming the argument")
    void badArgumentsAreRejectedNamingTheArgument() {
        assertStartsWith("delay must be at least 0", assertThrows(IllegalArgumentException.class,
                () -> HedgedStrategy.builder().delay(Duration.ofMillis(-1))));
        assertStartsWith("delay must not be null", assertThrows(NullPointerException.class,
                () -> HedgedStrategy.builder().delay(null)));
        for (double p : new double[]{0, 100, -5, 150, Double.NaN}) {
            assertStartsWith("percentile must be above 0 and below 100", assertThrows(IllegalArgumentException.class,
                    () -> HedgedStrategy.builder().delayPercentile(p)));
        }
        for (double b : new double[]{-0.01, 1.5, Double.NaN}) {
            assertStartsWith("budget must be between 0 and 1", assertThrows(IllegalArgumentException.class,
                    () -> HedgedStrategy.builder().budget(b)));
        }
        assertStartsWith("warmup must be at least 1", assertThrows(IllegalArgumentException.class,
                () -> HedgedStrategy.builder().warmup(0)));
        assertStartsWith("overloadWhen must not be null", assertThrows(NullPointerException.class,
                () -> HedgedStrategy.builder().overloadWhen(null)));
        assertStartsWith("task must not be null", assertThrows(NullPointerException.class,
                () -> HedgedStrategy.idempotent(null)));
    }

    private static void assertStartsWith(String prefix, Throwable error) {
        assertNotNull(error.getMessage());
        assertTrue(error.getMessage().startsWith(prefix), "expected '" + prefix + "...', was: " + error.getMessage());
    }

    @Test
    @DisplayName("idempotent() keeps an async task async, and leaves a declared task as it is")
    void idempotentKeepsTheTaskKind() throws Exception {
        AsyncFanOutTask<Long, Long> async = i -> CompletableFuture.completedFuture(i + 1);
        FanOutTask<Long, Long> declared = HedgedStrategy.idempotent(async);
        assertInstanceOf(HedgedStrategy.Idempotent.class, declared);
        AsyncFanOutTask<Long, Long> stillAsync = assertInstanceOf(AsyncFanOutTask.class, declared);
        assertEquals(5L, stillAsync.callAsync(4L).get());
        assertEquals(5L, declared.call(4L));
        assertSame(declared, HedgedStrategy.idempotent(declared));
        FanOutTask<Long, Long> plain = HedgedStrategy.idempotent(i -> i * 2);
        assertFalse(plain instanceof AsyncFanOutTask);
        assertEquals(8L, plain.call(4L));
    }
}
