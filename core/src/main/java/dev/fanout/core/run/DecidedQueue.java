package dev.fanout.core.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The calls of a run that are decided and not yet delivered, oldest first: any thread appends, only
 * the caller takes (an intrusive multi-producer, single-consumer queue after Dmitry Vyukov's: a
 * call is its own node, so appending allocates nothing and takes one atomic swap). The caller parks
 * on it when it has nothing to deliver; an append unparks it only if it is parked, so a busy caller
 * costs the producers nothing more.
 *
 * <p>The consumer's end and the producers' end sit on separate cache lines (the padding classes
 * below, see {@link CacheLinePadding}), so that taking an outcome does not evict what the producers
 * write on every input, and the other way round.
 */
final class DecidedQueue<I, R> extends DecidedQueueProducers<I, R> {

    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;

    /** @param consumer the caller: the one thread that takes, and parks */
    DecidedQueue(Thread consumer) {
        super(consumer);
    }

    /** Appends a decided call; any thread. Unparks the consumer if it waits. */
    void add(Call<I, R> call) {
        @SuppressWarnings("unchecked")
        Call<I, R> previous = (Call<I, R>) TAIL.getAndSet(this, call);
        previous.linkDecided(call);
        if (consumerWaiting && WAITING.compareAndSet(this, true, false)) {
            LockSupport.unpark(consumer);
        }
    }

    /** @return the oldest call not yet taken, or null; the consumer only */
    Call<I, R> poll() {
        Call<I, R> next = head.nextDecided();
        if (next != null) {
            head = next;
        }
        return next;
    }

    /** @return whether a call was appended and not yet taken (it may still be being linked); the consumer only */
    boolean pending() {
        return TAIL.getVolatile(this) != head;
    }

    /**
     * Parks the consumer until a call is appended or the time is up.
     *
     * @return whether a producer woke it (rather than the time, or an interrupt)
     */
    boolean await(long nanos) {
        consumerWaiting = true;
        if (!pending()) {
            LockSupport.parkNanos(this, nanos);
        }
        // reading the flag back (a producer cleared it) orders that producer's link before what we read next
        return !(boolean) WAITING.getAndSet(this, false);
    }
}

/** The consumer's end. */
abstract class DecidedQueueConsumer<I, R> extends CacheLinePadding {
    /** The last call taken, or the stub: its {@code nextDecided} is the oldest call not taken. */
    Call<I, R> head = new Call<>(-1, null, 0);
    final Thread consumer;

    DecidedQueueConsumer(Thread consumer) {
        this.consumer = consumer;
    }
}

abstract class DecidedQueuePadding<I, R> extends DecidedQueueConsumer<I, R> {
    @SuppressWarnings("unused")
    private long p0, p1, p2, p3, p4, p5, p6, p7;

    DecidedQueuePadding(Thread consumer) {
        super(consumer);
    }
}

/** The producers' end. */
abstract class DecidedQueueProducers<I, R> extends DecidedQueuePadding<I, R> {
    static final VarHandle TAIL;
    static final VarHandle WAITING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(DecidedQueueProducers.class, "tail", Call.class);
            WAITING = lookup.findVarHandle(DecidedQueueProducers.class, "consumerWaiting", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The newest call appended. */
    volatile Call<I, R> tail;
    /** Set by the consumer just before it parks; the producer that clears it unparks the consumer. */
    volatile boolean consumerWaiting;

    DecidedQueueProducers(Thread consumer) {
        super(consumer);
        this.tail = head;
    }
}
