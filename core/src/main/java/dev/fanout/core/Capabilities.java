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
 */
public record Capabilities(Width width, int readAhead, boolean completionOrder, ThreadKind defaultThreads) {

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
