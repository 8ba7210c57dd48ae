package dev.fanout.core;

/**
 * The kind of thread a strategy that starts threads runs its tasks on.
 */
public enum ThreadKind {
    /** Cheap, one per blocking call is fine: blocking parks the virtual thread, not a carrier. */
    VIRTUAL,
    /** An operating-system thread: about a megabyte of stack reserved, a context switch per wake-up. */
    PLATFORM;

    /** @return a builder for an unnamed thread of this kind */
    public Thread.Builder builder() {
        return this == VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
    }
}
