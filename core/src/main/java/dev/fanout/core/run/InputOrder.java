package dev.fanout.core.run;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * At width 1, the caller's delivery in input order whatever ends each call. The calls run one after
 * another in input order, so they are decided in input order too, except when the run stops
 * everything at once: the deadline cancels the inputs waiting for the slot while the running one
 * still answers its interrupt, and they would be decided (and delivered) before it. A call decided
 * ahead of its turn waits here until every earlier one is delivered. On the caller's thread only;
 * in the usual case (the next call is the expected one) it costs a comparison.
 */
final class InputOrder<I, R> {

    private final PriorityQueue<Call<I, R>> early = new PriorityQueue<>(Comparator.comparingLong(Call::index));
    private long expected;

    /**
     * @param decided a call just taken off the decided queue, or {@code null} to ask for the next
     *                one held back
     * @return the next call to deliver, or {@code null} if it is not decided yet
     */
    Call<I, R> next(Call<I, R> decided) {
        if (decided != null && decided.index() != expected) {
            early.add(decided);
            decided = null;
        }
        if (decided == null) {
            Call<I, R> first = early.peek();
            if (first == null || first.index() != expected) {
                return null;
            }
            decided = early.poll();
        }
        expected++;
        return decided;
    }

    /** Hands every call still held back to {@code action} (after an abort: counted, not delivered). */
    void drain(Consumer<Call<I, R>> action) {
        for (Call<I, R> call; (call = early.poll()) != null; ) {
            action.accept(call);
        }
    }
}
