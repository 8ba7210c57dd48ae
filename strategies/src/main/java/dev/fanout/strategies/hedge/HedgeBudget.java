package dev.fanout.strategies.hedge;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The most hedges a run may send, as a fraction of the calls it started (Finagle's and Envoy's
 * retry budgets): 0.05 is one hedge per twenty calls. A hedge held back by it can be offered again
 * later, when more calls have started. Thread-safe: calls start on the caller's thread, hedges are
 * claimed by the sweeper and by the threads that free slots.
 */
public final class HedgeBudget {

    private final double fraction;
    private final LongAdder calls = new LongAdder();
    private final AtomicLong hedges = new AtomicLong();

    /** @param fraction between 0 and 1 */
    public HedgeBudget(double fraction) {
        this.fraction = checked(fraction);
    }

    /** @throws IllegalArgumentException unless the fraction is between 0 and 1 */
    static double checked(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("budget must be between 0 and 1, was " + fraction);
        }
        return fraction;
    }

    /** Counts a first attempt begun: the budget grows with it. */
    public void callStarted() {
        calls.increment();
    }

    /** @return whether one more hedge fits; if so it is taken */
    public boolean take() {
        double allowed = fraction * calls.sum();
        while (true) {
            long h = hedges.get();
            if (h + 1 > allowed) {
                return false;
            }
            if (hedges.compareAndSet(h, h + 1)) {
                return true;
            }
        }
    }

    /** @return the hedges taken so far */
    public long taken() {
        return hedges.get();
    }
}
