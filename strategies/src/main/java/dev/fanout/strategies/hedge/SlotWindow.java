package dev.fanout.strategies.hedge;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The width as slots, shared by first attempts and hedges. Slots are small integers, so the sweeper
 * can find each slot's input in an array; a slot is made only when none is free, so there are
 * O(calls in flight) of them, not O(width). A freed slot goes to a waiting hedge before any new
 * input: the input a hedge serves is already late. Only the caller takes slots for first attempts,
 * in input order.
 *
 * @param <F> what a hedge is for: an input in flight, which says whether its hedge may still start
 */
public final class SlotWindow<F extends SlotWindow.Hedge> {

    /** An input whose hedge may be claimed, under the window's lock. */
    public interface Hedge {
        /** @return whether the hedge is claimed now, can never be (decided, cancelled...), or is held back */
        Claim claimHedge();
    }

    /** What a hedge's claim found. */
    public enum Claim { CLAIMED, GONE, HELD_BACK }

    /** {@link #offer}: the hedge waits for the next free slot, or there is nothing to hedge any more. */
    public static final int QUEUED_OR_GONE = -1;
    /** {@link #offer}: the budget or the throttle held the hedge back. */
    public static final int HELD_BACK = -2;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final int width;
    private int[] free = new int[16];
    private int freeCount;
    private int made;
    private final ArrayDeque<F> waitingHedges = new ArrayDeque<>();

    /** @param width the most slots, at least 1 */
    public SlotWindow(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, was " + width);
        }
        this.width = width;
    }

    /** The caller's: a slot for a first attempt, waiting until one is free. */
    public int acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (freeCount == 0 && made == width) {
                freed.await();
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The sweeper's: a slot for the hedge now (claimed), or {@link #QUEUED_OR_GONE} (it waits for
     * the next free slot, or its input needs none any more), or {@link #HELD_BACK}.
     */
    public int offer(F flight) {
        lock.lock();
        try {
            if (freeCount == 0 && made == width) {
                waitingHedges.add(flight);
                return QUEUED_OR_GONE;
            }
            return switch (flight.claimHedge()) {
                case GONE -> QUEUED_OR_GONE;
                case HELD_BACK -> HELD_BACK;
                case CLAIMED -> take();
            };
        } finally {
            lock.unlock();
        }
    }

    /**
     * An attempt ended: its slot goes to the first waiting hedge that can still be claimed, else
     * back to the free slots.
     *
     * @return the input whose hedge now owns the slot, or null
     */
    public F release(int slot) {
        lock.lock();
        try {
            for (F waiting; (waiting = waitingHedges.poll()) != null; ) {
                if (waiting.claimHedge() == Claim.CLAIMED) {
                    return waiting;
                }
            }
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, 2 * free.length);
            }
            free[freeCount++] = slot;
            freed.signal();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private int take() {
        return freeCount > 0 ? free[--freeCount] : made++;
    }
}
