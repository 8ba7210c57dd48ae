package dev.fanout.core.run;

import dev.fanout.core.Outcome;
import dev.fanout.core.Timing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One input on its way to its outcome: read from the iterator, maybe started, then decided exactly
 * once. A strategy only moves calls around and hands them to {@link FanOutRun#execute}; the run
 * decides their outcomes.
 *
 * @param <I> the input type
 * @param <R> the result type
 */
public final class Call<I, R> {

    // The life of a call. Only the transitions written here happen:
    // QUEUED -> RUNNING -> DONE                       (the task ended by itself)
    // QUEUED -> RUNNING -> INTERRUPTING -> INTERRUPTED (the run interrupted it: timeout, deadline, cancel)
    // QUEUED -> CANCELLED                              (never started)
    static final int QUEUED = 0;
    static final int RUNNING = 1;
    static final int DONE = 2;
    static final int INTERRUPTING = 3;
    static final int INTERRUPTED = 4;
    static final int CANCELLED = 5;

    /** Why the run interrupted a running call; decides its outcome. */
    enum Interruption { TIMEOUT, DEADLINE, CANCEL }

    private final long index;
    private final I input;
    final long queuedNanos;
    final AtomicInteger state = new AtomicInteger(QUEUED);

    volatile long startedNanos = Timing.NOT_STARTED;
    /** How to interrupt this call: its thread's interrupt, or a future's cancel. */
    volatile Runnable interrupter;
    /** Written before state becomes INTERRUPTED, read after. */
    volatile Interruption interruption;
    volatile Outcome<R> outcome;
    /** The armed per-task timeout, if any; touched by the running thread and the watchdog. */
    volatile Watchdog.Expiry expiry;

    Call(long index, I input, long queuedNanos) {
        this.index = index;
        this.input = input;
        this.queuedNanos = queuedNanos;
    }

    /** @return the input's position in the iteration, from 0 */
    public long index() {
        return index;
    }

    /** @return the input */
    public I input() {
        return input;
    }

    /** @return the outcome, or {@code null} while undecided */
    public Outcome<R> outcome() {
        return outcome;
    }

    @Override
    public String toString() {
        return "Call[" + index + ", state=" + state.get() + "]";
    }
}
