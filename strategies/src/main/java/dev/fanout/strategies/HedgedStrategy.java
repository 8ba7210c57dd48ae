package dev.fanout.strategies;

import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.Capabilities;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.NanoClock;
import dev.fanout.core.OverloadSignal;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/*
 * HEDGED: a second attempt for a call that runs long; the first answer wins.
 *
 * The idea. A fan-out waits for its slowest call, so the tail of one call's latency becomes the
 * latency of the whole batch. "The Tail at Scale" (Dean and Barroso, CACM 2013) answers with a hedged
 * request: once a call has been outstanding longer than the latency it normally takes (they suggest
 * the 95th percentile), send the same request again, take whichever answers first and cancel the
 * other. In their BigTable measurement, reading 1,000 keys and hedging after 10 ms cut the 99.9th
 * percentile from 1,800 ms to 74 ms for 2% more requests: a slow call is mostly bad luck (a GC
 * pause, a busy replica, a cold cache), and a second draw is rarely unlucky too. gRPC made it a
 * policy (hedgingPolicy: hedgingDelay, maxAttempts, with retryThrottling so that hedges stop when the
 * server fails), Finagle a filter (BackupRequestFilter: the delay is a percentile of recent latencies,
 * a RetryBudget caps the extra load), Envoy a route option.
 *
 * asyncio:   first = asyncio.create_task(fetch(u))
 *            done, _ = await asyncio.wait({first}, timeout=delay)
 *            if not done:
 *                second = asyncio.create_task(fetch(u))
 *                done, pending = await asyncio.wait({first, second}, return_when=FIRST_COMPLETED)
 *                for t in pending: t.cancel()
 *
 * Here. The semaphore's sliding window, plus a sweeper thread that looks at the calls in flight:
 * one that has run longer than the hedging delay gets one more attempt of the same input. The delay
 * is fixed, or a percentile of the latencies of this run's successful attempts (default p99),
 * trusted only after a warm-up of max(20, 100 / (100 - p)) of them: 100 for p99. The first success
 * decides the input's one outcome; a failure decides only when no other attempt is still running,
 * so a hedge that fails (a 429, say) never turns a success into a failure. The loser is not an
 * outcome; the item's timing runs from its first attempt's start to the winner's end, the wait its
 * caller had. Attempts share the width: a hedge takes a slot like any call (the next slot that
 * frees, before any new input: the item it serves is already late). A budget caps hedges at a
 * fraction of the calls started (default 5%, like Finagle's and Envoy's retry budgets; a hedge held
 * back is offered again as the budget grows), and an overload answer (an OverloadSignal, HTTP 429 for
 * instance, or the builder's overloadedWhen) throttles hedging the way gRPC throttles retries: 10 tokens, one taken per
 * overload answer, a tenth given back per success, no hedge at half or below. So hedging never
 * amplifies an overload.
 *
 * Cancelling the loser, measured. Interrupting it at once and handing its slot on is what hedging
 * libraries do, and over HTTP/1.1 it closes the connection; but a server that does not look while
 * it works (MockWebServer sleeps on, as most servers compute on) goes on with the call, so it sees
 * more than `width` requests of the fan-out at once: at width 32 on bimodal:10ms,500ms,0.01 the
 * server counted 45 to 48 in flight, each abandoned 500 ms call still there. So by default the loser
 * runs to its own end holding its slot, its answer dropped, and the server's own count stays at the
 * width (losers still running once every input is decided are interrupted then, and a task timeout
 * holds for them too). Builder.cancelLosers(true) interrupts at once: for a callee that stops work
 * on a cancelled request (HTTP/2's RST_STREAM, gRPC's cancellation).
 *
 * Pick it when an item's tail or the batch's makespan matters more than a few percent more requests,
 * the calls are idempotent, and the tail comes from the callee's variance rather than from its load:
 * a replicated read, a cache or a search index. Not for a callee that is slow because it is
 * overloaded (hedges add load; the budget and the throttle keep that small, they cannot make it
 * useful), and not at width 1 (a hedge would need the slot its own primary holds).
 *
 * The trap: the duplicate side effect. A hedge runs the call twice: a POST that charges a card
 * charges it twice, and cancelling the loser does not undo what it already did. So only a task that
 * declares itself idempotent is hedged: it implements HedgedStrategy.Idempotent, or is wrapped with
 * HedgedStrategy.idempotent(task). Any other task runs as a plain sliding window, each input exactly
 * once, and the strategy says why (stats().runsNotIdempotent(), NOT_IDEMPOTENT, a warning logged
 * once). Two more, measured: a delay the budget cannot pay for (at p95 the delay alone asks for 5%
 * hedges, so a 5% budget runs dry and refuses hedges by arrival order rather than by need: the
 * default is p99 under a 5% budget, the delay steers and the budget only caps); and a percentile
 * without history (a run spends its first 100 successes learning p99: give short runs a fixed delay).
 *
 * What the benchmark shows (PROVISIONAL: one 2-core machine shared with other builds, load average
 * 10 to 15, JDK 25, OkHttp; `./fanout run ... --items 5000 --width 32`, one run each, same seed). On
 * bimodal:10ms,500ms,0.01 the semaphore's item (service) p99.9 was 501-516 ms; hedged's, by default,
 * 100-235 ms (p98: 43-103 ms), for 1.1-1.8% more requests counted by the server, whose in-flight peak
 * stayed at 32 (45-48 with cancelLosers). The machine's own noise is the floor here: at fixed:10ms
 * the semaphore's p99.9 was 259 ms, and the p99 delay this run learned was 35-94 ms where a quiet
 * machine's is about 12. With a server limit of 31 at width 32 (half the calls answered 429), the
 * throttle held 28 hedges back and 2 started: 0.04% more requests, under the 5% budget.
 */
