package dev.fanout.core;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    @Test
    @DisplayName("a full bucket gives its burst at once, then one permit per interval")
    void burstThenEvenlySpaced() {
        AtomicLong clock = new AtomicLong(1_000);
        RateLimiter limiter = new RateLimiter(new Rate(10, 3), clock::get);
        long interval = 100_000_000L;
        assertEquals(0, limiter.tryAcquireOrWait());
        assertEquals(0, limiter.tryAcquireOrWait());
        assertEquals(0, limiter.tryAcquireOrWait());
        assertEquals(interval, limiter.tryAcquireOrWait(), "empty: the next permit is an interval away");
        clock.addAndGet(interval / 2);
        assertEquals(interval / 2, limiter.tryAcquireOrWait(), "a refusal takes nothing");
        clock.addAndGet(interval / 2);
        assertEquals(0, limiter.tryAcquireOrWait());
        clock.addAndGet(10 * interval); // a quiet spell refills the bucket, never beyond the burst
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
        clock.addAndGet(interval - 1);
        assertFalse(limiter.tryAcquire(), "a refused try takes nothing, and no permit comes early");
        clock.addAndGet(1);
        assertTrue(limiter.tryAcquire());
    }

    /**
     * Threads take permits at once, with random pauses between them, while another thread moves
     * the clock in random steps: every permit handed out is checked against the bucket's promise.
     */
    @RepeatedTest(20)
    @DisplayName("under racing threads and a jumping clock, no stretch holds more than burst + rate * length permits")
    void theBucketHoldsUnderRacingThreads() throws Exception {
        Rate rate = new Rate(1000, 4);
        AtomicLong clock = new AtomicLong();
        RateLimiter limiter = new RateLimiter(rate, clock::get);
        int threads = 6;
        int each = 300;
        List<Long> granted = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < each; i++) {
                    long before = clock.get();
                    if (limiter.tryAcquire()) {
                        long after = clock.get();
                        // the grant's time is known only if the clock stood still around it
                        granted.add(before == after ? before : Long.MIN_VALUE);
                    }
                    if (random.nextInt(8) == 0) {
                        Thread.yield();
                    }
                }
                done.countDown();
            });
        }
        while (done.getCount() > 0) {
            clock.addAndGet(ThreadLocalRandom.current().nextLong(0, 3 * rate.intervalNanos()));
            Thread.yield();
        }
        done.await();

        long[] at = granted.stream().mapToLong(Long::longValue).filter(t -> t != Long.MIN_VALUE).toArray();
        Arrays.sort(at);
        // the tightest stretches start at a permit: check every window that begins at one
        for (int i = 0, j = 0; i < at.length; i++) {
            for (j = Math.max(j, i); j + 1 < at.length && at[j + 1] - at[i] < rate.intervalNanos() * 50L; j++) {
                long allowed = rate.burst() + (at[j + 1] - at[i]) / rate.intervalNanos();
                assertTrue(j + 2 - i <= allowed, (j + 2 - i) + " permits within " + (at[j + 1] - at[i])
                        + " ns; the bucket allows " + allowed);
            }
        }
    }

    @Test
    @DisplayName("Rate reads R/s and R/s,burst=B, and names what is wrong")
    void rateGrammar() {
        assertEquals(new Rate(100, Rate.DEFAULT_BURST), Rate.parse("100/s"));
        assertEquals(new Rate(0.5, Rate.DEFAULT_BURST), Rate.parse("0.5/s"));
        assertEquals("100/s,burst=1", new Rate(100, 1).toString());
        assertEquals(new Rate(100, 10), Rate.parse("100/s,burst=10"));
        assertEquals("100/s,burst=10", Rate.parse("100/s,burst=10").toString());
        assertEquals("0.5/s", Rate.parse("0.5/s").toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rate.parse("0/s")).getMessage().startsWith("rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rate.parse("-3/s")).getMessage().startsWith("rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rate.parse("100/s,burst=0")).getMessage().startsWith("burst"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("100"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("fast/s"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("NaN/s"));
    }
}
