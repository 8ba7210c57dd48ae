package dev.fanout.strategies.limit;

import dev.fanout.core.NanoClock;

import java.util.Objects;

/**
 * AIMD, TCP Reno's congestion window for calls: additive increase while calls get answers,
 * multiplicative decrease on a loss (a 429, a timeout). Loss-based only: round-trip times are not
 * read, so a downstream that queues instead of refusing is never backed off from.
 *
 * <ul>
 *   <li><b>Slow start</b> (until the first loss): +1 per answered call, so the limit doubles every
 *       round trip and finds a limit of K from 10 in about log2(K / 10) round trips.</li>
 *   <li><b>Congestion avoidance</b> (after it): +{@code increase} per round trip (+increase / limit
 *       per answered call), 0.5 by default: TCP adds 1, but a callee that refuses at K answers one
 *       429 per climb from 0.9 K to K + 1, and climbing half as fast halves the 429s for the same
 *       mean limit (the share of 429s is measured by ./fanout bench --profile scenarios, the
 *       report's "Against a 429 limit" table).</li>
 *   <li><b>A loss</b> multiplies the limit by {@code backoffRatio}, once per round trip: losses of
 *       calls that started before the last cut were sent under the old limit and are not counted
 *       again (TCP's fast recovery). Without that rule a burst of 429s, which come back at once,
 *       would cut 0.9^n and the limit would collapse.</li>
 *   <li><b>App-limited</b>: an answer that started with fewer than half the limit in flight does not
 *       raise it: the limit was not what held the calls back, so nothing was learned about it (the
 *       limit would otherwise float far above what was ever tried).</li>
 * </ul>
 *
 * <p>Compared with Netflix concurrency-limits' {@code AIMDLimit} (read, not copied): that one adds
 * 1 per answered call for ever (a doubling every round trip, never a gentle probe) and cuts on every
 * drop, so against a hard limit it overshoots every round trip and a burst of drops collapses it.
 */
public final class AimdLimit implements Limit {

    private final int ceiling;
    private final double backoffRatio;
    private final double increase;
    private final NanoClock clock;

    // guarded by this
    private double limit;
    private boolean slowStart;
    private long lastCutNanos;
    private boolean cut;

    private AimdLimit(Builder b) {
        this.ceiling = b.ceiling;
        this.backoffRatio = b.backoffRatio;
        this.increase = b.increase;
        this.clock = b.clock;
        this.limit = Math.min(b.initialLimit, b.ceiling);
        this.slowStart = b.slowStart;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return a factory of AIMD limits with these settings, at the ceiling and clock each fan-out gives */
    public static Limit.Factory factory(java.util.function.UnaryOperator<Builder> settings) {
        Objects.requireNonNull(settings, "settings must not be null");
        return (ceiling, clock) -> settings.apply(builder()).ceiling(ceiling).clock(clock).build();
    }

    @Override
    public synchronized int limit() {
        return (int) limit;
    }

    @Override
    public synchronized void onSample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
        if (dropped) {
            if (cut && startNanos < lastCutNanos) {
                return; // sent under the limit already cut: one cut per round trip
            }
            limit = Math.max(1, limit * backoffRatio);
            slowStart = false;
            cut = true;
            lastCutNanos = clock.nanoTime();
            return;
        }
        if (inFlight * 2 < limit) {
            return; // app-limited: the limit did not hold these calls back
        }
        limit = Math.min(ceiling, slowStart ? limit + 1 : limit + increase / limit);
    }

    @Override
    public synchronized String toString() {
        return "AimdLimit[limit=" + (int) limit + (slowStart ? ", slow start" : "") + ", ceiling=" + ceiling + "]";
    }

    /** Settings of an {@link AimdLimit}; every setter rejects a bad value at once, naming it. */
    public static final class Builder {
        private int initialLimit = LimitAlgorithm.DEFAULT_INITIAL_LIMIT;
        private int ceiling = 1000;
        private double backoffRatio = 0.9;
        private double increase = 0.5;
        private boolean slowStart = true;
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

        /** @param increase how much the limit grows per round trip after slow start, above 0 and at most 100; default 0.5 */
        public Builder increase(double increase) {
            if (!(increase > 0 && increase <= 100)) {
                throw new IllegalArgumentException("increase must be above 0 and at most 100 (calls per round trip), was " + increase);
            }
            this.increase = increase;
            return this;
        }

        /** @param slowStart whether the limit doubles every round trip until the first loss; default true */
        public Builder slowStart(boolean slowStart) {
            this.slowStart = slowStart;
            return this;
        }

        /** @param clock the clock of the calls' timings; default the system's */
        public Builder clock(NanoClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        public AimdLimit build() {
            return new AimdLimit(this);
        }
    }
}
