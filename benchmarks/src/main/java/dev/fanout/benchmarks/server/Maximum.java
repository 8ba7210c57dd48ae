package dev.fanout.benchmarks.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A running maximum that writes only when it grows, so the threads that read it share the cache line. */
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
}
