package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

/*
 * WORKER-POOL: `width` long-lived workers, each taking its next input from the lazy iterator.
 *
 * The idea. The threads are fixed and the work flows through them. A worker that is free takes the
 * next input itself (one worker at a time, under a lock), runs it, and comes back for more. An
 * input is read only when a worker is free to run it, so a fast producer never runs ahead of slow
 * consumers (back-pressure) and memory stays O(width) even for an endless generator. Results come
 * out as they finish.
 *
 * asyncio:   queue = asyncio.Queue(maxsize=...)
 *            workers = [asyncio.create_task(worker(queue)) for _ in range(W)]
 *            for item in lazy_generator(): await queue.put(item)
 *
 * Pick it when a worker holds something expensive (a connection, a session, a buffer), when the
 * code must run on platform threads (native calls, libraries that pin virtual threads), or for
 * endless input. Workers are platform threads by default; FanOutOptions.threads(VIRTUAL) changes it.
 *
 * The trap. The hand-off. The literal port, a feeder thread putting items on a small bounded queue
 * that `width` workers take from, is what asyncio does for free: there a put and a get are a
 * switch between coroutines on one thread. Between platform threads the same queue parks and
 * unparks a thread (a system call and a context switch) for nearly every item, because a small
 * queue is nearly always empty or full. This strategy's first version did exactly that, with a
 * queue of two, and it was the strategy's own cost, not the harness's, that held it back. So the
 * queue is gone: the iterator is the queue, and the lock around it is held for a few dozen
 * nanoseconds, which the JVM's monitors take by spinning rather than sleeping.
 * What is left of the lesson: the shutdown needs no END markers (a worker that finds the input
 * exhausted ends); a failing task must not kill its worker (the run turns every failure into an
 * outcome), nor must an interrupt its task got from elsewhere (the run clears it, and a worker
 * interrupted while it takes an input asks again: only the run's closing of the input ends it); a
 * worker costs something to start (a platform thread most of all), so one starts only when the one
 * before it holds an input, and a short input never starts the whole width. And platform threads
 * cost a kernel thread switch every time one wakes: at widths in the hundreds, with short blocking
 * calls, that is what the CPU spends its time on (FanOutOptions.threads(VIRTUAL) removes it).
 *
 * What the benchmark shows. What the hand-off costs per item: ./fanout bench, section cost (the
 * report's table "What a strategy costs per item (no-op tasks)"), against jdk-fixed-pool, a plain
 * fixed thread pool with a completion service. At the smallest widths the two are close (the pool
 * a little ahead at width 1); as the width grows this version pulls far ahead. With real latency
 * (sections http and sim) it keeps up with the semaphore at small widths and falls behind at the
 * widest, where its platform threads' switches take the cores: the trap above, which
 * FanOutOptions.threads(VIRTUAL) (--threads virtual) is there to remove. The
 * server's in-flight peak equals W. docs/harness.md ("What a strategy costs per item") and
 * docs/benchmarks.md show a run.
 */
public final class WorkerPoolStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "worker-pool";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "width long-lived workers, each taking its next input from the lazy iterator (the queue-based parallelize())";
    }

    @Override
    public Capabilities capabilities() {
        // read-ahead 0: an input is read only by a worker that is free to run it
        return new Capabilities(Capabilities.Width.BOUNDED, 0, true, ThreadKind.PLATFORM);
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        // The caller reads only the first input, then delivers outcomes; it never waits for the
        // workers' lock, since a worker holding it may be waiting for the caller to deliver.
        Call<I, R> first = run.next();
        if (first != null) {
            Object turn = new Object(); // one reader of the iterator at a time
            run.startThread(() -> work(run, turn, first, 1));
        }
    }

    /**
     * @param first  the input this worker starts with, or null if it found none (then it ends)
     * @param number this worker's number, from 1
     */
    private static <I, R> void work(FanOutRun<I, R> run, Object turn, Call<I, R> first, int number) {
        if (first != null && number < run.width()) {
            // the pool grows to the width only while each new worker finds an input
            run.startThread(() -> work(run, turn, take(run, turn), number + 1));
        }
        for (Call<I, R> call = first; call != null; call = take(run, turn)) {
            run.execute(call); // never throws; after a cancellation it decides "cancelled" at once
        }
    }

    /** @return the next input, or null when the input is exhausted or the run is stopping */
    private static <I, R> Call<I, R> take(FanOutRun<I, R> run, Object turn) {
        while (true) {
            try {
                synchronized (turn) {
                    return run.next();
                }
            } catch (InterruptedException notTheEnd) {
                // An interrupt of this worker's own, or the run's when the caller gives up. The run
                // closes its input before it interrupts, so asking again tells the two apart.
            }
        }
    }
}
