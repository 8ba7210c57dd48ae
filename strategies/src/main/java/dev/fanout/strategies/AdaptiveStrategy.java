package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.NanoClock;
import dev.fanout.core.Outcome;
import dev.fanout.core.OverloadClassifier;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.Timing;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;
import dev.fanout.strategies.limit.Limit;
import dev.fanout.strategies.limit.LimitAlgorithm;
import dev.fanout.strategies.limit.LimitListener;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/*
 * ADAPTIVE: the width is a ceiling; a limit below it moves with what the callee says.
 *
 * The idea. A fixed Semaphore(4) is the articles' answer to "do not overload the server", but
 * nobody knows the right number, and it changes. TCP never knew it either: a sender keeps a
 * congestion window, grows it while packets get through, and cuts it when one is lost or the round
 * trip grows. Here the window is the number of calls in flight, each call's outcome is the packet:
 *   - a loss: the callee refused the call as overloaded (HTTP 429 or 503, through the core's
 *     OverloadSignal that a task's exception implements), or it timed out;
 *   - a round trip: how long an answered call took, against the round trip with nothing queued.
 * A Limit algorithm turns those into a number (dev.fanout.strategies.limit): `aimd` (TCP Reno,
 * loss only: +1 per two round trips, x0.9 on a loss) or `gradient` (TCP Vegas: keeps about sqrt(limit)
 * calls waiting in the callee's queue, and x0.9 on a loss too). FanOutOptions.width() is the
 * ceiling: the permits never exceed it, so the bound promise holds.
 *
 * Where it comes from. Jacobson's congestion avoidance (1988) and TCP Vegas (Brakmo, 1994), as
 * Netflix's concurrency-limits library applies them to RPCs (its Limit/Limiter split is the model
 * of the Limit interface here; its AIMDLimit and Gradient2Limit are measured beside this strategy
 * in the benchmark scenarios).
 *
 * asyncio:   none: every asyncio article fixes the number. Closest by hand:
 *            sem = asyncio.Semaphore(k); on a 429, lower k (and wait for the permits to drain)
 *
 * Pick it when the callee's capacity is unknown or changes (shared services, autoscaling, other
 * clients), when it answers 429s, or when latency rises under load. Give each callee its own
 * instance: an instance keeps what it learned from one fan-out to the next (a fresh one starts at
 * 10 and probes). Pick `aimd` for a callee that refuses (429s); `gradient` for one that queues
 * (latency grows with load) or both. Against a callee with no limit at all it is a semaphore at its
 * ceiling, after a few round trips of slow start.
 *
 * The traps. A limit that oscillates: losses come back at once and in bursts (a 429 costs the
 * server nothing), so cutting on each one collapses the limit, then it overshoots again: here a
 * loss of a call sent before the last cut is not counted again (one cut per round trip). A limit
 * that never probes upward: grown only from answers, a limit that sank while the callee was slow
 * (or while the input trickled) would stay down; here an answer that started with the permits at
 * least half used always raises it a little, and the gradient re-measures its no-load round trip
 * by draining the queue when one has stood for 5 s. And the signal itself: a task whose 429 arrives as a plain
 * IOException is invisible to the limit; its exception must implement OverloadSignal, or the
 * builder is given a classifier (overloadWhen).
 *
 * What the benchmark shows. ./fanout bench --profile scenarios, the report's section "Scenarios:
 * finding a limit the client does not know" (docs/strategies-measured.md has a run). Against a 429
 * limit the client does not know, both algorithms settle near it within a fraction of a second, a
 * small share of requests answered 429, and nearly the goodput of a semaphore set to exactly the
 * limit; Netflix concurrency-limits' AIMDLimit and Gradient2Limit, wrapped around the same calls
 * with their defaults, let many times more requests be refused and do not settle. When the limit
 * drops mid-run, both follow it down. Against a queue, only gradient keeps the tail near the
 * unloaded latency: aimd reads no round-trip time and fills its ceiling, as a fixed semaphore at the
 * ceiling does. Delay-based limits read a busy caller as a queue, so gradient's numbers need a quiet
 * machine (the report's machine line says whether it was).
 */
