package dev.fanout.core;

import java.util.Objects;

/**
 * What a strategy does by nature, declared rather than silently assumed. The contract test suite
 * reads these to decide which promises to check: a promise a strategy cannot keep by design is
 * switched off here, in the open, not skipped in a test.
 *
 * @param width           how the strategy honours {@link FanOutOptions#width()}
 * @param readAhead       how many inputs beyond the effective width the strategy may have read
 *                        without their outcome being decided; {@link #UNLIMITED} when it reads
 *                        everything first
 * @param completionOrder whether {@link FanOutStrategy#stream} delivers outcomes in the order they
 *                        finish (an order-preserving strategy such as {@code Gatherers.mapConcurrent}
 *                        would say {@code false})
 * @param defaultThreads  the thread kind used when {@link FanOutOptions#threads()} is empty, or
 *                        {@code null} for a strategy that starts no threads of its own
 * @param tasksOnCallerThread whether tasks run on the caller's own thread (sequential). Then the
 *                        caller's interrupt reaches the running task directly instead of through
 *                        the run, with two consequences a user must know. A task that catches the
 *                        caller's interrupt and returns normally <em>swallows</em> it: the
 *                        interrupt is cleared, the run goes on as if nothing had happened, and no
 *                        code can see an interrupt that was cleared (restore it with
 *                        {@code Thread.currentThread().interrupt()} before returning, as a task
 *                        always should). And an {@link InterruptedException} a task throws by
 *                        itself cannot be told from the caller's interrupt, so it cancels the
 *                        run (the call throws {@code InterruptedException}). On threads of the
 *                        strategy's own ({@code false}) the caller's interrupt always cancels
 *                        everything, and a task's own interrupt ends that task only, as a
 *                        {@link Outcome.Failure}
 */
public record Capabilities(Width width, int readAhead, boolean completionOrder, ThreadKind defaultThreads,
                           boolean tasksOnCallerThread) {

    /** {@link #readAhead()} of a strategy that reads its whole input before waiting. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** How a strategy honours the requested width. */
    public enum Width {
        /** One task at a time whatever the width (sequential). */
        ONE,
        /** At most {@code width} tasks in flight. */
        BOUNDED,
        /** Every input in flight at once whatever the width (all-at-once). */
        UNBOUNDED
    }

    public Capabilities {
        Objects.requireNonNull(width, "width");
        if (readAhead < 0) {
            throw new IllegalArgumentException("readAhead must be at least 0, was " + readAhead);
        }
    }

    /** The capabilities of a strategy that runs its tasks on threads other than the caller's. */
    public Capabilities(Width width, int readAhead, boolean completionOrder, ThreadKind defaultThreads) {
        this(width, readAhead, completionOrder, defaultThreads, false);
    }

    /**
     * @param requested the width asked for in the options
     * @return the most tasks this strategy will have in flight
     */
    public int effectiveWidth(int requested) {
        return switch (width) {
            case ONE -> 1;
            case BOUNDED -> requested;
            case UNBOUNDED -> Integer.MAX_VALUE;
        };
    }

    /** @return whether input is read lazily, O(width) ahead of the outcomes */
    public boolean readsLazily() {
        return readAhead != UNLIMITED;
    }
}
