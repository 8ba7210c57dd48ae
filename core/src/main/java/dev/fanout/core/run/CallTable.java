package dev.fanout.core.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The calls of a run that are read and not yet decided, so that a cancellation can find them and
 * the watchdog can time them out. It sits on every input's path, so it is built for that path: only
 * the thread that reads the input writes to it, and a call that is decided is not removed (that
 * would be a write from another core on every input) but left in its slot until the reader needs
 * the slot again. Anyone may sweep.
 *
 * <p>Open addressing over an array about twice the number of calls a strategy may hold undecided
 * (width plus read-ahead), so memory is O(width): a slot is free when it is empty or holds a call
 * already decided. The array doubles only when half of it is scanned without a free slot, which a
 * bounded strategy never causes. A decided call may so stay referenced until its slot comes round
 * again: at most the table's size of them, O(width).
 *
 * <p>A sweep may miss a call added while it runs, and sees decided calls; the run copes with both
 * (a call added after a cancellation began checks for it itself; a sweep looks at each call's state).
 *
 * <p>It also counts the calls ever added (the inputs read), for the caller to compare with what it
 * has delivered. Its fields are written by the reader on every input, so they sit on cache lines
 * of their own ({@link CacheLinePadding}).
 */
final class CallTable extends CallTableFields {

    private static final int MAX_INITIAL = 1 << 12;

    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;

    /** @param expected how many calls may be undecided at once, as far as the strategy says */
    CallTable(long expected) {
        long wanted = Math.min(Math.max(16, 2 * expected), MAX_INITIAL);
        slots = new AtomicReferenceArray<>(Integer.highestOneBit((int) wanted - 1) << 1);
    }

    /** @return how many calls were ever added; any thread */
    long added() {
        return (long) ADDED.getAcquire(this);
    }

    /**
     * Counts one more call added, before it is added: the caller may see it decided as soon as it
     * is in the table, and must never count more delivered than read.
     */
    void countAdded() {
        ADDED.setRelease(this, added + 1);
    }

    /** Adds a call; one thread at a time (and the same thread, or taking turns under a lock). */
    void add(Call<?, ?> call) {
        AtomicReferenceArray<Call<?, ?>> a = slots;
        int n = a.length();
        int limit = Math.max(n >> 1, 1);
        for (int probe = 0; probe < limit; probe++) {
            int i = (cursor + probe) & (n - 1);
            Call<?, ?> held = a.getPlain(i);
            if (held == null || held.decided()) {
                place(a, i, call);
                return;
            }
        }
        // half of the table is undecided calls: double it, keeping every call at its slot
        AtomicReferenceArray<Call<?, ?>> bigger = new AtomicReferenceArray<>(n << 1);
        for (int i = 0; i < n; i++) {
            Call<?, ?> held = a.getPlain(i);
            if (held != null && !held.decided()) {
                bigger.setPlain(i, held);
            }
        }
        slots = bigger;
        place(bigger, n, call);
    }

    private void place(AtomicReferenceArray<Call<?, ?>> a, int i, Call<?, ?> call) {
        // volatile: a sweep that starts after this must see it (or the adder sees the sweep's flag)
        a.set(i, call);
        cursor = i + 1;
    }

    /** Hands every call in the table to {@code action}, decided ones possibly included. */
    void forEach(Consumer<Call<?, ?>> action) {
        AtomicReferenceArray<Call<?, ?>> a = slots;
        for (int i = 0, n = a.length(); i < n; i++) {
            Call<?, ?> call = a.get(i);
            if (call != null) {
                action.accept(call);
            }
        }
    }

    /** @return how many calls in the table are undecided (a diagnostic; it sweeps) */
    int undecided() {
        int[] count = {0};
        forEach(call -> {
            if (!call.decided()) {
                count[0]++;
            }
        });
        return count[0];
    }
}

abstract class CallTableFields extends CacheLinePadding {
    static final VarHandle ADDED;

    static {
        try {
            ADDED = MethodHandles.lookup().findVarHandle(CallTableFields.class, "added", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    volatile AtomicReferenceArray<Call<?, ?>> slots;
    /** Where the next search for a free slot starts; touched only by the adding thread. */
    int cursor;
    /** Calls ever added; written only by the adding thread. */
    volatile long added;
    /** The caller's delivered count as the adding thread last saw it; the adding thread only. */
    long deliveredSeen;
}
