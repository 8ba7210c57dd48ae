package dev.fanout.strategies;

import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.core.OverloadClassifier;
import dev.fanout.core.OverloadSignal;
import dev.fanout.strategies.limit.Limit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the adaptive strategy adds to the contract: its permits follow the limit, and which outcomes feed it. */
class AdaptiveLimitTest {

    /** A limit the test sets, recording every sample. */
    static final class ScriptedLimit implements Limit {
        volatile int value;
        final List<Boolean> drops = Collections.synchronizedList(new ArrayList<>());

        ScriptedLimit(int value) {
            this.value = value;
        }

        @Override
        public int limit() {
            return value;
        }

        @Override
        public void onSample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
            drops.add(dropped);
        }
    }

    static final class Refused extends IOException implements OverloadSignal {
        @Override
        public boolean overloaded() {
            return true;
        }
    }

    private static List<Long> inputs(int n) {
        return LongStream.range(0, n).boxed().toList();
    }

    @Test
    void thePermitsAreTheLimitNotTheWidth() throws Exception {
        ScriptedLimit limit = new ScriptedLimit(3);
        AdaptiveStrategy strategy = AdaptiveStrategy.builder().limit("scripted", (ceiling, clock) -> limit).build();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        FanOutResult<Long> result = strategy.gather(inputs(200), i -> {
            max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (i < 3) {
                    three.countDown();
                    assertTrue(three.await(30, TimeUnit.SECONDS), "3 in flight at once");
                }
                Thread.sleep(1);
                return i;
            } finally {
                inFlight.decrementAndGet();
            }
        }, FanOutOptions.builder().width(16).build());
        assertTrue(result.allSucceeded());
        assertEquals(3, max.get(), "the limit, 3, not the width, 16");
        assertEquals(200, limit.drops.size(), "every answer is a sample");
    }

    @Test
    void aLimitAboveTheWidthIsHeldToTheWidth() throws Exception {
        ScriptedLimit limit = new ScriptedLimit(1000);
        AdaptiveStrategy strategy = AdaptiveStrategy.builder().limit("scripted", (ceiling, clock) -> limit).build();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        strategy.gather(inputs(500), i -> {
            max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(1);
            inFlight.decrementAndGet();
            return i;
        }, FanOutOptions.builder().width(8).build());
        assertTrue(max.get() <= 8, "at most the width: " + max.get());
    }

    @Test
    void overloadsAndTimeoutsAreLossesOtherFailuresAreNotSamples() throws Exception {
        ScriptedLimit limit = new ScriptedLimit(4);
        AdaptiveStrategy strategy = AdaptiveStrategy.builder().limit("scripted", (ceiling, clock) -> limit).build();
        FanOutResult<Long> result = strategy.gather(inputs(40), i -> {
            switch ((int) (i % 4)) {
                case 0 -> throw new Refused();
                case 1 -> throw new IllegalStateException("a bug says nothing about load");
                case 2 -> {
                    Thread.sleep(Duration.ofSeconds(30)); // past the task timeout
                    return i;
                }
                default -> {
                    return i;
                }
            }
        }, FanOutOptions.builder().width(8).taskTimeout(Duration.ofMillis(50)).build());
        assertEquals(10, result.summary().timedOut());
        assertEquals(20, result.summary().failed());
        assertEquals(30, limit.drops.size(), "refused, timed out and answered; not the bug");
        assertEquals(20, limit.drops.stream().filter(d -> d).count(), "10 refused + 10 timed out");
    }

    @Test
    void aClassifierDecidesWhatALossIs() throws Exception {
        ScriptedLimit limit = new ScriptedLimit(4);
        AdaptiveStrategy strategy = AdaptiveStrategy.builder().limit("scripted", (ceiling, clock) -> limit)
                .overloadWhen(e -> e instanceof IllegalStateException).build();
        strategy.gather(inputs(10), i -> {
            throw new IllegalStateException("busy");
        }, FanOutOptions.builder().width(2).build());
        assertEquals(10, limit.drops.stream().filter(d -> d).count());
    }

    @Test
    void theLimitIsKeptForTheNextFanOutOfTheSameWidth() throws Exception {
        List<Limit> made = new ArrayList<>();
        AdaptiveStrategy strategy = AdaptiveStrategy.builder().limit("counted", (ceiling, clock) -> {
            Limit l = new ScriptedLimit(ceiling);
            made.add(l);
            return l;
        }).build();
        FanOutOptions w4 = FanOutOptions.builder().width(4).build();
        strategy.gather(inputs(10), i -> i, w4);
        strategy.gather(inputs(10), i -> i, w4);
        assertEquals(1, made.size(), "one limit for two fan-outs of width 4");
        strategy.gather(inputs(10), i -> i, FanOutOptions.builder().width(8).build());
        assertEquals(2, made.size(), "another width, another limit");

        List<Limit> fresh = new ArrayList<>();
        AdaptiveStrategy forgetful = AdaptiveStrategy.builder().keepLimitBetweenRuns(false).limit("counted", (ceiling, clock) -> {
            Limit l = new ScriptedLimit(ceiling);
            fresh.add(l);
            return l;
        }).build();
        forgetful.gather(inputs(10), i -> i, w4);
        forgetful.gather(inputs(10), i -> i, w4);
        assertEquals(2, fresh.size());
    }

    @Test
    void aListenerHearsTheLimitMove() throws Exception {
        List<Integer> heard = Collections.synchronizedList(new ArrayList<>());
        AdaptiveStrategy strategy = AdaptiveStrategy.builder().limit("aimd").listener((nanos, l) -> heard.add(l)).build();
        strategy.gather(inputs(200), i -> {
            Thread.sleep(1);
            return i;
        }, FanOutOptions.builder().width(32).build());
        assertEquals(10, heard.getFirst(), "where it started");
        assertTrue(heard.contains(32), "slow start reached the width: " + heard);
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertEquals("unknown limit algorithm 'vegas'; valid algorithms: aimd, gradient",
                assertThrows(IllegalArgumentException.class, () -> AdaptiveStrategy.builder().limit("vegas")).getMessage());
        assertEquals("initialLimit must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> AdaptiveStrategy.builder().initialLimit(0)).getMessage());
        assertEquals("width must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> FanOutOptions.builder().width(0)).getMessage(),
                "the ceiling is the width: the options refuse a ceiling below 1");
    }

    @Test
    void theDefaultsAreTheCoresClassifierAndAimd() {
        // the classifier itself is tested in core (OverloadClassifierTest); the task's own exception type here
        assertTrue(OverloadClassifier.DEFAULT.overloaded(new Refused()));
        assertFalse(OverloadClassifier.DEFAULT.overloaded(new IOException("connection reset")));
        assertSame(AdaptiveStrategy.DEFAULT_ALGORITHM.label(), new AdaptiveStrategy().algorithm());
    }
}
