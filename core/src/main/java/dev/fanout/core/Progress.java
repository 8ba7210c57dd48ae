package dev.fanout.core;

/**
 * Counts of one run at one moment, as a progress bar needs them.
 *
 * @param started  tasks that have started running
 * @param finished outcomes decided (including inputs cancelled before they started)
 * @param running  tasks running now
 * @param total    inputs expected in all, or -1 when unknown (a lazy iterator)
 */
public record Progress(long started, long finished, long running, long total) {

    /** @return whether {@link #total()} is known */
    public boolean totalKnown() {
        return total >= 0;
    }
}
