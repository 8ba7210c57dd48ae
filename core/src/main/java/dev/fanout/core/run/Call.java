package dev.fanout.core.run;

import dev.fanout.core.Outcome;
import dev.fanout.core.Timing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One input on its way to its outcome: read from the iterator, maybe started, then decided exactly
 * once. A strategy only moves calls around and hands them to {@link FanOutRun#execute}; the run
 * decides their outcomes.
 *
 * <p>A call is also its own bookkeeping (its slot in the run's table of undecided calls, its link
 * in the queue of decided ones), so the run allocates nothing else per input.
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

    // The kind of the outcome, written with it, so the caller can count it without reading it.
    static final int SUCCESS = 0;
    static final int FAILURE = 1;
    static final int TIMED_OUT = 2;
    static final int CANCELLED_KIND = 3;

    /** Why the run interrupted a running call; decides its outcome. */
    enum Interruption { TIMEOUT, DEADLINE, CANCEL }

    private static final VarHandle STATE;
    private static final VarHandle NEXT_DECIDED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Call.class, "state", int.class);
            NEXT_DECIDED = lookup.findVarHandle(Call.class, "nextDecided", Call.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long index;
    private final I input;
    final long queuedNanos;
    @SuppressWarnings("unused") // through STATE
    private volatile int state = QUEUED;

    /** Written before the call becomes RUNNING, read after. */
    long startedNanos = Timing.NOT_STARTED;
    /** {@link System#nanoTime()} when it started, for the watchdog; written before RUNNING. */
    long armedNanos;
    /** The thread running the task, when {@link FanOutRun#execute} runs it; else {@link #interrupter}. */
    Thread runner;
    /** How to interrupt a call begun with {@link FanOutRun#begin}: a future's cancel, for example. */
    Runnable interrupter;
    /** Written before state becomes INTERRUPTED, read after. */
    volatile Interruption interruption;
    volatile Outcome<R> outcome;
    /** Written before {@link #outcome}, read after: its kind and its finish time. */
    int kind;
    long finishedNanos;
    /** The next call in the run's queue of decided calls. */
    @SuppressWarnings("unused") // through NEXT_DECIDED
    private volatile Call<I, R> nextDecided;

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

    int state() {
        return (int) STATE.getVolatile(this);
    }

    boolean moveState(int from, int to) {
        return STATE.compareAndSet(this, from, to);
    }

    void setState(int to) {
        STATE.setVolatile(this, to);
    }

    /** @return whether the outcome is decided (and published) */
    boolean decided() {
        return outcome != null;
    }

    @SuppressWarnings("unchecked")
    Call<I, R> nextDecided() {
        return (Call<I, R>) NEXT_DECIDED.getAcquire(this);
    }

    void linkDecided(Call<I, R> next) {
        NEXT_DECIDED.setRelease(this, next);
    }

    /** Waits for the thread that is deciding this call (it has won the call's state) to publish the outcome. */
    Outcome<R> awaitOutcome() {
        Outcome<R> o;
        while ((o = outcome) == null) {
            Thread.onSpinWait();
        }
        return o;
    }

    @Override
    public String toString() {
        return "Call[" + index + ", state=" + state() + "]";
    }
}
