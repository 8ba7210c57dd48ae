package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;
import dev.fanout.core.run.InputOrderSlots;

import java.util.concurrent.Semaphore;

/*
 * SEMAPHORE: one virtual thread per input, `width` slots around the calls, taken in input order.
 *
 * The idea. A sliding window: the moment one call ends, its slot goes to the next input, so
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
 * frees while it wakes up (a futex wake-up and a context switch, microseconds) stays empty, which
 * with calls that take microseconds is most of the time. So the caller here starts at most
 * `width` + 64 threads (a semaphore counts them) and each thread takes its slot itself: up to 64
 * started threads wait, ready the moment a slot is released, while the caller sleeps; memory and
 * read-ahead stay O(width).
 * Then the order: with many threads waiting, a java.util.concurrent.Semaphore gives a released
 * permit to whichever waiter wins, not to the earliest input, and a fair one to the thread that
 * reached acquire() first, which the scheduler decides (docs/design.md, "More facts", start
 * order). A later input then overtakes an earlier one: at width 1 the calls no longer run in
 * input order, and tasks that wait for an earlier input can stall behind later ones holding every
 * slot. asyncio's Semaphore wakes its waiters in FIFO order; here the order is carried by the
 * input's own index (InputOrderSlots: input k may start once k - width + 1 slots came back, and a
 * release wakes exactly that input), which costs one counter and no queue. The last trap is a slot lost on the failure path: each
 * release sits in a finally.
 *
 * What the benchmark shows. Close to the ideal ceil(N / W) x L until the harness ceiling; the
 * server's in-flight peak equals W. Its own cost per item is the report's in-process section
 * ("the strategy's own cost", ./fanout bench --profile quick --workload sim --latency fixed:0ms),
 * beside the peer jdk-virtual-threads, a plain Semaphore. Taking the slots in input order cost
 * nothing measurable there: before and after, side by side with that peer in the same runs, the
 * items/s stayed within the runs' own noise at widths 1 and 16 (docs/contract.md, "What input
 * order costs"): one counter replaces the semaphore's queue of waiters, and a release wakes only
 * the input it admits.
 */
public final class SemaphoreStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "semaphore";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a virtual thread per input behind width slots taken in input order: a sliding window (asyncio's Semaphore(4))";
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
        InputOrderSlots permits = new InputOrderSlots(run.width(), WAITING_THREADS);
        Semaphore threads = new Semaphore(run.width() + WAITING_THREADS);
        for (Call<I, R> call; (call = run.next()) != null; ) {
            threads.acquire();
            Call<I, R> each = call;
            run.startThread(() -> {
                try {
                    permits.acquire(each.index());
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
