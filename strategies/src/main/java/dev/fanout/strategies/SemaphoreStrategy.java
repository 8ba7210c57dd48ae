package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

import java.util.concurrent.Semaphore;

/*
 * SEMAPHORE: one virtual thread per input, a Semaphore(width) around each call.
 *
 * The idea. A sliding window: the moment one call ends, its permit goes to the next input, so
 * exactly `width` calls are in flight until the input runs out. No idle slot waits for a slow
 * sibling.
 *
 * asyncio:   sem = asyncio.Semaphore(4)
 *            async def bounded(u):
 *                async with sem:
 *                    return await fetch(u)
 *
 * Pick it by default for blocking I/O on virtual threads: bounded, lazy, and as fast as the width
 * allows, in a dozen lines.
 *
 * The traps. The literal port starts a thread per input and acquires the permit inside it. That
 * parks N threads and reads the whole input before the first call finishes: memory O(N), and an
 * endless generator never gets going. The opposite fix, the caller acquiring each permit before
 * it starts the thread, keeps `width` threads but costs the window its slide at small widths:
 * the caller (often a platform thread) sleeps until a permit comes back, and every slot that
 * frees while it wakes up (a futex wake-up and a context switch, microseconds) stays empty. With
 * calls that take microseconds that was most of the time: 0.5M items/s at width 16 where the plain
 * virtual-thread loop does 2M. So the caller here starts at most `width` + 64 threads (a second
 * semaphore counts them) and each thread acquires its permit itself: up to 64 started threads
 * wait for a permit, ready the moment one is released, while the caller sleeps; memory and
 * read-ahead stay O(width). The last trap is a permit lost on the failure path: each release
 * sits in a finally.
 *
 * What the benchmark shows. Close to the ideal ceil(N / W) x L until the harness ceiling; the
 * server's in-flight peak equals W. Its own cost shows on no-op tasks: see "what a strategy costs
 * per item" in README (./fanout bench --profile quick --workload sim --latency fixed:0ms).
 */
public final class SemaphoreStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "semaphore";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a virtual thread per input behind a Semaphore(width): a sliding window (asyncio's Semaphore(4))";
    }

    /** Started threads that may wait for a permit, beyond the `width` that hold one. */
    static final int WAITING_THREADS = 64;

    @Override
    public Capabilities capabilities() {
        // read-ahead: the threads waiting for a permit, and the input the caller holds meanwhile
        return new Capabilities(Capabilities.Width.BOUNDED, WAITING_THREADS + 1, true, ThreadKind.VIRTUAL);
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        Semaphore permits = new Semaphore(run.width());
        Semaphore threads = new Semaphore(run.width() + WAITING_THREADS);
        for (Call<I, R> call; (call = run.next()) != null; ) {
            threads.acquire();
            Call<I, R> each = call;
            run.startThread(() -> {
                try {
                    permits.acquire();
                    try {
                        run.execute(each);
                    } finally {
                        permits.release();
                    }
                } catch (InterruptedException cancelled) {
                    // only the run interrupts a thread that waits for a permit: the caller gave up,
                    // and the run decides this input's outcome (cancelled) itself
                } finally {
                    threads.release();
                }
            });
        }
    }
}
