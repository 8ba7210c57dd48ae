package dev.fanout.strategies.hedge;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a hedged strategy's runs did, summed over all of them: counted from every attempt's thread,
 * read whenever someone asks (the strategy's {@code stats()}).
 */
public final class HedgeCounters {

    final LongAdder started = new LongAdder();
    final LongAdder won = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder losersCancelled = new LongAdder();
    final LongAdder heldForBudget = new LongAdder();
    final LongAdder heldForOverload = new LongAdder();
    final LongAdder notIdempotent = new LongAdder();
    volatile long lastDelayNanos = -1;

    /** A run hedged nothing: its task is not declared idempotent. */
    public void runNotIdempotent() {
        notIdempotent.increment();
    }

    /** @return hedges started: each one more request to the callee */
    public long hedgesStarted() {
        return started.sum();
    }

    /** @return inputs whose hedge answered first and decided the outcome */
    public long hedgesWon() {
        return won.sum();
    }

    /** @return hedges whose first attempt answered first */
    public long hedgesLost() {
        return lost.sum();
    }

    /** @return losing attempts interrupted before they ended */
    public long losersCancelled() {
        return losersCancelled.sum();
    }

    /** @return inputs whose hedge, once due, the budget held back */
    public long heldForBudget() {
        return heldForBudget.sum();
    }

    /** @return inputs whose hedge, once due, the overload throttle held back */
    public long heldForOverload() {
        return heldForOverload.sum();
    }

    /** @return runs that hedged nothing because the task is not idempotent */
    public long runsNotIdempotent() {
        return notIdempotent.sum();
    }

    /** @return the delay the last run used last, in nanoseconds, or -1 if none had one yet */
    public long lastDelayNanos() {
        return lastDelayNanos;
    }
}
