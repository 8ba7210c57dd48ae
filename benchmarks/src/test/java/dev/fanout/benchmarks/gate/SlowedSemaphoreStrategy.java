package dev.fanout.benchmarks.gate;

import dev.fanout.strategies.SemaphoreStrategy;

/**
 * A deliberately slower semaphore strategy, for the regression gate's end-to-end test only: every
 * task takes 25% longer than the call it makes (or {@value SlowedStrategy#SLOWDOWN_ENV} percent).
 * It reports the name {@code semaphore}, so that substituted with
 * {@code -Dfanout.strategy.semaphore=...} its results compare point for point with a baseline of
 * the real one.
 */
public final class SlowedSemaphoreStrategy extends SlowedStrategy {

    /** One strategy slower by this much must fail the gate, and be named. */
    public static final double SLOWDOWN = 0.25;

    public SlowedSemaphoreStrategy() {
        super(new SemaphoreStrategy(), SLOWDOWN);
    }
}
