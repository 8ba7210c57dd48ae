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
     */
    FAIL_FAST
}
