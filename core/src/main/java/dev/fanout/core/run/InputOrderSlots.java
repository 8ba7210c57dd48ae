package dev.fanout.core.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code Semaphore(width)} that hands its slots out in input order: a slot freed goes to the
 * earliest input still waiting, whichever thread the scheduler runs first.
 *
 * <p>Why not a fair {@code Semaphore}: fairness orders threads by when they reach
 * {@code acquire()}, which the scheduler decides, not by input (docs/design.md, "More facts",
 * start order: 187 start order inversions in 200 runs at width 1 with a fair one). Here the order is carried by the
 * input's own sequence number, its index in the run: input {@code k} may start once
 * {@code k - width + 1} slots have been released, since each release admits exactly the next input.
 * So the rule is one comparison against one counter, and a release wakes at most the one thread
 * it admits: no queue of waiters, no fairness bookkeeping.
 *
 * <p>Each sequence number must acquire at most once, and the numbers handed to it must be the
 * inputs' indices, 0, 1, 2... in the run's reading order (what {@link Call#index()} gives). A waiter
 * that is interrupted leaves without its slot; the inputs after it still need the releases they
 * would have needed, which is what a run that is being cancelled wants. At most {@code mostWaiting}
 * threads may wait at once (the strategy bounds the threads it starts); a waiter then parks in a
 * ring slot of its own, taken only when it is empty.
 */
public final class InputOrderSlots extends InputOrderSlotsFields {

    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;

    private final long width;
    private final AtomicReferenceArray<Thread> waiters;
    private final int mask;

    /**
     * @param width       how many inputs may hold a slot at once
     * @param mostWaiting the most threads that wait for a slot at once
     * @throws IllegalArgumentException if width is below 1 or mostWaiting below 0
     */
    public InputOrderSlots(int width, int mostWaiting) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, was " + width);
        }
        if (mostWaiting < 0) {
            throw new IllegalArgumentException("mostWaiting must be at least 0, was " + mostWaiting);
        }
        this.width = width;
        // twice the waiters: the waiting inputs are consecutive, so no two share a ring slot
        int size = Integer.highestOneBit(Math.max(2, 2 * mostWaiting) - 1) << 1;
        this.waiters = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /**
     * Takes a slot for the input with this index, waiting while an earlier input still has none.
     *
     * @throws InterruptedException if interrupted while waiting (the slot is not taken)
     */
    public void acquire(long index) throws InterruptedException {
        SchedulingNoise.here();
        if (index < width + released()) {
            return; // the usual case: nothing more on the task's path
        }
        int ring = (int) (index & mask);
        Thread me = Thread.currentThread();
        // Say where to be woken, then look again: a release in between sees this, or is seen below.
        // Into an empty ring slot only. A thread held up after its first look may be admitted by
        // the time it writes, and its ring slot may by then be a later input's (index + ring size:
        // the bound on waiters does not cover a thread that already holds its slot); a plain write
        // erased that waiter, whose wake-up was lost, and the run hung (once in a few thousand
        // runs). Two inputs that both still wait never share a ring slot, so a taken one is held by
        // a thread already admitted, on its way out: look again, and let it run.
        SchedulingNoise.here(); // the window: a release may land here
        while (!waiters.compareAndSet(ring, null, me)) {
            Thread.yield(); // not a busy spin: the owner may be a virtual thread waiting for this carrier
            if (index < width + released()) {
                return;
            }
        }
        try {
            while (index >= width + released()) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            waiters.compareAndSet(ring, me, null);
        }
    }

    /** Gives a slot back: it goes to the earliest input without one, woken if it waits. */
    public void release() {
        long admitted = width + (long) RELEASED.getAndAdd(this, 1L); // the index this release lets in
        Thread waiter = waiters.get((int) (admitted & mask));
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }

    private long released() {
        return (long) RELEASED.getVolatile(this);
    }
}

/** The one counter every acquire reads and every release writes, alone on its cache lines. */
abstract class InputOrderSlotsFields extends CacheLinePadding {
    static final VarHandle RELEASED;

    static {
        try {
            RELEASED = MethodHandles.lookup().findVarHandle(InputOrderSlotsFields.class, "released", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through RELEASED
    volatile long released;
}
