package dev.fanout.core.run;

import dev.fanout.core.OutcomeSink;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The caller's side of a run: it hands decided outcomes to the sink, on the caller's thread only,
 * in completion order (in input order at width 1, see {@link InputOrder}), and paces the caller
 * while they come as a stream. The run's state machine decides; this only delivers.
 *
 * <p>The pacing. Outcomes decided closer together than twice {@link #NAP_NANOS} are a stream:
 * between two deliveries the caller then sleeps a nap rather than ask the deciding threads to wake
 * it, which would cost them a system call for each outcome (a platform caller's unpark) and the
 * caller a context switch. Outcomes further apart wake the caller each, as soon as they are decided.
 */
final class Delivery<I, R> {

    /** How long the caller sleeps between two deliveries of a stream. */
    static final long NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Thread caller;
    private final DecidedQueue<I, R> decided;
    private final Tally tally;
    private final OutcomeSink<R> sink;
    /** At width 1, what puts the outcomes back in input order; else null. */
    private final InputOrder<I, R> inputOrder;
    private long lastDelivery = System.nanoTime() - 2 * NAP_NANOS;

    Delivery(Thread caller, DecidedQueue<I, R> decided, Tally tally, OutcomeSink<R> sink, boolean inInputOrder) {
        this.caller = caller;
        this.decided = decided;
        this.tally = tally;
        this.sink = sink;
        this.inputOrder = inInputOrder ? new InputOrder<>() : null;
    }

    /**
     * Hands decided outcomes to the sink, if this is the caller's thread.
     *
     * @return how many it handed over
     */
    int deliver() {
        if (Thread.currentThread() != caller) {
            return 0;
        }
        long before = tally.counted;
        try {
            for (Call<I, R> call; (call = decided.poll()) != null; ) {
                if (inputOrder == null) {
                    hand(call);
                } else {
                    for (Call<I, R> next = inputOrder.next(call); next != null; next = inputOrder.next(null)) {
                        hand(next);
                    }
                }
            }
        } finally {
            if (tally.counted != before) {
                tally.publish();
            }
        }
        return (int) (tally.counted - before);
    }

    private void hand(Call<I, R> call) {
        tally.count(call);
        sink.accept(call.outcome);
    }

    /**
     * After a delivery: if the outcomes come as a stream, sleeps a nap without asking to be woken
     * by a decision, so that a batch gathers meanwhile.
     *
     * @return whether it napped
     * @throws InterruptedException if the caller is interrupted
     */
    boolean napIfStreaming() throws InterruptedException {
        long now = System.nanoTime();
        boolean stream = now - lastDelivery < 2 * NAP_NANOS;
        lastDelivery = now;
        if (stream) {
            LockSupport.parkNanos(this, NAP_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return stream;
    }

    /** After an abort: counts every outcome decided and not delivered, without handing it to the sink. */
    void countUndelivered() {
        for (Call<I, R> call; (call = decided.poll()) != null; ) {
            tally.count(call);
        }
        if (inputOrder != null) {
            inputOrder.drain(tally::count);
        }
        tally.publish();
    }

    /** @return how many outcomes the caller has taken (delivered, or counted after an abort) */
    long delivered() {
        return tally.counted;
    }
}
