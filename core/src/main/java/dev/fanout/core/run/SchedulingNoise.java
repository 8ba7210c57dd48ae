package dev.fanout.core.run;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Scheduling noise for the contract's stress mode: at the points where a run hands work between
 * threads (a slot about to be taken, a call about to start, an outcome about to be decided, a call
 * about to be interrupted) a thread may yield or park a few microseconds, so that an interleaving
 * that needs bad luck comes within a few hundred repetitions rather than one run in thousands.
 *
 * <p>Off unless the JVM starts with {@code -Dfanout.noise=true}. The switch is a
 * {@code static final}, so with it off the JIT folds every {@link #here()} away: the hot path pays
 * nothing for it.
 */
public final class SchedulingNoise {

    /** Read once, when the class loads. */
    static final boolean ON = Boolean.getBoolean("fanout.noise");
    /** The longest park: a few context switches, so a peer thread can overtake. */
    private static final long MOST_NANOS = 50_000;

    private SchedulingNoise() {
    }

    /** @return whether noise is injected in this JVM */
    public static boolean on() {
        return ON;
    }

    /** A point where another thread may overtake this one: nothing at all, unless noise is on. */
    public static void here() {
        if (ON) {
            shake();
        }
    }

    private static void shake() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (random.nextInt(4)) {
            case 0 -> Thread.yield();
            case 1 -> LockSupport.parkNanos(random.nextLong(1_000, MOST_NANOS));
            default -> {
                // most of the time nothing: the interleavings without a pause matter as much
            }
        }
    }
}
