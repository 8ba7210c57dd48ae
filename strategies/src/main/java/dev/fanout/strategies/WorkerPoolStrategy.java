package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/*
 * WORKER-POOL: `width` long-lived workers take inputs from a small bounded queue.
 *
 * The idea. The threads are fixed and the work flows through them. The caller is the feeder: it
 * reads the input lazily and puts each item on a queue of QUEUE_CAPACITY; when the queue is full
 * the put blocks, so a fast producer waits for slow consumers (back-pressure) and memory stays
 * O(width) even for an endless generator. Results come out as they finish.
 *
 * asyncio:   queue = asyncio.Queue(maxsize=...)
 *            workers = [asyncio.create_task(worker(queue)) for _ in range(W)]
 *            for item in lazy_generator(): await queue.put(item)
 *
 * Pick it when a worker holds something expensive (a connection, a session, a buffer), when the
 * code must run on platform threads (native calls, libraries that pin virtual threads), or for
 * endless input. Workers are platform threads by default; FanOutOptions.threads(VIRTUAL) changes it.
 *
 * The trap. The shutdown. Workers must learn that the input has ended (one END marker per worker)
 * and a failing task must not kill its worker (the run turns every failure into an outcome, so
 * execute never throws). A queue as large as the input quietly makes it O(N) again. And a worker
 * costs something to start (a platform thread most of all): start one only when there is an input
 * for it, so 128 inputs at width 256 start 128 workers, not 256.
 *
 * What the benchmark shows. Close to the semaphore up to width 16. Past that, its platform workers
 * cost the CPU the harness needs: on the 2-core quick run (fixed:20ms, 128 items, README), 949
 * items/s at width 64 against the semaphore's 1,639. The server's in-flight peak equals W.
 */
public final class WorkerPoolStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "worker-pool";

    /** Large enough that a freed worker rarely waits for the feeder, small enough to stay O(width). */
    static final int QUEUE_CAPACITY = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "width long-lived workers fed through a small bounded queue (the queue-based parallelize())";
    }

    @Override
    public Capabilities capabilities() {
        // read-ahead: the queued items plus the one the feeder holds while the queue is full
        return new Capabilities(Capabilities.Width.BOUNDED, QUEUE_CAPACITY + 1, true, ThreadKind.PLATFORM);
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        BlockingQueue<Optional<Call<I, R>>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        int workers = 0;
        for (Call<I, R> call; (call = run.next()) != null; ) {
            if (workers < run.width()) { // the pool grows to the width as inputs arrive
                run.startThread(() -> work(run, queue));
                workers++;
            }
            queue.put(Optional.of(call));
        }
        for (int w = 0; w < workers; w++) {
            queue.put(Optional.empty()); // END: one per worker
        }
    }

    private static <I, R> void work(FanOutRun<I, R> run, BlockingQueue<Optional<Call<I, R>>> queue) {
        try {
            for (Optional<Call<I, R>> item; (item = queue.take()).isPresent(); ) {
                run.execute(item.get()); // after a cancellation this decides "cancelled" at once
            }
        } catch (InterruptedException aborted) {
            // the caller was interrupted: the run is cancelling everything; this worker just ends
        }
    }
}