public final class AdaptiveStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "adaptive";

    /** The algorithm of the registry's instance: loss-based, it never backs off without a loss. */
    public static final LimitAlgorithm DEFAULT_ALGORITHM = LimitAlgorithm.AIMD;

    private final Limit.Factory limits;
    private final String algorithm;
    private final OverloadClassifier overloaded;
    private final LimitListener listener;
    private final boolean keepLimit;
    /** The limit of the last fan-out, kept for the next one of the same width and clock. */
    private volatile Held held;

    private record Held(int ceiling, NanoClock clock, Limit limit) {
    }

    /** The registry's instance: {@link #DEFAULT_ALGORITHM}, 429s, 503s and timeouts as losses. */
    public AdaptiveStrategy() {
        this(builder());
    }

    private AdaptiveStrategy(Builder b) {
        LimitAlgorithm chosen = b.chosen;
        int initial = b.initialLimit;
        this.limits = chosen != null ? (ceiling, clock) -> chosen.create(ceiling, initial, clock) : b.limits;
        this.algorithm = b.algorithm;
        this.overloaded = b.overloaded;
        this.listener = b.listener;
        this.keepLimit = b.keepLimit;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a virtual thread per input behind a limit that moves below the width (" + algorithm
                + "): backs off on 429s, timeouts and queueing (TCP congestion control, Netflix concurrency-limits)";
    }

    @Override
    public Capabilities capabilities() {
        // read-ahead 1: the input the caller holds while it waits for a permit
        return new Capabilities(Capabilities.Width.BOUNDED, 1, true, ThreadKind.VIRTUAL);
    }

    /** @return the algorithm's name, such as {@code aimd} */
    public String algorithm() {
        return algorithm;
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        int ceiling = run.width();
        NanoClock clock = run.options().clock();
        Limit limit = limitFor(ceiling, clock);
        Permits permits = new Permits(ceiling);
        Reporter reporter = new Reporter(listener, clock, limit);
        for (Call<I, R> call; (call = run.next()) != null; ) {
            int inFlight = permits.acquire(limit);
            Call<I, R> each = call;
            run.startThread(() -> {
                try {
                    sample(limit, run.execute(each), inFlight);
                    reporter.afterSample();
                } finally {
                    permits.release();
                }
            });
        }
    }

    private Limit limitFor(int ceiling, NanoClock clock) {
        Held h = held;
        if (keepLimit && h != null && h.ceiling() == ceiling && h.clock() == clock) {
            return h.limit();
        }
        Limit limit = Objects.requireNonNull(limits.create(ceiling, clock), "the limit factory returned null");
        held = new Held(ceiling, clock, limit);
        return limit;
    }

    /** One outcome into the limit: a round trip, a loss, or nothing (a failure that says nothing about load). */
    private <R> void sample(Limit limit, Outcome<R> outcome, int inFlight) {
        Timing t = outcome.timing();
        if (!t.started()) {
            return;
        }
        long rtt = t.finishedNanos() - t.startedNanos();
        switch (outcome) {
            case Outcome.Success<R> s -> limit.onSample(t.startedNanos(), rtt, inFlight, false);
            case Outcome.TimedOut<R> to -> limit.onSample(t.startedNanos(), rtt, inFlight, true);
            case Outcome.Failure<R> f -> {
                if (overloaded.test(f.error())) {
                    limit.onSample(t.startedNanos(), rtt, inFlight, true);
                }
            }
            case Outcome.Cancelled<R> c -> {
            }
        }
    }

    /**
     * The caller's permits: only the caller takes them, any thread gives one back, and how many
     * there are is the limit's current value, read at every take. A Semaphore cannot shrink below
     * the permits already handed out; counting the calls in flight against a moving number can.
     */
    private static final class Permits {
        private final int ceiling;
        private final Thread caller = Thread.currentThread();
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean waiting;

        Permits(int ceiling) {
            this.ceiling = ceiling;
        }

        private int allowed(Limit limit) {
            return Math.max(1, Math.min(ceiling, limit.limit()));
        }

        /** @return the calls in flight with this one */
        int acquire(Limit limit) throws InterruptedException {
            while (true) {
                if (inFlight.get() < allowed(limit)) {
                    return inFlight.incrementAndGet(); // only the caller adds: the count can only have fallen since
                }
                waiting = true;
                // checked again after saying so: a release in between sees `waiting` or is seen here
                if (inFlight.get() >= allowed(limit)) {
                    LockSupport.park(this);
                }
                waiting = false;
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }

        /** After the call's sample has moved the limit, so a raised limit is seen by the woken caller. */
        void release() {
            inFlight.decrementAndGet();
            if (waiting) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Tells the listener when the limit moved; costs a read per sample when nobody listens. */
    private static final class Reporter {
        private final LimitListener listener;
        private final NanoClock clock;
        private final Limit limit;
        private final AtomicInteger last;

        Reporter(LimitListener listener, NanoClock clock, Limit limit) {
            this.listener = listener;
            this.clock = clock;
            this.limit = limit;
            int now = limit.limit();
            this.last = new AtomicInteger(now);
            if (listener != LimitListener.NONE) {
                listener.limitChanged(clock.nanoTime(), now);
            }
        }

        void afterSample() {
            if (listener == LimitListener.NONE) {
                return;
            }
            int now = limit.limit();
            if (last.getAndSet(now) != now) {
                listener.limitChanged(clock.nanoTime(), now);
            }
        }
    }

    /** Settings of an {@link AdaptiveStrategy}; every setter rejects a bad value at once, naming it. */
    public static final class Builder {
        private LimitAlgorithm chosen = DEFAULT_ALGORITHM;
        private Limit.Factory limits;
        private int initialLimit = LimitAlgorithm.DEFAULT_INITIAL_LIMIT;
        private String algorithm = DEFAULT_ALGORITHM.label();
        private OverloadClassifier overloaded = OverloadClassifier.DEFAULT;
        private LimitListener listener = LimitListener.NONE;
        private boolean keepLimit = true;

        private Builder() {
        }

        /** @param algorithm one of {@link LimitAlgorithm#names()}, with its default settings */
        public Builder limit(String algorithm) {
            return limit(LimitAlgorithm.named(algorithm));
        }

        public Builder limit(LimitAlgorithm algorithm) {
            Objects.requireNonNull(algorithm, "algorithm must not be null");
            this.chosen = algorithm;
            this.limits = null;
            this.algorithm = algorithm.label();
            return this;
        }

        /**
         * @param initialLimit where an algorithm chosen by name starts, at least 1; a value at or
         *                     above the width starts at the width (no slow start). Default
         *                     {@value LimitAlgorithm#DEFAULT_INITIAL_LIMIT}
         */
        public Builder initialLimit(int initialLimit) {
            if (initialLimit < 1) {
                throw new IllegalArgumentException("initialLimit must be at least 1, was " + initialLimit);
            }
            this.initialLimit = initialLimit;
            return this;
        }

        /**
         * @param name   how the description names it
         * @param limits makes each limit, given the fan-out's width as its ceiling and its clock
         */
        public Builder limit(String name, Limit.Factory limits) {
            Objects.requireNonNull(name, "name must not be null");
            this.limits = Objects.requireNonNull(limits, "limits must not be null");
            this.chosen = null;
            this.algorithm = name;
            return this;
        }

        /**
         * @param overloaded whether a task's failure is a loss (the callee is overloaded); default
         *                   {@link OverloadClassifier#DEFAULT}, as for the hedged strategy. Failures it
         *                   rejects leave the limit alone; a classifier that throws counts as no
         */
        public Builder overloadWhen(OverloadClassifier overloaded) {
            this.overloaded = Objects.requireNonNull(overloaded, "overloadWhen must not be null");
            return this;
        }

        /** @param listener hears every move of the limit; default none */
        public Builder listener(LimitListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener must not be null (use LimitListener.NONE)");
            return this;
        }

        /**
         * @param keepLimit whether a fan-out starts where the last one of the same width left the
         *                  limit (default), or afresh at the algorithm's initial limit
         */
        public Builder keepLimitBetweenRuns(boolean keepLimit) {
            this.keepLimit = keepLimit;
            return this;
        }

        public AdaptiveStrategy build() {
            return new AdaptiveStrategy(this);
        }
    }
}