public final class HedgedStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "hedged";

    /** The default delay: the 99th percentile of the run's latencies (see the header for why not p95). */
    public static final double DEFAULT_PERCENTILE = 99;

    /** The default budget: hedges may be at most 5% of the calls started. */
    public static final double DEFAULT_BUDGET = 0.05;

    /** The fewest samples a percentile delay is trusted on, whatever the percentile. */
    public static final int MIN_WARMUP = 20;

    /** Why a run whose task is not {@link Idempotent} hedges nothing. */
    public static final String NOT_IDEMPOTENT = "the task is not declared idempotent, so no call is hedged: a hedge makes"
            + " the same call twice; implement HedgedStrategy.Idempotent or wrap the task with HedgedStrategy.idempotent(task)"
            + " if running it twice is harmless";

    /** gRPC's retry throttling, in thousandths of a token: 10 tokens, 1 per overload, 0.1 back per success. */
    private static final int THROTTLE_MAX = 10_000;
    private static final int THROTTLE_OVERLOAD = 1_000;
    private static final int THROTTLE_SUCCESS = 100;

    private static final long MIN_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long PERCENTILE_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /** A flight's {@code primaryStart} before its first attempt has begun. */
    private static final long NOT_BEGUN = Long.MIN_VALUE;

    /**
     * A task that may run more than once for one input: what it does twice has the effect of once (a
     * GET, a read, a PUT of the same value). Only such a task is hedged. Implement it on the task's
     * class, or wrap a task (a lambda, say) with {@link HedgedStrategy#idempotent}.
     */
    public interface Idempotent {
    }

    /**
     * Declares a task idempotent, so that this strategy may hedge it. A task that is already
     * {@link Idempotent} is returned as it is; an {@link AsyncFanOutTask} stays one.
     *
     * @throws NullPointerException if the task is null
     */
    public static <I, R> FanOutTask<I, R> idempotent(FanOutTask<I, R> task) {
        Objects.requireNonNull(task, "task must not be null");
        if (task instanceof Idempotent) {
            return task;
        }
        if (task instanceof AsyncFanOutTask<I, R> async) {
            return new IdempotentAsyncTask<>(async);
        }
        return new IdempotentTask<>(task);
    }

    private record IdempotentTask<I, R>(FanOutTask<I, R> task) implements FanOutTask<I, R>, Idempotent {
        @Override
        public R call(I input) throws Exception {
            return task.call(input);
        }
    }

    private record IdempotentAsyncTask<I, R>(AsyncFanOutTask<I, R> task) implements AsyncFanOutTask<I, R>, Idempotent {
        @Override
        public CompletableFuture<R> callAsync(I input) throws Exception {
            return task.callAsync(input);
        }

        @Override
        public R call(I input) throws Exception {
            return task.call(input); // its own blocking path, which may be cheaper than waiting for the future
        }
    }

    /** @return a builder with the defaults: p99 delay, 5% budget, an {@link OverloadSignal} as the overload answer */
    public static Builder builder() {
        return new Builder();
    }

    /** Every argument is checked where it is given, with a message naming it. */
    public static final class Builder {
        private Duration fixedDelay;
        private double percentile = DEFAULT_PERCENTILE;
        private double budget = DEFAULT_BUDGET;
        private int warmup;
        private Predicate<? super Throwable> overloaded = OverloadSignal::in;
        private boolean cancelLosers;

        private Builder() {
        }

        /**
         * Hedge a call once it has run this long (zero: hedge every call at once, within the budget).
         *
         * @throws IllegalArgumentException if it is negative
         */
        public Builder delay(Duration delay) {
            Objects.requireNonNull(delay, "delay must not be null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must be at least 0, was " + delay);
            }
            this.fixedDelay = delay;
            return this;
        }

        /**
         * Hedge a call once it has run longer than this percentile of the latencies of the run's
         * successful attempts so far (no hedge before the warm-up has that many).
         *
         * @throws IllegalArgumentException unless it is above 0 and below 100
         */
        public Builder delayPercentile(double percentile) {
            if (!(percentile > 0 && percentile < 100)) {
                throw new IllegalArgumentException("percentile must be above 0 and below 100, was " + percentile);
            }
            this.percentile = percentile;
            this.fixedDelay = null;
            return this;
        }

        /**
         * The most hedges as a fraction of the calls started in a run: 0.05 = one hedge per 20 calls.
         *
         * @throws IllegalArgumentException unless it is between 0 and 1
         */
        public Builder budget(double budget) {
            if (!(budget >= 0 && budget <= 1)) {
                throw new IllegalArgumentException("budget must be between 0 and 1, was " + budget);
            }
            this.budget = budget;
            return this;
        }

        /**
         * How many successful attempts a percentile delay needs before it is trusted; by default
         * max({@value #MIN_WARMUP}, 100 / (100 - percentile)).
         *
         * @throws IllegalArgumentException if it is below 1
         */
        public Builder warmup(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("warmup must be at least 1 sample, was " + samples);
            }
            this.warmup = samples;
            return this;
        }

        /**
         * How the task says "overloaded" (an HTTP 429 or 503, a RESOURCE_EXHAUSTED): an attempt
         * failing with an error this accepts throttles hedging. A classifier that throws counts as no.
         * By default an error that is (or is caused by) an {@link OverloadSignal} saying so, the
         * same marker the adaptive strategy backs off on.
         */
        public Builder overloadedWhen(Predicate<? super Throwable> overloaded) {
            this.overloaded = Objects.requireNonNull(overloaded, "overloadedWhen must not be null");
            return this;
        }

        /**
         * What becomes of the attempt that loses. {@code false} (the default): it runs to its own end,
         * holding its slot, and its answer is dropped, so the callee never works on more than
         * {@code width} calls of this fan-out at once (over HTTP/1.1 a cancel only closes the
         * connection: a server that does not look, as most do not while they work, goes on with the
         * call, and a slot freed at once would let it have more). Losers still running when every
         * input is decided are interrupted then. {@code true}: the loser is interrupted at once and
         * its slot goes to the next call: the batch finishes sooner, but the callee may be working on
         * more than {@code width} of them. Pick it for a callee that stops work on a cancelled request
         * (HTTP/2's RST_STREAM, gRPC's cancellation).
         */
        public Builder cancelLosers(boolean cancelLosers) {
            this.cancelLosers = cancelLosers;
            return this;
        }

        public HedgedStrategy build() {
            return new HedgedStrategy(this);
        }
    }

    /**
     * What this instance's runs did, summed over all of them.
     *
     * @param hedgesStarted      extra attempts started: each one more request to the callee
     * @param hedgesWon          inputs whose hedge answered first and decided the outcome
     * @param hedgesLost         hedges whose first attempt answered first
     * @param losersCancelled    losing attempts (first attempts or hedges) interrupted before they
     *                           ended: at once with {@link Builder#cancelLosers}, else only those
     *                           still running when every input was decided
     * @param heldForBudget      inputs whose hedge, once due, the budget held back (some start later)
     * @param heldForOverload    inputs whose hedge, once due, the overload throttle held back
     * @param runsNotIdempotent  runs that hedged nothing because the task is not {@link Idempotent}
     * @param lastDelay          the hedging delay the last run used last, if it had one (a percentile
     *                           delay has none until its warm-up ends)
     */
    public record Stats(long hedgesStarted, long hedgesWon, long hedgesLost, long losersCancelled, long heldForBudget,
                        long heldForOverload, long runsNotIdempotent, Optional<Duration> lastDelay) {
    }

    private final Duration fixedDelay;
    private final double percentile;
    private final double budget;
    private final int warmup;
    private final Predicate<? super Throwable> overloaded;
    private final boolean cancelLosers;

    private final LongAdder started = new LongAdder();
    private final LongAdder won = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder losersCancelled = new LongAdder();
    private final LongAdder heldForBudget = new LongAdder();
    private final LongAdder heldForOverload = new LongAdder();
    private final LongAdder notIdempotent = new LongAdder();
    private volatile long lastDelayNanos = -1;

    /** With the defaults: hedge after p99 of the run's latencies, at most 5% more calls. */
    public HedgedStrategy() {
        this(builder());
    }

    private HedgedStrategy(Builder b) {
        this.fixedDelay = b.fixedDelay;
        this.percentile = b.percentile;
        this.budget = b.budget;
        this.warmup = b.warmup > 0 ? b.warmup : (int) Math.max(MIN_WARMUP, Math.ceil(100 / (100 - b.percentile) - 1e-9));
        this.overloaded = b.overloaded;
        this.cancelLosers = b.cancelLosers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the semaphore's window, plus a second attempt for a call slower than " + delaySpec()
                + " (idempotent tasks only); the first answer wins, hedges share the width, at most "
                + percent(budget) + " more calls";
    }

    @Override
    public Capabilities capabilities() {
        // read-ahead 1: the input the caller holds while it waits for a slot
        return new Capabilities(Capabilities.Width.BOUNDED, 1, true, ThreadKind.VIRTUAL);
    }

    /** @return the delay as the command line writes it: {@code p99} or {@code 50ms} */
    public String delaySpec() {
        if (fixedDelay == null) {
            return "p" + trim(percentile);
        }
        long nanos = fixedDelay.toNanos();
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : trim(nanos / 1e6) + "ms";
    }

    /** @return the fraction of calls that may be hedged */
    public double budget() {
        return budget;
    }

    /** @return whether a losing attempt is interrupted at once ({@link Builder#cancelLosers}) */
    public boolean cancelsLosers() {
        return cancelLosers;
    }

    /** @return the samples a percentile delay waits for; irrelevant to a fixed delay */
    public int warmup() {
        return warmup;
    }

    /** @return what this instance's runs did, summed over all of them */
    public Stats stats() {
        long last = lastDelayNanos;
        return new Stats(started.sum(), won.sum(), lost.sum(), losersCancelled.sum(), heldForBudget.sum(),
                heldForOverload.sum(), notIdempotent.sum(), last < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(last)));
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String percent(double fraction) {
        return trim(fraction * 100) + "%";
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        boolean declared = run.task() instanceof Idempotent;
        if (!declared) {
            notIdempotent.increment();
            if (WARNED.compareAndSet(false, true)) {
                System.getLogger(HedgedStrategy.class.getName()).log(System.Logger.Level.WARNING, NOT_IDEMPOTENT);
            }
        }
        new HedgedRun<>(this, run, declared && budget > 0).run();
    }

    // ---------------------------------------------------------------- one run

    private static final class HedgedRun<I, R> {
        final HedgedStrategy strategy;
        final FanOutRun<I, R> run;
        final FanOutTask<I, R> task;
        final NanoClock clock;
        final boolean hedging;
        final Window window;
        final Latencies latencies = new Latencies();
        /** Calls started, for the budget; hedges claimed, counted against it. */
        final LongAdder primaries = new LongAdder();
        final AtomicLong hedges = new AtomicLong();
        final AtomicInteger throttle = new AtomicInteger(THROTTLE_MAX);
        /** Each slot's latest primary, written by the caller only, read by the sweeper. */
        volatile AtomicReferenceArray<Flight<I, R>> flights = new AtomicReferenceArray<>(16);
        /** Decided inputs whose losing attempt still runs (when losers are left to finish). */
        final Set<Flight<I, R>> lingering = ConcurrentHashMap.newKeySet();
        final long loserTimeoutNanos;
        volatile boolean finished;
        long cachedDelay = -1;
        long cachedAt;

        HedgedRun(HedgedStrategy strategy, FanOutRun<I, R> run, boolean hedging) {
            this.strategy = strategy;
            this.run = run;
            this.task = run.task();
            this.clock = run.options().clock();
            this.hedging = hedging;
            this.window = new Window(run.width());
            this.loserTimeoutNanos = run.options().taskTimeout().map(Duration::toNanos).orElse(0L);
        }

        void run() throws InterruptedException {
            Thread sweeper = hedging ? run.startThread(this::sweep) : null;
            try {
                for (Call<I, R> call; (call = run.next()) != null; ) {
                    int slot = window.acquire();
                    Flight<I, R> flight = new Flight<>(this, call);
                    if (hedging) {
                        publish(slot, flight); // the sweeper ignores it until its first attempt has begun
                    }
                    try {
                        run.startThread(() -> attempt(flight, slot, false));
                    } catch (Throwable t) {
                        release(slot); // never begun: the run cancels it as unstarted
                        throw t;
                    }
                }
                if (hedging) {
                    run.awaitDecided(); // the last calls are the ones a hedge helps most: keep the sweeper until then
                }
            } finally {
                finished = true;
                if (sweeper != null) {
                    LockSupport.unpark(sweeper);
                }
                // every input is decided (or the run is being aborted): no loser may outlive the call
                for (Flight<I, R> flight : lingering) {
                    flight.cancelLosers();
                }
            }
        }

        /** On the caller's thread, the table's only writer: grows it by copying. */
        private void publish(int slot, Flight<I, R> flight) {
            AtomicReferenceArray<Flight<I, R>> table = flights;
            if (slot >= table.length()) {
                AtomicReferenceArray<Flight<I, R>> bigger = new AtomicReferenceArray<>(Math.max(slot + 1, 2 * table.length()));
                for (int i = 0; i < table.length(); i++) {
                    bigger.set(i, table.get(i));
                }
                flights = table = bigger;
            }
            table.set(slot, flight);
        }

        /** One attempt on its own tracked thread; its slot then goes to a waiting hedge, or back. */
        void attempt(Flight<I, R> flight, int slot, boolean hedge) {
            try {
                if (hedge) {
                    flight.hedge();
                } else {
                    flight.primary();
                }
            } finally {
                release(slot);
            }
        }

        private void release(int slot) {
            Flight<I, R> waiting = window.release(slot);
            if (waiting != null) {
                startHedge(waiting, slot);
            }
        }

        private void startHedge(Flight<I, R> flight, int slot) {
            try {
                run.startThread(() -> attempt(flight, slot, true));
            } catch (Throwable t) {
                flight.ended(true, false, null, new CancellationException("the hedge's thread did not start: " + t));
                window.release(slot);
                throw t;
            }
        }

        // ------------------------------------------------------------ the sweeper

        /** Looks at the calls in flight and hedges those past the delay, until the run has no more. */
        void sweep() {
            while (!finished && !Thread.currentThread().isInterrupted()) {
                long now = clock.nanoTime();
                long delay = delayNanos(now);
                long nextDue = Long.MAX_VALUE;
                if (loserTimeoutNanos > 0 && !lingering.isEmpty()) {
                    for (Flight<I, R> flight : lingering) {
                        flight.cancelLosersStartedBefore(now - loserTimeoutNanos); // the task timeout holds for losers too
                    }
                }
                if (delay >= 0 && !run.cancelling()) {
                    AtomicReferenceArray<Flight<I, R>> table = flights;
                    boolean heldBack = false; // the budget and the throttle are the run's: one refusal stands for the sweep
                    for (int i = 0; i < table.length() && !heldBack; i++) {
                        Flight<I, R> flight = table.get(i);
                        if (flight == null || flight.considered || flight.settled()) {
                            continue;
                        }
                        long start = flight.primaryStart;
                        if (start == NOT_BEGUN) {
                            continue;
                        }
                        long due = start + delay;
                        if (due - now <= 0) {
                            flight.considered = true; // offered once; a hedge held back is offered again later
                            heldBack = consider(flight);
                        } else {
                            nextDue = Math.min(nextDue, due);
                        }
                    }
                }
                long tick = delay < 0 ? MAX_TICK_NANOS : Math.clamp(delay / 16, MIN_TICK_NANOS, MAX_TICK_NANOS);
                long wait = nextDue == Long.MAX_VALUE ? tick : Math.clamp(nextDue - now, tick, MAX_TICK_NANOS);
                LockSupport.parkNanos(this, wait);
            }
        }

        /** @return the hedging delay now, or -1 while a percentile is still warming up */
        private long delayNanos(long now) {
            long delay;
            if (strategy.fixedDelay != null) {
                delay = strategy.fixedDelay.toNanos();
            } else {
                if (cachedDelay < 0 || now - cachedAt >= PERCENTILE_REFRESH_NANOS) {
                    cachedDelay = latencies.percentileNanos(strategy.percentile, strategy.warmup);
                    cachedAt = now;
                }
                delay = cachedDelay;
            }
            if (delay >= 0) {
                strategy.lastDelayNanos = delay;
            }
            return delay;
        }

        /** @return whether the budget or the throttle held the hedge back */
        private boolean consider(Flight<I, R> flight) {
            int slot = window.offer(flight);
            if (slot >= 0) {
                startHedge(flight, slot);
            }
            return slot == Window.HELD_BACK;
        }

        /** Whether one more hedge fits the budget; takes it if so. */
        boolean takeFromBudget() {
            double allowed = strategy.budget * primaries.sum();
            while (true) {
                long h = hedges.get();
                if (h + 1 > allowed) {
                    return false;
                }
                if (hedges.compareAndSet(h, h + 1)) {
                    return true;
                }
            }
        }

        boolean throttled() {
            return throttle.get() <= THROTTLE_MAX / 2;
        }

        /**
         * What an attempt's answer teaches. Any success gives the throttle a tenth of a token back, an
         * overload answer takes one. Only an answer that decided its input is a latency sample: a
         * loser left to finish is the slow draw the hedge was there to avoid, and counting it would
         * drag the delay up to the tail it is meant to cut.
         */
        void learn(Throwable error, long tookNanos, boolean decidedItsInput) {
            if (error == null) {
                if (decidedItsInput) {
                    latencies.record(tookNanos);
                }
                if (throttle.get() < THROTTLE_MAX) {
                    throttle.getAndUpdate(t -> Math.min(THROTTLE_MAX, t + THROTTLE_SUCCESS));
                }
            } else if (overloaded(error)) {
                throttle.getAndUpdate(t -> Math.max(0, t - THROTTLE_OVERLOAD));
            }
        }

        private boolean overloaded(Throwable error) {
            try {
                return strategy.overloaded.test(error);
            } catch (RuntimeException classifierFailed) {
                return false;
            }
        }
    }

    /** What {@link Flight#claimHedge} found. */
    private enum Claim { CLAIMED, GONE, HELD_BACK }

    // ---------------------------------------------------------------- one input's attempts

    /**
     * One input in flight: its first attempt, maybe a hedge, and which of them decides. The state is
     * guarded by the flight's monitor; the run's outcome is decided outside it.
     */
    private static final class Flight<I, R> {
        final HedgedRun<I, R> owner;
        final Call<I, R> call;
        /** When the first attempt began (the run's clock), or {@link #NOT_BEGUN}. */
        volatile long primaryStart = NOT_BEGUN;
        /** When the hedge began, or {@link #NOT_BEGUN}. */
        volatile long hedgeStart = NOT_BEGUN;
        /** The sweeper's own mark: it has offered this flight's hedge and is not to offer it again. */
        volatile boolean considered;
        volatile boolean primaryEnded;
        volatile boolean decided;

        // guarded by this
        private Thread primary;
        private Thread hedge;
        private int running = 1;
        private boolean hedged;
        private boolean cancelled;
        private boolean heldBack;
        private Throwable firstError;

        Flight(HedgedRun<I, R> owner, Call<I, R> call) {
            this.owner = owner;
            this.call = call;
        }

        boolean settled() {
            return decided || primaryEnded;
        }

        /** The run's interrupter (a timeout, the deadline, fail-fast, the caller's interrupt): stops every attempt. */
        void cancel() {
            Thread p;
            Thread h;
            synchronized (this) {
                cancelled = true;
                p = primary;
                h = hedge;
            }
            if (p != null) {
                p.interrupt();
            }
            if (h != null) {
                h.interrupt();
            }
        }

        /** Interrupts the losing attempt still running: every input is decided, or it ran past the task timeout. */
        void cancelLosers() {
            cancelLosers(true, 0);
        }

        /** Interrupts a losing attempt that began before {@code startedBefore} (the run's clock). */
        void cancelLosersStartedBefore(long startedBefore) {
            cancelLosers(false, startedBefore);
        }

        private void cancelLosers(boolean all, long startedBefore) {
            Thread p;
            Thread h;
            synchronized (this) {
                p = all || primaryStart - startedBefore < 0 ? primary : null;
                h = all || hedgeStart != NOT_BEGUN && hedgeStart - startedBefore < 0 ? hedge : null;
            }
            for (Thread t : new Thread[]{p, h}) {
                if (t != null) {
                    t.interrupt();
                    owner.strategy.losersCancelled.increment();
                }
            }
        }

        /**
         * Claims the hedge, under the window's lock: only one, only while the input is undecided and
         * the run goes on, only within the budget and while the callee is not overloaded. A hedge held
         * back is offered again at a later sweep (the budget grows with every call started, the
         * throttle with every success).
         */
        synchronized Claim claimHedge() {
            if (hedged || decided || cancelled || primaryEnded || owner.run.cancelling()) {
                return Claim.GONE;
            }
            HedgedStrategy s = owner.strategy;
            boolean overload = owner.throttled();
            if (overload || !owner.takeFromBudget()) {
                if (!heldBack) {
                    heldBack = true;
                    (overload ? s.heldForOverload : s.heldForBudget).increment();
                }
                considered = false;
                return Claim.HELD_BACK;
            }
            hedged = true;
            running++;
            return Claim.CLAIMED;
        }

        /**
         * The first attempt, on its own thread. The thread is known before the call begins, so the
         * run's interrupter always reaches it: a cancellation that comes after the call began is an
         * interrupt the task sees, as on any strategy's thread.
         */
        void primary() {
            synchronized (this) {
                primary = Thread.currentThread();
            }
            if (!owner.run.begin(call, this::cancel)) {
                synchronized (this) { // cancelled before it began: the run has decided it
                    primary = null;
                    running--;
                    primaryEnded = true;
                    decided = true;
                }
                return;
            }
            owner.primaries.increment();
            primaryStart = owner.clock.nanoTime();
            run(false);
        }

        /** The hedge, on its own thread: it runs only while the input is undecided and not cancelled. */
        void hedge() {
            boolean go;
            synchronized (this) {
                go = !decided && !cancelled;
                if (go) {
                    hedge = Thread.currentThread();
                }
            }
            if (!go) {
                ended(true, false, null, new CancellationException("input " + call.index()
                        + ": decided or cancelled before its hedge started"));
                return;
            }
            owner.strategy.started.increment();
            hedgeStart = owner.clock.nanoTime();
            run(true);
        }

        private void run(boolean isHedge) {
            long start = owner.clock.nanoTime();
            R value = null;
            Throwable error = null;
            try {
                value = owner.task.call(call.input());
            } catch (Throwable t) {
                error = t;
            }
            long took = owner.clock.nanoTime() - start;
            boolean decidedIt = ended(isHedge, true, value, error);
            owner.learn(error, took, decidedIt);
        }

        /**
         * @param ran whether the attempt made its call (a hedge may end before it does)
         * @return whether this attempt decided the input's outcome
         */
        boolean ended(boolean isHedge, boolean ran, R value, Throwable error) {
            Thread loser = null;
            boolean decide;
            boolean lostRace = false;
            Throwable decisive = error;
            synchronized (this) {
                running--;
                if (isHedge) {
                    hedge = null; // no later interrupt may reach this thread
                } else {
                    primary = null;
                    primaryEnded = true;
                }
                if (decided) {
                    decide = false; // the other attempt answered first: this one is not an outcome
                    lostRace = true;
                    owner.lingering.remove(this);
                } else if (error != null && running > 0 && !cancelled) {
                    decide = false; // a failure while the other attempt may still succeed: wait for it
                    if (firstError == null) {
                        firstError = error;
                    }
                } else {
                    decide = true;
                    decided = true;
                    Thread other = isHedge ? primary : hedge;
                    if (other != null && owner.strategy.cancelLosers) {
                        loser = other;
                    } else if (other != null) {
                        owner.lingering.add(this); // left to finish, holding its slot
                    }
                    if (error != null && firstError != null) {
                        decisive = firstError; // both failed: the first failure is the one to report
                    }
                }
            }
            HedgedStrategy s = owner.strategy;
            if (!decide) {
                if (isHedge && ran && lostRace) {
                    s.lost.increment();
                }
                return false;
            }
            if (loser != null) {
                loser.interrupt();
                s.losersCancelled.increment();
            }
            if (isHedge && ran && error == null) {
                s.won.increment();
            }
            R result = error == null ? value : null;
            Throwable failure = error == null ? null : decisive;
            if (ran) {
                // the task ran here, on the thread the run's interrupter reaches: the run's own rule
                // tells a task that answered a cancellation with an error of its own from a failure
                owner.run.completeOnTaskThread(call, result, failure);
            } else {
                owner.run.complete(call, result, failure);
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- the width, shared by attempts

    /**
     * The width as slots (small integers, so the sweeper can find each slot's call), shared by first
     * attempts and hedges. A freed slot goes to a waiting hedge before any new input: the input a
     * hedge serves is already late.
     */
    private static final class Window {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition freed = lock.newCondition();
        private final int width;
        private int[] free = new int[16];
        private int freeCount;
        /** Slots ever handed out; a slot is made only when none is free, so O(calls in flight), not O(width). */
        private int made;
        private final ArrayDeque<Flight<?, ?>> waitingHedges = new ArrayDeque<>();

        Window(int width) {
            this.width = width;
        }

        /** The caller's: a slot for a first attempt, waiting until one is free. */
        int acquire() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (freeCount == 0 && made == width) {
                    freed.await();
                }
                return freeCount > 0 ? free[--freeCount] : made++;
            } finally {
                lock.unlock();
            }
        }

        static final int QUEUED_OR_GONE = -1;
        static final int HELD_BACK = -2;

        /**
         * The sweeper's: a slot for a hedge now (claimed), or {@link #QUEUED_OR_GONE} (it waits for
         * the next free slot, or there is nothing to hedge any more), or {@link #HELD_BACK}.
         */
        int offer(Flight<?, ?> flight) {
            lock.lock();
            try {
                if (freeCount == 0 && made == width) {
                    waitingHedges.add(flight);
                    return QUEUED_OR_GONE;
                }
                switch (flight.claimHedge()) {
                    case GONE -> {
                        return QUEUED_OR_GONE;
                    }
                    case HELD_BACK -> {
                        return HELD_BACK;
                    }
                    default -> {
                    }
                }
                return freeCount > 0 ? free[--freeCount] : made++;
            } finally {
                lock.unlock();
            }
        }

        /**
         * An attempt ended: its slot goes to the first waiting hedge that can still be claimed, else
         * back to the free slots.
         *
         * @return the flight whose hedge now owns the slot, or null
         */
        @SuppressWarnings("unchecked")
        <I, R> Flight<I, R> release(int slot) {
            lock.lock();
            try {
                for (Flight<?, ?> waiting; (waiting = waitingHedges.poll()) != null; ) {
                    if (waiting.claimHedge() == Claim.CLAIMED) {
                        return (Flight<I, R>) waiting;
                    }
                }
                if (freeCount == free.length) {
                    free = Arrays.copyOf(free, 2 * free.length);
                }
                free[freeCount++] = slot;
                freed.signal();
                return null;
            } finally {
                lock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- the run's latencies

    /**
     * A log-linear histogram of attempt latencies in microseconds (16 buckets per power of two, so a
     * percentile is within about 6%): lock-free to record, a scan to read. No third-party
     * dependency, and no allocation per sample.
     */
    static final class Latencies {
        private static final int SUB_BITS = 4;
        private static final int SUB = 1 << SUB_BITS;
        /** Up to 2^40 microseconds (about 12 days); longer is counted in the last bucket. */
        private static final int BUCKETS = (40 - SUB_BITS + 1) * SUB;

        private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
        private final LongAdder total = new LongAdder();

        void record(long nanos) {
            counts.incrementAndGet(index(Math.max(0, nanos / 1000)));
            total.increment();
        }

        long count() {
            return total.sum();
        }

        /** @return the percentile in nanoseconds (a bucket's upper edge), or -1 with fewer than {@code warmup} samples */
        long percentileNanos(double percentile, int warmup) {
            long n = total.sum();
            if (n < warmup || n == 0) {
                return -1;
            }
            long rank = Math.max(1, (long) Math.ceil(percentile / 100 * n));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts.get(i);
                if (seen >= rank) {
                    return upperMicros(i) * 1000;
                }
            }
            return upperMicros(BUCKETS - 1) * 1000;
        }

        static int index(long micros) {
            if (micros < SUB) {
                return (int) micros;
            }
            int exponent = 63 - Long.numberOfLeadingZeros(micros);
            int index = (exponent - SUB_BITS + 1) * SUB + (int) ((micros >>> (exponent - SUB_BITS)) & (SUB - 1));
            return Math.min(index, BUCKETS - 1);
        }

        /** @return the smallest value above every value counted in the bucket */
        static long upperMicros(int index) {
            if (index < SUB) {
                return index + 1;
            }
            int exponent = index / SUB + SUB_BITS - 1;
            long lower = (long) (SUB + index % SUB) << (exponent - SUB_BITS);
            return lower + (1L << (exponent - SUB_BITS));
        }
    }
}
