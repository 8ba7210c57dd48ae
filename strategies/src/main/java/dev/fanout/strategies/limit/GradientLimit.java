package dev.fanout.strategies.limit;

import dev.fanout.core.NanoClock;

import java.time.Duration;
import java.util.Objects;

/**
 * A delay-based limit in the manner of TCP Vegas: the round trip with nothing queued
 * ({@code noLoad}) against the round trip now tells how many calls wait in the callee's queue, and
 * the limit keeps a small {@code headroom} of them there: enough that the callee is never idle,
 * few enough that nobody waits long. Losses (429s, timeouts) still cut it, as {@link AimdLimit}
 * does.
 *
 * <p>Once per window (the calls sent under one value of the limit, about a round trip and a half):
 * <pre>
 *   gradient = max(0.5, min(1, tolerance x noLoad / mean round trip of the window))
 *   target   = limit x gradient + headroom(limit)         Vegas: keep `headroom` calls queued
 *   limit    = halfway down to the target, when it is lower (a queue)
 *   limit    = up to the target by one probe at most, when it is higher
 *   probe    = headroom(limit) before any loss, 1 after one (the loss level is near)
 * </pre>
 * Against a callee that serves K at once, {@code limit x noLoad / rtt} is K whatever the limit, so
 * the target is K + headroom from the first queued window on. Halfway, because one slow window (a
 * collector's pause, a busy CPU on the caller's side) is not a standing queue and should not halve
 * the limit. Before the first queue or loss the limit grows by one per answered call (slow start, a
 * doubling per round trip).
 *
 * <p>The trap of every delay-based limit: the no-load round trip goes stale. Kept as a minimum for
 * ever, it cannot follow a callee that became slower for good, and the limit sinks and never comes
 * back up; re-measured under a standing queue, it takes the queue for the floor and the limit
 * creeps up. Here, when no window has run at the no-load round trip for {@code probeInterval}
 * (a queue has stood that long), the limit is halved for one window (the queue drains; TCP BBR's
 * ProbeRTT does the same) and that window's round trip becomes the new no-load one. A callee that
 * refuses instead of queueing never has a standing queue, so it is never drained. Heavy-tailed latency is the other trap: a window's mean then wanders far from the
 * minimum, reads as a queue, and holds the limit lower than it need be; {@code tolerance} forgives
 * that much.
 *
 * <p>Compared with Netflix concurrency-limits' {@code Gradient2Limit} (read, not copied): that one
 * compares each call with a long exponential average of round trips, which under a standing queue
 * rises to meet the queue, so it keeps growing the queue; and it updates per call with smoothing.
 */
public final class GradientLimit implements Limit {

    private final int ceiling;
    private final double backoffRatio;
    private final double tolerance;
    private final long probeIntervalNanos;
    private final NanoClock clock;

    // guarded by this
    private double limit;
    private boolean slowStart;
    private boolean lost;
    private boolean cut;
    private long lastCutNanos;

    /** The window: calls started at or after {@link #windowOpenedNanos}. */
    private long windowOpenedNanos;
    private int windowSamples;
    private double windowRttSum;
    private int windowMaxInFlight;
    /** The answers that close the window: the limit when it opened, a round trip's worth. */
    private int windowTarget;

    /** The smallest window mean since the last drain (or the start): the round trip with nothing queued. */
    private double noLoadNanos = Double.NaN;
    /** When a window last ran at the no-load round trip (no queue), or a drain measured it. */
    private long lastFreshNanos;
    /** A window this close to the no-load round trip had no queue to speak of. */
    private static final double FRESH = 1.05;
    private boolean draining;
    private double limitBeforeDrain;

    private GradientLimit(Builder b) {
        this.ceiling = b.ceiling;
        this.backoffRatio = b.backoffRatio;
        this.tolerance = b.tolerance;
        this.probeIntervalNanos = b.probeInterval.toNanos();
        this.clock = b.clock;
        this.limit = Math.min(b.initialLimit, b.ceiling);
        this.slowStart = true;
        long now = clock.nanoTime();
        this.lastFreshNanos = now;
        openWindow(now);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return a factory of gradient limits with these settings, at the ceiling and clock each fan-out gives */
    public static Limit.Factory factory(java.util.function.UnaryOperator<Builder> settings) {
        Objects.requireNonNull(settings, "settings must not be null");
        return (ceiling, clock) -> settings.apply(builder()).ceiling(ceiling).clock(clock).build();
    }

    /** The calls kept waiting in the callee's queue: the square root of the limit, at least 1. */
    static double headroom(double limit) {
        return Math.max(1, Math.sqrt(limit));
    }

    @Override
    public synchronized int limit() {
        return (int) limit;
    }

    @Override
    public synchronized void onSample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
        long now = clock.nanoTime();
        if (dropped) {
            if (cut && startNanos < lastCutNanos) {
                return; // sent under the limit already cut: one cut per round trip
            }
            if (draining) {
                draining = false;
                limit = limitBeforeDrain;
            }
            limit = Math.max(1, limit * backoffRatio);
            slowStart = false;
            lost = true;
            cut = true;
            lastCutNanos = now;
            openWindow(now);
            return;
        }
        if (slowStart && !draining && inFlight * 2 >= limit) {
            limit = Math.min(ceiling, limit + 1); // a doubling per round trip, until a queue or a loss
        }
        if (startNanos < windowOpenedNanos) {
            return; // sent under an earlier limit: says nothing about this one
        }
        windowSamples++;
        windowRttSum += rttNanos;
        windowMaxInFlight = Math.max(windowMaxInFlight, inFlight);
        if (windowSamples < windowTarget) {
            return;
        }
        closeWindow(now);
    }

