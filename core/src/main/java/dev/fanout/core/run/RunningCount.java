package dev.fanout.core.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many calls are running now, and the most seen at once: updated by every task's thread at its
 * start and end, so alone on its cache line (see {@link CacheLinePadding}).
 */
final class RunningCount extends RunningCountFields {

    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;

    void started() {
        int now = (int) NOW.getAndAdd(this, 1) + 1;
        int most;
        while (now > (most = max) && !MAX.compareAndSet(this, most, now)) {
            Thread.onSpinWait();
        }
    }

    void ended() {
        NOW.getAndAdd(this, -1);
    }

    int now() {
        return now;
    }

    int max() {
        return max;
    }
}

abstract class RunningCountFields extends CacheLinePadding {
    static final VarHandle NOW;
    static final VarHandle MAX;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NOW = lookup.findVarHandle(RunningCountFields.class, "now", int.class);
            MAX = lookup.findVarHandle(RunningCountFields.class, "max", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    volatile int now;
    volatile int max;
}
