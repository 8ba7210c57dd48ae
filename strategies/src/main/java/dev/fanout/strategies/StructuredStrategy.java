package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.Outcome;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;
import dev.fanout.core.run.InputOrderSlots;

import java.util.concurrent.Semaphore;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;

/*
 * STRUCTURED: StructuredTaskScope (JDK 25 preview, JEP 505) bounded by slots taken in input order.
 *
 * The idea. The forks live inside a try-with-resources block. Whichever way the block is left
 * (normally, on a failure, on the caller's interrupt) every fork has finished when it closes: a
 * thread cannot outlive the code that started it. Under fail-fast one failure cancels the running
 * siblings, as asyncio's TaskGroup does.
 *
 * asyncio:   async with asyncio.TaskGroup() as tg:
 *                for u in urls:
 *                    tg.create_task(bounded(u))      # bounded = the Semaphore(4) wrapper
 *
 * Pick it when lifetimes must be plain in code review, and when one failure should cancel the
 * siblings rather than let them run on.
 *
 * The traps. It is a preview API in JDK 25: --enable-preview for javac, tests, and every JVM that
 * loads this class, and its shape changes again in JDK 26. A scope bounds lifetimes, not
 * concurrency: without the slots it is all-at-once. fork() may only be called by the thread that
 * opened the scope, so that thread is the one that waits when the window is full; if it waited for
 * each slot itself, every slot freed while it wakes up would stay empty (see the semaphore
 * strategy). So it forks up to `width` + 64 subtasks (a semaphore counts them) and each subtask
 * takes its slot itself, in input order (InputOrderSlots, as in the semaphore strategy: a plain or
 * fair Semaphore lets a later fork overtake an earlier one). The joiner is awaitAll() under both
 * policies: the obvious awaitAllSuccessfulOrThrow() cancels the scope at the first failure, which
 * interrupts every sibling a second time, after the run's own cancellation already did; a sibling
 * that answered the first interrupt with an error of its own (a reset connection) then still has
 * the second one pending and looks like a task that failed before the cancellation reached it. The
 * run's fail-fast interrupts the siblings once; the scope keeps the lifetimes.
 *
 * What the benchmark shows. Once calls take milliseconds, the semaphore strategy's numbers within
 * noise: the scope costs nothing next to a network call. Its own cost per item is the report's
 * in-process section ("the strategy's own cost", ./fanout bench --profile quick --workload sim
 * --latency fixed:0ms), beside the semaphore strategy's; the slots in input order cost nothing
 * measurable there (docs/contract.md, "What input order costs"). The server's in-flight peak
 * equals W.
 */
public final class StructuredStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "structured";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "StructuredTaskScope forks behind width slots taken in input order; fail-fast cancels siblings (TaskGroup)";
    }

    /** Forks that may wait for a permit, beyond the `width` that hold one (as in the semaphore strategy). */
    static final int WAITING_FORKS = 64;

    @Override
    public Capabilities capabilities() {
        // read-ahead: the forks waiting for a permit, and the input the caller holds meanwhile
        return new Capabilities(Capabilities.Width.BOUNDED, WAITING_FORKS + 1, true, ThreadKind.VIRTUAL);
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        InputOrderSlots slots = new InputOrderSlots(run.width(), WAITING_FORKS);
        Semaphore forks = new Semaphore(run.width() + WAITING_FORKS);
        try (var scope = StructuredTaskScope.open(Joiner.<Outcome<R>>awaitAll(),
                cf -> cf.withThreadFactory(run.scopeThreadFactory()))) {
            try {
                for (Call<I, R> call; (call = run.next()) != null; ) {
                    forks.acquire();
                    Call<I, R> each = call;
                    scope.fork(() -> {
                        try {
                            // interrupted only when the scope is closed after the caller gave up:
                            // the run has stopped first and decides this input's outcome itself
                            slots.acquire(each.index());
                            try {
                                return run.execute(each);
                            } finally {
                                slots.release();
                            }
                        } finally {
                            forks.release();
                        }
                    });
                }
                // deliver outcomes as they are decided, before joining: the caller is the sink's
                // thread, and a sink that throws must stop the run while forks are still running
                run.awaitDecided();
                scope.join();
            } catch (Throwable givingUp) {
                // The caller's interrupt (or its sink threw): closing the scope will interrupt every
                // fork. Cancel the run first, so those interrupts are the run's and the tasks are
                // recorded as cancelled, not as failing on an interrupt of their own.
                run.cancelAll();
                throw givingUp;
            }
        }
    }
}
