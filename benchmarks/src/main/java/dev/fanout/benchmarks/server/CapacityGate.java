package dev.fanout.benchmarks.server;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The server's queueing limit: at most K requests served at once, the rest wait in arrival order
 * (first come, first served), K read from a {@link LimitSchedule} so it may change during the run.
 * A request that waits has a longer round trip, as it would at a real downstream with a fixed pool
 * of workers.
 *
 * <p>Each waiter parks on its own and is woken by the request that hands it a slot, never all of
 * them at once (hundreds of waiters woken for one free slot would cost the 2-core machine more than
 * the requests themselves). A raised K admits waiters at the next release, or within
 * {@link #RECHECK_NANOS} at the latest.
 */
final class CapacityGate {

    /** How long a waiter parks before it looks at a K that may have risen. */
    static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        volatile boolean admitted;
    }

    private final LimitSchedule capacity;
    private final LongSupplier sinceStart;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();

    // guarded by lock
    private int serving;
    private int maxServing;
    private int maxWaiting;
    private long waited;
    private long waitedNanos;

    /**
     * @param capacity   K over time
     * @param sinceStart nanoseconds since the schedule's start
     */
    CapacityGate(LimitSchedule capacity, LongSupplier sinceStart) {
        this.capacity = capacity;
        this.sinceStart = sinceStart;
    }

    /** Waits for a slot; pair with {@link #exit()}. */
    void enter() throws InterruptedException {
        Waiter w;
        long start = System.nanoTime();
        lock.lock();
        try {
            if (queue.isEmpty() && free()) {
                take();
                return;
            }
            w = new Waiter();
            queue.add(w);
            maxWaiting = Math.max(maxWaiting, queue.size());
        } finally {
            lock.unlock();
        }
        while (!w.admitted) {
            LockSupport.parkNanos(this, RECHECK_NANOS);
            if (Thread.interrupted()) {
                lock.lock();
                try {
                    if (!queue.remove(w) && w.admitted) {
                        release(); // admitted as the interrupt came: hand the slot on
                    }
                } finally {
                    lock.unlock();
                }
                throw new InterruptedException();
            }
            if (!w.admitted) {
                lock.lock();
                try {
                    admit(); // K may have risen with time
                } finally {
                    lock.unlock();
                }
            }
        }
        lock.lock();
        try {
            waited++;
            waitedNanos += System.nanoTime() - start;
        } finally {
            lock.unlock();
        }
    }

    /** Gives the slot back and hands it to the first waiter. */
    void exit() {
        lock.lock();
        try {
            release();
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        serving--;
        admit();
    }

    private boolean free() {
        int k = capacity.at(sinceStart.getAsLong());
        return k == 0 || serving < k;
    }

    private void take() {
        serving++;
        maxServing = Math.max(maxServing, serving);
    }

    private void admit() {
        while (!queue.isEmpty() && free()) {
            Waiter next = queue.poll();
            take();
            next.admitted = true;
            LockSupport.unpark(next.thread);
        }
    }

    /** @return what the queue saw since the last reset */
    QueueStats stats() {
        lock.lock();
        try {
            return new QueueStats(capacity, maxServing, maxWaiting, waited, waited == 0 ? 0 : waitedNanos / 1e6 / waited);
        } finally {
            lock.unlock();
        }
    }

    void reset() {
        lock.lock();
        try {
            maxServing = serving;
            maxWaiting = queue.size();
            waited = 0;
            waitedNanos = 0;
        } finally {
            lock.unlock();
        }
    }
}
