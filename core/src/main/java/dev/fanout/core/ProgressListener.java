package dev.fanout.core;

/**
 * Hears a run's progress: enough for a tqdm-style progress bar.
 *
 * <p>Task events arrive on the threads that run the tasks, concurrently: an implementation must be
 * thread-safe and quick (it sits on every task's path). A listener that throws is a bug in the
 * listener; the exception is not caught for it.
 *
 * <p>Each event carries the count it made: the n-th task to start hears {@code started() == n} and
 * the n-th outcome decided hears {@code finished() == n}, so a run of N inputs hears every count from
 * 1 to N exactly once. Events on different threads may arrive out of that order; the other fields
 * are read at the moment of the event.
 */
public interface ProgressListener {

    /** Hears nothing. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * @param strategy the strategy's name
     * @param total    inputs expected, or -1 when unknown
     */
    default void runStarted(String strategy, long total) {
    }

    /** A task started; {@code progress} already counts it. */
    default void taskStarted(long index, Progress progress) {
    }

    /** An outcome was decided; {@code progress} already counts it. */
    default void taskFinished(Outcome<?> outcome, Progress progress) {
    }

    /** The run ended, normally or not; called on the caller's thread. */
    default void runFinished(RunSummary summary) {
    }
}
