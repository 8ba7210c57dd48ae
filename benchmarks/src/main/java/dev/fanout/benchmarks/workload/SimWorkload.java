package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.DelayDraws;
import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.Maximum;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.server.SleepLedger;
import dev.fanout.benchmarks.server.SleepRecord;
import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.strategies.HedgedStrategy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code sim} workload: the latency profiles of the server, in-process. Each call draws its
 * delay from the same seeded sequence as the server ({@link DelayDraws}) and waits for it, with no
 * socket, no client and no server thread; its result is 200. What is left of a fan-out's time is
 * the strategy's own cost (and the timer's), so {@code http} minus {@code sim} is the harness's.
 *
 * <ul>
 *   <li>{@link #callAsync}: a future completed by one shared timer thread when the delay is over,
 *       holding no thread meanwhile (the way an event loop's timer, or the JDK's socket poller,
 *       wakes what waits on it); cancelling it removes the timer and ends the call at once;</li>
 *   <li>{@link #call}: waits for that future (a virtual thread parks); an interrupt cancels it and
 *       ends the call with {@link InterruptedException}.</li>
 * </ul>
 * It keeps the server's records: calls, the most in flight at once (the proof of a bound), and the
 * time each timer really waited, from the call's start until the timer thread fired it (a timer fires
 * late by the timer slack, and the ideal must not charge that to the strategy). What comes after the
 * firing, the woken thread waiting for a CPU among hundreds of others, is not in it: that is the
 * strategy's own cost, and measured by the timer thread instead of the woken thread it stays out of
 * the ideal. (Measured on 2 cores at width 1024: threads that slept themselves woke 4-7 ms late on
 * average, which an ideal built from their own clocks would have forgiven.) A zero delay does not
 * wait at all: {@code fixed:0ms} measures a strategy's cost per item. A wait is idempotent, so the
 * {@code hedged} strategy may run a call twice, as it does the server's GET.
 */
public final class SimWorkload implements Workload, AsyncFanOutTask<Long, Integer>, HedgedStrategy.Idempotent {

    private static final Integer OK = 200;
    private static final CompletableFuture<Integer> ANSWERED = CompletableFuture.completedFuture(OK);

    private final DelayDraws draws;
    private final SleepLedger slept = new SleepLedger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final LongAdder calls = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private volatile boolean answerAtOnce;
    private volatile ScheduledThreadPoolExecutor timer;

    /** A sim of this latency profile, with the server's default seed sequence for {@code seed}. */
    public SimWorkload(LatencyProfile latency, long seed) {
        this.draws = new DelayDraws(latency, Faults.NONE, seed);
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String client() {
        return NO_CLIENT;
    }

    @Override
    public AsyncFanOutTask<Long, Integer> task() {
        return this;
    }

    @Override
    public LatencyProfile latency() {
        return draws.latency();
    }

    /**
     * The blocking form: waits for {@link #callAsync}'s future; an interrupt cancels it (the timer
     * is removed) and is rethrown.
     */
    @Override
    public Integer call(Long item) throws InterruptedException {
        CompletableFuture<Integer> call = callAsync(item);
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a simulated call cannot fail", e.getCause());
        }
    }

    @Override
    public CompletableFuture<Integer> callAsync(Long item) {
        if (answerAtOnce) {
            return ANSWERED;
        }
        begin();
        long delay = draws.next().delayNanos();
        if (delay <= 0) {
            slept.record(0, 0);
            answered.increment();
            inFlight.decrementAndGet();
            return ANSWERED;
        }
        Wait wait = new Wait(delay);
        wait.scheduled = timer().schedule(wait, delay, TimeUnit.NANOSECONDS);
        return wait;
    }

    private void begin() {
        calls.increment();
        Maximum.raise(maxInFlight, inFlight.incrementAndGet());
    }

    /** One asynchronous call: completed by the timer, or cancelled; it leaves the in-flight count once. */
    private final class Wait extends CompletableFuture<Integer> implements Runnable {
        private static final AtomicIntegerFieldUpdater<Wait> ENDED = AtomicIntegerFieldUpdater.newUpdater(Wait.class, "ended");
        private final long delay;
        private final long start = System.nanoTime();
        private volatile int ended;
        volatile ScheduledFuture<?> scheduled;

        Wait(long delay) {
            this.delay = delay;
        }

        private boolean end() {
            if (ENDED.compareAndSet(this, 0, 1)) {
                inFlight.decrementAndGet();
                return true;
            }
            return false;
        }

        @Override
        public void run() {
            long sleptNanos = System.nanoTime() - start;
            if (end()) {
                slept.record(delay, sleptNanos);
                answered.increment();
                complete(OK);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (end()) {
                ScheduledFuture<?> s = scheduled;
                if (s != null) {
                    s.cancel(false);
                }
            }
            return cancelled;
        }
    }

    private ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            synchronized (this) {
                t = timer;
                if (t == null) {
                    t = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("fanout-sim-timer").factory());
                    t.setRemoveOnCancelPolicy(true);
                    timer = t;
                }
            }
        }
        return t;
    }

    @Override
    public ServerStats stats() {
        long ok = answered.sum();
        return new ServerStats(calls.sum(), ok > 0 ? Map.of(200, ok) : Map.of(), 0, 0, maxInFlight.get(), 0, 0);
    }

    @Override
    public void resetStats() {
        calls.reset();
        answered.reset();
        maxInFlight.set(inFlight.get());
        slept.drain();
    }

    @Override
    public SleepRecord drainSlept() {
        return slept.drain();
    }

    @Override
    public void answerAtOnce(boolean on) {
        this.answerAtOnce = on;
    }

    @Override
    public void close() {
        ScheduledThreadPoolExecutor t = timer;
        if (t != null) {
            t.shutdownNow();
        }
    }
}
