package dev.fanout.core;

import java.util.Objects;

/**
 * A token bucket of {@link Rate#burst()} permits refilled at {@link Rate#perSecond()}, kept as one
 * number: the time the bucket will next be full (the "theoretical arrival time" of the generic cell
 * rate algorithm). Over any stretch of {@code t} seconds, at most {@code burst + perSecond * t}
 * permits are handed out, whatever the threads and however their requests interleave: every
 * decision is made under one lock, from the injected clock alone.
 *
 * <p>A permit is taken at the moment it is used, never reserved ahead: {@link #tryAcquire()}
 * takes one if the bucket holds one now, and otherwise takes nothing and says how long until the
 * next. A caller that waits (a fan-out run, {@link FanOutOptions.Builder#rate}) sleeps that long
 * and asks again, so a waiter that wakes late, or is cancelled while it sleeps, has taken nothing:
 * the starts themselves, not only the grants, keep the bucket's promise. A server answering 429
 * asks the same question and refuses on a no. Waiters are not served in order (nor are Guava's).
 *
 * <h2>Beside the usual Java limiters</h2>
 * <ul>
 *   <li>Guava's {@code RateLimiter.create(r)} ({@code SmoothBursty}) reserves ahead instead: a
 *       caller is told when its permit will be free and sleeps until then (a request for many
 *       permits is granted at once and the <em>next</em> caller pays for it), so callers that wake
 *       late start closer together than the rate; it stores up to one second of unused permits
 *       (fixed, {@code maxBurstSeconds = 1}), none at its creation, and any that pile up while no one
 *       asks; {@code SmoothWarmingUp} ramps the rate up instead.
 *       {@code acquire()} sleeps uninterruptibly, and {@code tryAcquire(timeout)} gives up at
 *       once if the permit would come too late. Here the burst is chosen (2 by default: one
 *       permit of slack for a late wake-up; 1 spaces calls exactly), the bucket starts full,
 *       a late or cancelled waiter has taken nothing, and its wait can be cut short.</li>
 *   <li>Resilience4j's {@code RateLimiter} hands out {@code limitForPeriod} permits per
 *       {@code limitRefreshPeriod}, renewed all at once at each period's start: a fixed window,
 *       so up to twice the limit can pass around a period's boundary; a waiter gives up after
 *       {@code timeoutDuration}. A token bucket has no boundaries to bunch at.</li>
 *   <li>Bucket4j is a token bucket too ({@code Bandwidth} of a capacity and a greedy or
 *       interval refill, integer arithmetic, lock-free, several limits per bucket, blocking
 *       through {@code asBlocking()}). This is the one-limit case of it, with a lock: a permit
 *       here precedes a network call, so the lock is never the bottleneck.</li>
 * </ul>
 * No third-party code: {@code core} depends on nothing. The benchmarks measure Guava's beside it.
 */
public final class RateLimiter {

    private final Rate rate;
    private final NanoClock clock;
    private final long intervalNanos;
    /** How far ahead of now the bucket may be emptied: the burst, less the permit being taken. */
    private final long toleranceNanos;
    /** When the bucket would be full again if no one took a permit: at or before now, it is full. */
    private long fullAt;

    /**
     * A full bucket: {@code rate.burst()} permits are free at once.
     *
     * @throws NullPointerException naming the argument that is null
     */
    public RateLimiter(Rate rate, NanoClock clock) {
        this.rate = Objects.requireNonNull(rate, "rate must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.intervalNanos = rate.intervalNanos();
        this.toleranceNanos = saturatedProduct(intervalNanos, rate.burst() - 1L);
        this.fullAt = clock.nanoTime();
    }

    public Rate rate() {
        return rate;
    }

    /** @return whether a permit was free now and is taken; if not, nothing is taken */
    public boolean tryAcquire() {
        return tryAcquireOrWait() == 0;
    }

    /**
     * Takes a permit if one is free now.
     *
     * @return 0 if a permit was taken; otherwise nothing is taken, and this is how many
     *         nanoseconds of the clock remain until the next permit is free (at least 1)
     */
    public synchronized long tryAcquireOrWait() {
        long now = clock.nanoTime();
        long wait = fullAt - toleranceNanos - now;
        if (wait > 0) {
            return wait;
        }
        fullAt = Math.max(fullAt, now) + intervalNanos;
        return 0;
    }

    private static long saturatedProduct(long a, long b) {
        try {
            return Math.min(Long.MAX_VALUE / 4, Math.multiplyExact(a, b));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    @Override
    public String toString() {
        return "RateLimiter[" + rate + "]";
    }
}
