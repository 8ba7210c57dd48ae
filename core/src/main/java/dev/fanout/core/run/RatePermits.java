package dev.fanout.core.run;

import dev.fanout.core.NanoClock;
import dev.fanout.core.Rate;
import dev.fanout.core.RateLimiter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A run's requests-per-second limit ({@link dev.fanout.core.FanOutOptions#rate()}): the wait of a
 * call that holds its slot for its permit, just before it starts.
 *
 * <p>The wait is cut into slices of at most {@link #SLICE_NANOS}, and between slices it asks
 * whether the run has stopped (deadline, fail-fast, the caller's interrupt) or decided the call, so
 * a stop frees every waiting call within a slice, whatever the rate; the run then records the call
 * as cancelled. The permit is taken only when the call is about to start, never reserved
 * ahead, so a call that wakes late or is cancelled has used none. The time to wait is read from
 * the run's clock, so with an injected clock the permits come as that clock advances (a test moves
 * it by hand), while the slices are real time.
 *
 * <p>An interrupt while waiting: on the caller's own thread it is the caller's (the wait ends, the
 * interrupt stays set, and the strategy's next wait throws); on a thread of the strategy's own, the
 * run's stop is seen through {@link FanOutRun#cancelling()} and the interrupt is kept for the
 * thread, while an interrupt the run did not send belongs to no call (none has started) and is
 * dropped once the permit is had.
 */
final class RatePermits {

    /** The longest a waiting call goes without looking whether the run has stopped. */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final RateLimiter limiter;

    RatePermits(Rate rate, NanoClock clock) {
        this.limiter = new RateLimiter(rate, clock);
    }

    /**
     * Takes the call's permit, waiting for it if need be.
     *
     * @return {@code true} when the call may start; {@code false} if the run stopped, decided the
     *         call or the caller was interrupted while it waited (the run cancels the call)
     */
    boolean await(Call<?, ?> call, FanOutRun<?, ?> run, boolean onCaller) {
        boolean interrupted = false;
        try {
            while (true) {
                if (run.cancelling() || call.state() != Call.QUEUED) {
                    return false;
                }
                long wait = limiter.tryAcquireOrWait();
                if (wait == 0) {
                    interrupted = false; // stray: it belongs to no call
                    return true;
                }
                LockSupport.parkNanos(this, Math.min(wait, SLICE_NANOS));
                if (Thread.interrupted()) {
                    interrupted = true;
                    if (onCaller) {
                        return false;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
