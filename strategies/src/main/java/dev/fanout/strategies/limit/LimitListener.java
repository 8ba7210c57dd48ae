package dev.fanout.strategies.limit;

/**
 * Hears the limit move: for a chart of it, a metric, a log line. Called on the thread whose call's
 * outcome moved it (and once on the caller's thread when a fan-out starts), so it must be quick and
 * thread-safe; two changes close together may arrive out of order, and {@code nanos} tells.
 */
@FunctionalInterface
public interface LimitListener {

    /** Hears nothing. */
    LimitListener NONE = (nanos, limit) -> { };

    /**
     * @param nanos when, on the fan-out's clock
     * @param limit the new limit
     */
    void limitChanged(long nanos, int limit);
}
