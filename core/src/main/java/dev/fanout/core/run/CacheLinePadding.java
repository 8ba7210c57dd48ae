package dev.fanout.core.run;

/**
 * 64 bytes of padding, as the first fields of a class whose own fields are written on every input
 * by one core and must not share a cache line with what other cores read on every input (false
 * sharing). A superclass's fields are laid out before a subclass's, so a class that extends this
 * and ends in a subclass with {@link #p7}-like fields of its own sits alone on its lines. Used for
 * the few fields the run's hot path writes: the decided queue's two ends, the running count, the
 * caller's tally.
 */
@SuppressWarnings("unused")
abstract class CacheLinePadding {
    private long p0, p1, p2, p3, p4, p5, p6, p7;
}
