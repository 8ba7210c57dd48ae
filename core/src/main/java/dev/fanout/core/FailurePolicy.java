package dev.fanout.core;

/**
 * What a failed task does to the rest of the run.
 */
public enum FailurePolicy {

    /**
     * Everything runs; a failure or a timeout is just another outcome. asyncio's
     * {@code gather(..., return_exceptions=True)}.
     */
    COLLECT,

    /**
     * The first failure (or per-task timeout) cancels the rest: running tasks are interrupted and
     * become {@link Outcome.Cancelled}, inputs not yet started become {@link Outcome.Cancelled}
     * without running, no further input is read, and the call throws a {@link FanOutException}
     * whose cause is that first failure. asyncio's {@code TaskGroup}.
     *
     * <p>Tasks that fail at nearly the same moment are not lost: a task that failed before the
     * cancellation reached it keeps its {@link Outcome.Failure}, and its error (a
     * {@link java.util.concurrent.TimeoutException} for a timeout) is attached to the exception as
     * {@linkplain Throwable#getSuppressed() suppressed}, in the order they were decided, as
     * asyncio's {@code TaskGroup} reports all of them in one {@code ExceptionGroup}. A task that
     * answered the cancellation's interrupt is cancelled, whatever it threw.
     */
    FAIL_FAST
}
