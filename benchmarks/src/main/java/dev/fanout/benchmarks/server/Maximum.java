package dev.fanout.benchmarks.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A running maximum (or minimum) that writes only when it moves, so the threads that read it share the cache line. */
public final class Maximum {

    private Maximum() {
    }

    public static void raise(AtomicInteger max, int value) {
        for (int m = max.get(); value > m; m = max.get()) {
            if (max.compareAndSet(m, value)) {
                return;
            }
        }
    }

    public static void raise(AtomicLong max, long value) {
        for (long m = max.get(); value > m; m = max.get()) {
            if (max.compareAndSet(m, value)) {
                return;
            }
        }
    }

    /** Lowers {@code min} to {@code value}; writes only when it is smaller. */
    public static void lower(AtomicLong min, long value) {
        for (long m = min.get(); value < m; m = min.get()) {
            if (min.compareAndSet(m, value)) {
                return;
            }
        }
    }
}
