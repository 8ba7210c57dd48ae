package dev.fanout.core;

/**
 * The clock every timestamp of a run is read from, injected so tests and simulations can supply
 * their own. Values are nanoseconds from an arbitrary origin, like {@link System#nanoTime()}; only
 * differences mean anything.
 *
 * <p>Timeouts and deadlines are enforced in real time whatever the clock says: they interrupt real
 * threads.
 */
@FunctionalInterface
public interface NanoClock {

    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** @return the current time in nanoseconds from this clock's origin */
    long nanoTime();
}
