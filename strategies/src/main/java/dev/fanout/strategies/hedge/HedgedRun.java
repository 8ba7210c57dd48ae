package dev.fanout.strategies.hedge;

import dev.fanout.core.NanoClock;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the hedged strategy: the caller takes a slot per input and starts its first attempt
 * on a thread of its own; a sweeper thread hedges the attempts that run past the delay, within the
 * budget and the throttle; a freed slot goes to a waiting hedge first. The policies are the
 * classes beside this one; this class only moves attempts between threads and slots.
 */
public final class HedgedRun<I, R> {
    private static final long MIN_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    final HedgePolicy policy;
    final HedgeCounters counters;
    final FanOutRun<I, R> run;
    final NanoClock clock;
    final boolean hedging;
    final SlotWindow<Flight<I, R>> window;
    final LatencyHistogram latencies = new LatencyHistogram();
    final HedgeDelay delay;
    final HedgeBudget budget;
    final OverloadThrottle throttle = new OverloadThrottle();
    /** Each slot's latest first attempt, written by the caller only, read by the sweeper. */
    volatile AtomicReferenceArray<Flight<I, R>> flights = new AtomicReferenceArray<>(16);
    /** Decided inputs whose losing attempt still runs (when losers are left to finish). */
    final Set<Flight<I, R>> lingering = ConcurrentHashMap.newKeySet();
    final long loserTimeoutNanos;
    volatile boolean finished;

    /**
     * @param hedging whether to hedge at all (the task is idempotent and the budget above 0); if
     *                not, the run is a plain sliding window of the same slots
     */
    public HedgedRun(HedgePolicy policy, HedgeCounters counters, FanOutRun<I, R> run, boolean hedging) {
        this.policy = policy;
        this.counters = counters;
        this.run = run;
        this.clock = run.options().clock();
        this.hedging = hedging;
        this.window = new SlotWindow<>(run.width());
        this.delay = new HedgeDelay(policy.fixedDelay(), policy.percentile(), policy.warmup(), latencies);
        this.budget = new HedgeBudget(policy.budget());
        this.loserTimeoutNanos = run.options().taskTimeout().map(Duration::toNanos).orElse(0L);
    }

    /** Runs every input of the run: the caller's part of a strategy's {@code fanOut}. */
    public void run() throws InterruptedException {
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
                flight.interruptLosers(true, 0);
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

    /** The sweeper: hedges the calls in flight past the delay, until the run has no more. */
    void sweep() {
        while (!finished && !Thread.currentThread().isInterrupted()) {
            long now = clock.nanoTime();
            long delayNanos = delay.nanosAt(now);
            if (delayNanos >= 0) {
                counters.lastDelayNanos = delayNanos;
            }
            long nextDue = Long.MAX_VALUE;
            if (loserTimeoutNanos > 0) {
                for (Flight<I, R> flight : lingering) {
                    flight.interruptLosers(false, now - loserTimeoutNanos); // the task timeout holds for losers too
                }
            }
            if (delayNanos >= 0 && !run.cancelling()) {
                AtomicReferenceArray<Flight<I, R>> table = flights;
                boolean heldBack = false; // the budget and the throttle are the run's: one refusal stands for the sweep
                for (int i = 0; i < table.length() && !heldBack; i++) {
                    Flight<I, R> flight = table.get(i);
                    Attempts a = flight == null ? null : flight.attempts;
                    if (a == null || a.considered || a.settled() || a.primaryStart == Attempts.NOT_BEGUN) {
                        continue;
                    }
                    long due = a.primaryStart + delayNanos;
                    if (due - now <= 0) {
                        a.considered = true; // offered once; a hedge held back is offered again later
                        int slot = window.offer(flight);
                        if (slot >= 0) {
                            startHedge(flight, slot);
                        }
                        heldBack = slot == SlotWindow.HELD_BACK;
                    } else {
                        nextDue = Math.min(nextDue, due);
                    }
                }
            }
            long tick = delayNanos < 0 ? MAX_TICK_NANOS : Math.clamp(delayNanos / 16, MIN_TICK_NANOS, MAX_TICK_NANOS);
            LockSupport.parkNanos(this, nextDue == Long.MAX_VALUE ? tick : Math.clamp(nextDue - now, tick, MAX_TICK_NANOS));
        }
    }

    /**
     * What an attempt's answer teaches the throttle (a success, an overload) and the delay. Only
     * an answer that decided its input is a latency sample: a loser left to finish is the slow
     * draw the hedge was there to avoid, and counting it would drag the delay up to the tail.
     */
    void learn(Throwable error, long tookNanos, boolean decidedItsInput) {
        if (error == null && decidedItsInput) {
            latencies.record(tookNanos);
        }
        throttle.answered(error == null, error != null && policy.overloaded().test(error));
    }
}
