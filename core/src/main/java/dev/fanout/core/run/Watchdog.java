package dev.fanout.core.run;

import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Enforces a run's per-task timeouts and its overall deadline from one virtual thread, so no
 * strategy needs a timer of its own. Times are real time ({@link System#nanoTime()}): they
 * interrupt real threads whatever the run's clock says.
 */
final class Watchdog implements Runnable {

    /** A moment at which a call times out, or (call == null) the run's deadline passes. */
    static final class Expiry implements Delayed {
        final Call<?, ?> call;
        final long atNanos;

        Expiry(Call<?, ?> call, long atNanos) {
            this.call = call;
            this.atNanos = atNanos;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atNanos, ((Expiry) other).atNanos);
        }
    }

    private final FanOutRun<?, ?> run;
    private final Duration taskTimeout;
    private final DelayQueue<Expiry> expiries = new DelayQueue<>();
    private final Thread thread;

    Watchdog(FanOutRun<?, ?> run, Duration taskTimeout, Duration deadline) {
        this.run = run;
        this.taskTimeout = taskTimeout;
        if (deadline != null) {
            expiries.add(new Expiry(null, System.nanoTime() + deadline.toNanos()));
        }
        this.thread = Thread.ofVirtual().name("fanout-watchdog").start(this);
    }

    void arm(Call<?, ?> call) {
        if (taskTimeout != null) {
            Expiry expiry = new Expiry(call, System.nanoTime() + taskTimeout.toNanos());
            call.expiry = expiry;
            expiries.add(expiry);
        }
    }

    void disarm(Call<?, ?> call) {
        Expiry expiry = call.expiry;
        if (expiry != null) {
            expiries.remove(expiry);
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                Expiry expiry = expiries.take();
                if (expiry.call == null) {
                    run.deadlinePassed();
                } else {
                    run.interrupt(expiry.call, Call.Interruption.TIMEOUT);
                }
            }
        } catch (InterruptedException stop) {
            // close() asked us to stop
        }
    }

    void close() {
        thread.interrupt();
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