    private void closeWindow(long now) {
        double mean = windowRttSum / windowSamples;
        boolean appLimited = windowMaxInFlight * 2 < limit;
        if (draining) {
            noLoadNanos = mean; // the queue drained: this is the round trip with nothing queued, now
            draining = false;
            limit = limitBeforeDrain;
            lastFreshNanos = now;
        } else {
            noLoadNanos = Double.isNaN(noLoadNanos) ? mean : Math.min(noLoadNanos, mean);
            if (mean <= noLoadNanos * FRESH) {
                lastFreshNanos = now; // a window with no queue: the no-load round trip is current, no drain needed
            }
            double gradient = Math.max(0.5, Math.min(1, tolerance * noLoadNanos / mean));
            // after a loss the loss level is near: probe by one per window, not by the headroom
            double probe = lost ? 1 : headroom(limit);
            if (gradient < 1) {
                slowStart = false;
                double target = limit * gradient + headroom(limit);
                // down halfway per window (one slow window, a GC or a busy CPU, is not a standing queue); up by the probe at most
                limit = target < limit ? limit + 0.5 * (target - limit) : Math.min(target, limit + probe);
            } else if (!slowStart && !appLimited) {
                limit += probe;
            }
            limit = Math.max(1, Math.min(ceiling, limit));
            if (!slowStart && now - lastFreshNanos >= probeIntervalNanos && limit >= 2) {
                draining = true;
                limitBeforeDrain = limit;
                limit = Math.max(1, limit / 2);
            }
        }
        openWindow(now);
    }

    private void openWindow(long now) {
        windowOpenedNanos = now;
        windowSamples = 0;
        windowRttSum = 0;
        windowMaxInFlight = 0;
        windowTarget = Math.max(1, (int) limit);
    }

    /** @return the round trip with nothing queued, as last measured (NaN before the first window) */
    public synchronized Duration noLoadRoundTrip() {
        return Double.isNaN(noLoadNanos) ? null : Duration.ofNanos((long) noLoadNanos);
    }

    @Override
    public synchronized String toString() {
        return "GradientLimit[limit=" + (int) limit + (slowStart ? ", slow start" : "") + (draining ? ", draining" : "")
                + ", noLoad=" + (Double.isNaN(noLoadNanos) ? "?" : String.format(java.util.Locale.ROOT, "%.2f ms", noLoadNanos / 1e6))
                + ", ceiling=" + ceiling + "]";
    }

    /** Settings of a {@link GradientLimit}; every setter rejects a bad value at once, naming it. */
    public static final class Builder {
        private int initialLimit = LimitAlgorithm.DEFAULT_INITIAL_LIMIT;
        private int ceiling = 1000;
        private double backoffRatio = 0.9;
        private double tolerance = 1.0;
        private Duration probeInterval = Duration.ofSeconds(5);
        private NanoClock clock = NanoClock.SYSTEM;

        private Builder() {
        }

        /** @param initialLimit where the limit starts, at least 1 (above the ceiling, it starts at the ceiling); default 10 */
        public Builder initialLimit(int initialLimit) {
            this.initialLimit = Limits.atLeastOne("initialLimit", initialLimit);
            return this;
        }

        /** @param ceiling the most the limit allows, at least 1: the fan-out's width; default 1000 */
        public Builder ceiling(int ceiling) {
            this.ceiling = Limits.atLeastOne("ceiling", ceiling);
            return this;
        }

        /** @param backoffRatio what a loss multiplies the limit by, from 0.5 to below 1; default 0.9 */
        public Builder backoffRatio(double backoffRatio) {
            this.backoffRatio = Limits.backoffRatio(backoffRatio);
            return this;
        }

        /**
         * @param tolerance how much longer than the no-load round trip a window may take before it
         *                  counts as a queue, from 1 (none) to 10; default 1. Above 1 for heavy-tailed
         *                  latency, at the price of a longer queue at the callee
         */
        public Builder tolerance(double tolerance) {
            if (!(tolerance >= 1 && tolerance <= 10)) {
                throw new IllegalArgumentException("tolerance must be from 1 to 10 (a factor of the no-load round trip), was " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** @param probeInterval how often the queue is drained to measure the no-load round trip again, at least 1 ms; default 5 s */
        public Builder probeInterval(Duration probeInterval) {
            Objects.requireNonNull(probeInterval, "probeInterval must not be null");
            if (probeInterval.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("probeInterval must be at least 1ms, was " + probeInterval);
            }
            this.probeInterval = probeInterval;
            return this;
        }

        /** @param clock the clock of the calls' timings; default the system's */
        public Builder clock(NanoClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        public GradientLimit build() {
            return new GradientLimit(this);
        }
    }
}
