package dev.fanout.core.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The run's totals, counted by the caller as it takes each outcome off the decided queue: one
 * thread writes them, so they are plain fields, alone on their cache lines (see
 * {@link CacheLinePadding}) so that these writes on every input do not evict what the tasks'
 * threads read. It counts from what the deciding thread wrote into the {@link Call} itself, so the
 * caller need not read the outcome (another thread's memory) to count it.
 *
 * <p>The caller publishes how many it has taken once per batch; a reader other than the caller
 * (worker-pool's workers) waits on it when the caller falls behind, so undelivered outcomes stay
 * O(width) however slow the sink is.
 */
final class Tally extends TallyFields {

    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;

    Tally(long startNanos) {
        this.lastDecidedNanos = startNanos;
    }

    /** Counts a decided call; the caller's thread only. */
    void count(Call<?, ?> call) {
        counted++;
        switch (call.kind) {
            case Call.SUCCESS -> succeeded++;
            case Call.FAILURE -> failed++;
            case Call.TIMED_OUT -> timedOut++;
            default -> cancelled++;
        }
        long finished = call.finishedNanos;
        if (finished - lastDecidedNanos > 0) {
            lastDecidedNanos = finished;
        }
    }

    /** Publishes the count to readers, and wakes one that waits for it; the caller's thread only. */
    void publish() {
        PUBLISHED.setVolatile(this, counted);
        Thread reader = waitingReader;
        if (reader != null) {
            LockSupport.unpark(reader);
        }
    }

    /** @return the count as last published; any thread */
    long published() {
        return (long) PUBLISHED.getVolatile(this);
    }

    /** Marks the current thread as waiting for a publication (or none, with {@code null}). */
    void waiting(Thread reader) {
        waitingReader = reader;
    }
}

abstract class TallyFields extends CacheLinePadding {
    static final VarHandle PUBLISHED;

    static {
        try {
            PUBLISHED = MethodHandles.lookup().findVarHandle(TallyFields.class, "published", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long counted;
    long succeeded;
    long failed;
    long timedOut;
    long cancelled;
    /** When the last outcome counted was decided (the run's clock). */
    long lastDecidedNanos;
    @SuppressWarnings("unused") // through PUBLISHED
    volatile long published;
    volatile Thread waitingReader;
}
