package dev.fanout.core;

/**
 * Why a run ended.
 */
public enum StopReason {
    /** Every input read was run to an outcome and the iterator said there were no more. */
    COMPLETED,
    /** The overall deadline passed: running tasks timed out, the rest were cancelled. */
    DEADLINE,
    /** A task failed under {@link FailurePolicy#FAIL_FAST}; the rest were cancelled. */
    FAILED_FAST,
    /** The input iterator threw; no further input was read. */
    INPUT_FAILED,
    /** The caller's thread was interrupted, or its sink threw; everything was cancelled. */
    ABORTED
}
