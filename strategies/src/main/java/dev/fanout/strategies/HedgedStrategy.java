package dev.fanout.strategies;

import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.Capabilities;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.OverloadClassifier;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.FanOutRun;
import dev.fanout.strategies.hedge.HedgeCounters;
import dev.fanout.strategies.hedge.HedgeDelay;
import dev.fanout.strategies.hedge.HedgePolicy;
import dev.fanout.strategies.hedge.HedgedRun;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * back is offered again as the budget grows), and an overload answer (what the builder's
 * overloadWhen accepts: by default the core's OverloadClassifier, an OverloadSignal such as an HTTP
 * 429, or a client timeout, as for the adaptive strategy) throttles hedging the way gRPC throttles
 * retries: 10 tokens, one taken per overload answer, a tenth given back per success, no hedge at
 * half or below. So hedging never amplifies an overload.
 *
 * Cancelling the loser. Interrupting it at once and handing its slot on is what hedging libraries
 * do, and over HTTP/1.1 it closes the connection; but a server that does not look while it works
 * (MockWebServer sleeps on, as most servers compute on) goes on with the call, so it sees more than
 * `width` requests of the fan-out at once, each abandoned call still there (the server's in-flight
 * peak that ./fanout run --strategy hedged --hedge-cancel-losers prints is above the width). So by
 * default the loser runs to its own end holding its slot, its answer dropped, and the server's own
 * count stays at the width (losers still running once every input is decided are interrupted then,
 * and a task timeout holds for them too). Builder.cancelLosers(true) interrupts at once: for a
 * callee that stops work on a cancelled request (HTTP/2's RST_STREAM, gRPC's cancellation).
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
 * once). Two more: a delay the budget cannot pay for (at p95 the delay alone asks for 5%
 * hedges, so a 5% budget runs dry and refuses hedges by arrival order rather than by need: the
 * default is p99 under a 5% budget, the delay steers and the budget only caps); and a percentile
 * without history (a run spends its first 100 successes learning p99: give short runs a fixed delay).
 *
 * What the benchmark shows. On a callee with a long tail, hedged cuts an item's p99.9 well below
 * the semaphore's for a few percent more requests, with the server's in-flight peak at the width
 * (above it with cancelLosers); with no tail to cut, it is the semaphore plus the sweeper. Measured
 * by the http-tail section of the report (./fanout bench --profile quick: width 16,
 * lognormal:20ms,p99=200ms) and by ./fanout run --strategy hedged against a bimodal latency
 * (--latency bimodal:10ms,500ms,0.01), which also prints the hedges started, won and held back.
 * The policies themselves (the delay, the budget, the throttle, the histogram, the slots, one
 * input's attempts) are small classes of their own in dev.fanout.strategies.hedge.
 */
public final class HedgedStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "hedged";

    /** The default delay: the 99th percentile of the run's latencies (see the header for why not p95). */
    public static final double DEFAULT_PERCENTILE = 99;

    /** The default budget: hedges may be at most 5% of the calls started. */
    public static final double DEFAULT_BUDGET = 0.05;

    /** The fewest samples a percentile delay is trusted on, whatever the percentile. */
    public static final int MIN_WARMUP = HedgeDelay.MIN_WARMUP;

    /** Why a run whose task is not {@link Idempotent} hedges nothing. */
    public static final String NOT_IDEMPOTENT = "the task is not declared idempotent, so no call is hedged: a hedge makes"
            + " the same call twice; implement HedgedStrategy.Idempotent or wrap the task with HedgedStrategy.idempotent(task)"
            + " if running it twice is harmless";

    private static final AtomicBoolean WARNED = new AtomicBoolean();

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

    /** @return a builder with the defaults: p99 delay, 5% budget, {@link OverloadClassifier#DEFAULT} as the overload answer */
    public static Builder builder() {
        return new Builder();
    }

    /** Every argument is checked where it is given, with a message naming it. */
    public static final class Builder {
        private Duration fixedDelay;
        private double percentile = DEFAULT_PERCENTILE;
        private double budget = DEFAULT_BUDGET;
        private int warmup;
        private OverloadClassifier overloaded = OverloadClassifier.DEFAULT;
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
         * By default {@link OverloadClassifier#DEFAULT} (an {@code OverloadSignal} saying so, or a
         * client timeout), the same classifier the adaptive strategy backs off on.
         */
        public Builder overloadWhen(OverloadClassifier overloaded) {
            this.overloaded = Objects.requireNonNull(overloaded, "overloadWhen must not be null");
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

    private final HedgePolicy policy;
    private final HedgeCounters counters = new HedgeCounters();

    /** With the defaults: hedge after p99 of the run's latencies, at most 5% more calls. */
    public HedgedStrategy() {
        this(builder());
    }

    private HedgedStrategy(Builder b) {
        int warmup = b.warmup > 0 ? b.warmup : HedgeDelay.defaultWarmup(b.percentile);
        this.policy = new HedgePolicy(b.fixedDelay, b.percentile, warmup, b.budget, b.overloaded, b.cancelLosers);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the semaphore's window, plus a second attempt for a call slower than " + delaySpec()
                + " (idempotent tasks only); the first answer wins, hedges share the width, at most "
                + percent(policy.budget()) + " more calls";
    }

    @Override
    public Capabilities capabilities() {
        // read-ahead 1: the input the caller holds while it waits for a slot
        return new Capabilities(Capabilities.Width.BOUNDED, 1, true, ThreadKind.VIRTUAL);
    }

    /** @return the delay as the command line writes it: {@code p99} or {@code 50ms} */
    public String delaySpec() {
        return HedgeDelay.spec(policy.fixedDelay(), policy.percentile());
    }

    /** @return the fraction of calls that may be hedged */
    public double budget() {
        return policy.budget();
    }

    /** @return whether a losing attempt is interrupted at once ({@link Builder#cancelLosers}) */
    public boolean cancelsLosers() {
        return policy.cancelLosers();
    }

    /** @return the samples a percentile delay waits for; irrelevant to a fixed delay */
    public int warmup() {
        return policy.warmup();
    }

    /** @return what this instance's runs did, summed over all of them */
    public Stats stats() {
        HedgeCounters c = counters;
        long last = c.lastDelayNanos();
        return new Stats(c.hedgesStarted(), c.hedgesWon(), c.hedgesLost(), c.losersCancelled(), c.heldForBudget(),
                c.heldForOverload(), c.runsNotIdempotent(), last < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(last)));
    }

    private static String percent(double fraction) {
        return HedgeDelay.trim(fraction * 100) + "%";
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        boolean declared = run.task() instanceof Idempotent;
        if (!declared) {
            counters.runNotIdempotent();
            if (WARNED.compareAndSet(false, true)) {
                System.getLogger(HedgedStrategy.class.getName()).log(System.Logger.Level.WARNING, NOT_IDEMPOTENT);
            }
        }
        new HedgedRun<>(policy, counters, run, declared && policy.budget() > 0).run();
    }
}
