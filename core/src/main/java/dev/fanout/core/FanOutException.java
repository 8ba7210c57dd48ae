package dev.fanout.core;

import java.util.List;
import java.util.Objects;

/**
 * A run that ended early with an error: the first failure under {@link FailurePolicy#FAIL_FAST}
 * ({@link StopReason#FAILED_FAST}), or an input iterator that threw ({@link StopReason#INPUT_FAILED}).
 * The cause is that failure; the outcomes already decided are kept. Under fail-fast, every other
 * task that failed before the cancellation reached it is attached as
 * {@linkplain Throwable#getSuppressed() suppressed}, in the order they were decided (asyncio's
 * {@code TaskGroup} raises them all in one {@code ExceptionGroup}); those tasks' outcomes are
 * {@link Outcome.Failure}s too.
 *
 * <p>From {@link FanOutStrategy#stream} the outcomes were already delivered to the sink and
 * {@link #outcomes()} is empty; from {@link FanOutStrategy#gather} it holds every outcome, in
 * input order.
 */
public final class FanOutException extends RuntimeException {

    private final transient RunSummary summary;
    private final transient List<? extends Outcome<?>> outcomes;

    public FanOutException(String message, Throwable cause, RunSummary summary, List<? extends Outcome<?>> outcomes) {
        super(message, cause);
        this.summary = Objects.requireNonNull(summary, "summary");
        this.outcomes = List.copyOf(outcomes);
    }

    /** @return why the run stopped: {@link StopReason#FAILED_FAST} or {@link StopReason#INPUT_FAILED} */
    public StopReason reason() {
        return summary.stopReason();
    }

    public RunSummary summary() {
        return summary;
    }

    /** @return the outcomes decided, in input order (empty for a streaming run) */
    public List<? extends Outcome<?>> outcomes() {
        return outcomes;
    }
}
