package dev.fanout.core.run;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces a run's per-task timeouts and its overall deadline from one virtual thread, so no
 * strategy needs a timer of its own. Times are real time ({@link System#nanoTime()}): they
 * interrupt real threads whatever the run's clock says.
 *
 * <p>It costs the tasks nothing: rather than a timer queue that every start and finish would lock
 * and search, it sweeps the run's table of calls at the earliest moment one of them can expire and
 * sleeps until the next such moment. Every task has the same timeout, so a call that starts later
 * expires later: a call started while it sleeps can never be missed.
 */
final class Watchdog implements Runnable {

    private final FanOutRun<?, ?> run;
    private final CallTable calls;
    /** 0 when there is no per-task timeout. */
    private final long timeoutNanos;
    private final boolean hasDeadline;
    private final long deadlineAt;
    private final Thread thread;
    private volatile boolean closed;

    Watchdog(FanOutRun<?, ?> run, CallTable calls, Duration taskTimeout, Duration deadline) {
        this.run = run;
        this.calls = calls;
        this.timeoutNanos = taskTimeout == null ? 0 : taskTimeout.toNanos();
        this.hasDeadline = deadline != null;
        this.deadlineAt = hasDeadline ? System.nanoTime() + deadline.toNanos() : 0;
        this.thread = Thread.ofVirtual().name("fanout-watchdog").start(this);
    }

    /** @return whether a call started now must be stamped for the per-task timeout */
    boolean timesTasks() {
        return timeoutNanos != 0;
    }

    @Override
    public void run() {
        boolean deadlinePending = hasDeadline;
        while (!closed) {
            long now = System.nanoTime();
            long wakeAt = now + Long.MAX_VALUE / 2; // "never", without overflowing
            if (deadlinePending) {
                if (deadlineAt - now <= 0) {
                    deadlinePending = false;
                    run.deadlinePassed();
                } else {
                    wakeAt = deadlineAt;
                }
            }
            if (timeoutNanos != 0) {
                wakeAt = earlier(wakeAt, sweep(now));
            }
            long sleep = wakeAt - now;
            if (sleep > 0 && !closed) {
                LockSupport.parkNanos(this, sleep);
            }
        }
    }

    /** Times out every running call past its timeout; @return when the next one can expire */
    private long sweep(long now) {
        long[] next = {now + timeoutNanos}; // a call that starts after this sweep expires no earlier
        calls.forEach(call -> {
            if (call.state() == Call.RUNNING) {
                long expiresAt = call.armedNanos + timeoutNanos;
                if (expiresAt - now <= 0) {
                    run.interrupt(call, Call.Interruption.TIMEOUT);
                } else {
                    next[0] = earlier(next[0], expiresAt);
                }
            }
        });
        return next[0];
    }

    private static long earlier(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    void close() {
        closed = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
