package dev.fanout.strategies.hedge;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * gRPC's retry throttling, applied to hedges: 10 tokens; an answer that says the callee is
 * overloaded takes one, a success gives a tenth back; at half the tokens or fewer, no hedge starts.
 * So hedging stops while the callee refuses calls and comes back as it answers again: a hedge never
 * amplifies an overload. Counted in thousandths of a token, lock-free.
 */
public final class OverloadThrottle {

    static final int MAX = 10_000;
    static final int PER_OVERLOAD = 1_000;
    static final int PER_SUCCESS = 100;

    private final AtomicInteger tokens = new AtomicInteger(MAX);

    /** An attempt answered: a success, an overload answer, or neither (any other failure). */
    public void answered(boolean success, boolean overloaded) {
        if (success) {
            if (tokens.get() < MAX) {
                tokens.getAndUpdate(t -> Math.min(MAX, t + PER_SUCCESS));
            }
        } else if (overloaded) {
            tokens.getAndUpdate(t -> Math.max(0, t - PER_OVERLOAD));
        }
    }

    /** @return whether hedging is off for now */
    public boolean throttled() {
        return tokens.get() <= MAX / 2;
    }

    /** @return the tokens left, in thousandths */
    int tokens() {
        return tokens.get();
    }
}
