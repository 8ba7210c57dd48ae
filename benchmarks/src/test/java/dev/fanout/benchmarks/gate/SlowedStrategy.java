package dev.fanout.benchmarks.gate;

import dev.fanout.core.Capabilities;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.RunSummary;
import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.strategies.AdaptiveStrategy;
import dev.fanout.strategies.AllAtOnceStrategy;
import dev.fanout.strategies.AsyncStrategy;
import dev.fanout.strategies.ChunkedStrategy;
import dev.fanout.strategies.HedgedStrategy;
import dev.fanout.strategies.SemaphoreStrategy;
import dev.fanout.strategies.SequentialStrategy;
import dev.fanout.strategies.StrategyRegistry;
import dev.fanout.strategies.StructuredStrategy;
import dev.fanout.strategies.WorkerPoolStrategy;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real strategy made deliberately slower, for the regression gate's end-to-end test and its
 * evidence runs only: after each task's call it sleeps a fraction of the time the call took, so the
 * task takes that much longer, as a slower run machinery would make it. It reports the real
 * strategy's name, so that substituted through {@code -Dfanout.strategy.<name>=<class>} (the
 * registry's rule: a public no-argument constructor, the same name) its results compare point for
 * point with a baseline of the real one.
 *
 * <p>One nested class per strategy, a line each, because the registry instantiates a class by name;
 * {@link #substituteEvery()} substitutes all of them at once: a change every strategy shares, which
 * only the peers can show. The environment variable {@value #SLOWDOWN_ENV} (a percentage, such as
 * {@code 15}) overrides the slowdown of every slowed strategy, in the host JVM and in every JMH fork
 * (forks inherit the environment), for the sensitivity runs.
 *
 * <p>The environment variable {@value #ITEM_COST_ENV} (microseconds, such as {@code 4}) adds a cost of
 * another kind: that much CPU spent on the caller's thread for every outcome delivered, the way an
 * extra lock, allocation or log line in the run machinery's per-item path would. Its time does not
 * grow with the call's, so it shows where calls take no time: the profile's no-op {@code cost}
 * points, and width 1024.
 */
public abstract class SlowedStrategy implements FanOutStrategy {

    /** Overrides every slowed strategy's slowdown, in percent: {@code FANOUT_TEST_SLOWDOWN=15}. */
    public static final String SLOWDOWN_ENV = "FANOUT_TEST_SLOWDOWN";

    /** The slowdown of the nested classes unless {@value #SLOWDOWN_ENV} says otherwise: 20% per task. */
    public static final double SHARED_SLOWDOWN = 0.20;

    /** CPU spent on the caller's thread per delivered outcome, in microseconds: {@code FANOUT_TEST_ITEM_COST_US=4}. */
    public static final String ITEM_COST_ENV = "FANOUT_TEST_ITEM_COST_US";

    private final FanOutStrategy real;
    private final double fraction;
    private final long itemCostNanos;

    protected SlowedStrategy(FanOutStrategy real, double defaultFraction) {
        this(real, slowdown(defaultFraction), itemCostNanosFromEnvironment());
    }

    /** Exactly these costs, whatever the environment says. */
    SlowedStrategy(FanOutStrategy real, double fraction, long itemCostNanos) {
        this.real = real;
        this.fraction = fraction;
        this.itemCostNanos = itemCostNanos;
    }

    /** @return the per-outcome cost from {@value #ITEM_COST_ENV}, in nanoseconds; 0 when unset */
    static long itemCostNanosFromEnvironment() {
        String micros = System.getenv(ITEM_COST_ENV);
        if (micros == null || micros.isBlank()) {
            return 0;
        }
        double us = Double.parseDouble(micros.trim());
        if (!(us >= 0 && us <= 10_000)) {
            throw new IllegalArgumentException(ITEM_COST_ENV + " must be microseconds from 0 to 10000, was " + micros);
        }
        return Math.round(us * 1000);
    }

    /** Spends the time on this thread's CPU, not asleep: a cost, as code is, not a wait. */
    private static void burn(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** @return the fraction from {@value #SLOWDOWN_ENV} when set, else the default */
    static double slowdown(double defaultFraction) {
        String percent = System.getenv(SLOWDOWN_ENV);
        if (percent == null || percent.isBlank()) {
            return defaultFraction;
        }
        double p = Double.parseDouble(percent.trim().replace("%", ""));
        if (!(p >= 0 && p <= 1000)) {
            throw new IllegalArgumentException(SLOWDOWN_ENV + " must be a percentage from 0 to 1000, was " + percent);
        }
        return p / 100;
    }

    /**
     * @return the {@code -D} arguments that substitute a slowed class for every registered strategy,
     *         so that each is slowed alike (SlowedStrategyTest fails when a strategy has no class here)
     */
    public static List<String> substituteEvery() {
        return EVERY.stream()
                .map(c -> "-D" + StrategyRegistry.SUBSTITUTE_PREFIX + nameOf(c) + "=" + c.getName())
                .toList();
    }

    /** One slowed class per registered strategy. */
    static final List<Class<? extends SlowedStrategy>> EVERY = List.of(Sequential.class, AllAtOnce.class,
            Semaphore.class, WorkerPool.class, Structured.class, Async.class, Chunked.class, Adaptive.class, Hedged.class);

    private static String nameOf(Class<? extends SlowedStrategy> c) {
        try {
            return c.getDeclaredConstructor().newInstance().name();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the slowdown each task gets, as a fraction of its call's time */
    public double fraction() {
        return fraction;
    }

    /** @return the CPU each delivered outcome costs on the caller's thread, in nanoseconds */
    public long itemCostNanos() {
        return itemCostNanos;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "the %s strategy with %.0f%% extra time per task and %.1f us of CPU per outcome"
                + " (a test's regression)", real.name(), fraction * 100, itemCostNanos / 1000.0);
    }

    @Override
    public Capabilities capabilities() {
        return real.capabilities();
    }

    @Override
    public <I, R> RunSummary stream(Iterator<? extends I> inputs, FanOutTask<I, R> task, FanOutOptions options,
                                    OutcomeSink<R> sink) throws InterruptedException {
        // the sink is called on the caller's thread, once per outcome (OutcomeSink): the per-item path
        OutcomeSink<R> costlier = itemCostNanos == 0 ? sink : outcome -> {
            burn(itemCostNanos);
            sink.accept(outcome);
        };
        return real.stream(inputs, fraction == 0 ? task : slower(task), options, costlier);
    }

    private <I, R> FanOutTask<I, R> slower(FanOutTask<I, R> task) {
        FanOutTask<I, R> slower;
        if (task instanceof AsyncFanOutTask<I, R> async) {
            // keep a non-blocking call non-blocking: the extra time is a delayed completion, not a sleep
            slower = (AsyncFanOutTask<I, R>) input -> {
                long start = System.nanoTime();
                CompletableFuture<R> call = async.callAsync(input);
                CompletableFuture<R> later = call.thenCompose(result -> CompletableFuture.supplyAsync(() -> result,
                        CompletableFuture.delayedExecutor((long) ((System.nanoTime() - start) * fraction), TimeUnit.NANOSECONDS)));
                later.whenComplete((r, e) -> {
                    if (later.isCancelled()) {
                        call.cancel(true);
                    }
                });
                return later;
            };
        } else {
            slower = input -> {
                long start = System.nanoTime();
                R result = task.call(input);
                Thread.sleep(Duration.ofNanos((long) ((System.nanoTime() - start) * fraction)));
                return result;
            };
        }
        if (task instanceof HedgedStrategy.Idempotent) {
            slower = HedgedStrategy.idempotent(slower); // slower, and still as safe to run twice
        }
        return slower;
    }

    public static final class Sequential extends SlowedStrategy {
        public Sequential() {
            super(new SequentialStrategy(), SHARED_SLOWDOWN);
        }
    }

    public static final class AllAtOnce extends SlowedStrategy {
        public AllAtOnce() {
            super(new AllAtOnceStrategy(), SHARED_SLOWDOWN);
        }
    }

    public static final class Semaphore extends SlowedStrategy {
        public Semaphore() {
            super(new SemaphoreStrategy(), SHARED_SLOWDOWN);
        }
    }

    public static final class WorkerPool extends SlowedStrategy {
        public WorkerPool() {
            super(new WorkerPoolStrategy(), SHARED_SLOWDOWN);
        }
    }

    public static final class Structured extends SlowedStrategy {
        public Structured() {
            super(new StructuredStrategy(), SHARED_SLOWDOWN);
        }
    }

    public static final class Async extends SlowedStrategy {
        public Async() {
            super(new AsyncStrategy(), SHARED_SLOWDOWN);
        }
    }

    public static final class Chunked extends SlowedStrategy {
        public Chunked() {
            super(new ChunkedStrategy(), SHARED_SLOWDOWN);
        }
    }

    public static final class Adaptive extends SlowedStrategy {
        public Adaptive() {
            super(new AdaptiveStrategy(), SHARED_SLOWDOWN);
        }
    }

    public static final class Hedged extends SlowedStrategy {
        public Hedged() {
            super(new HedgedStrategy(), SHARED_SLOWDOWN);
        }
    }
}
