package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.FailurePolicy;
import dev.fanout.core.Outcome;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

import java.util.concurrent.Semaphore;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;

/*
 * STRUCTURED: StructuredTaskScope (JDK 25 preview, JEP 505) bounded by a Semaphore(width).
 *
 * The idea. The forks live inside a try-with-resources block. Whichever way the block is left
 * (normally, on a failure, on the caller's interrupt) every fork has finished when it closes: a
 * thread cannot outlive the code that started it. Under fail-fast the joiner
 * awaitAllSuccessfulOrThrow() cancels the scope at the first failure, which interrupts every
 * running sibling, as asyncio's TaskGroup does.
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
 * concurrency: without the semaphore it is all-at-once. fork() may only be called by the thread
 * that opened the scope, so that thread is the one that waits when the window is full; if it
 * waited for each permit itself, every slot freed while it wakes up would stay empty (see the
 * semaphore strategy). So it forks up to `width` + 64 subtasks (a second semaphore counts them)
 * and each subtask takes its permit itself.
 *
 * What the benchmark shows. The semaphore strategy's numbers within noise once calls take
 * milliseconds: the scope costs nothing next to a network call. Its own cost shows on no-op
 * tasks: see "what a strategy costs per item" in README
 * (./fanout bench --profile quick --workload sim --latency fixed:0ms). The server's in-flight
 * peak equals W.
 */
public final class StructuredStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "structured";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "StructuredTaskScope forks behind a Semaphore(width); fail-fast cancels siblings (TaskGroup)";
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
        boolean failFast = run.options().failurePolicy() == FailurePolicy.FAIL_FAST;
        Joiner<Outcome<R>, Void> joiner = failFast ? Joiner.awaitAllSuccessfulOrThrow() : Joiner.awaitAll();
        Semaphore permits = new Semaphore(run.width());
        Semaphore forks = new Semaphore(run.width() + WAITING_FORKS);
        try (var scope = StructuredTaskScope.open(joiner, cf -> cf.withThreadFactory(run.scopeThreadFactory()))) {
            try {
                for (Call<I, R> call; (call = run.next()) != null; ) {
                    forks.acquire();
                    Call<I, R> each = call;
                    scope.fork(() -> {
                        try {
                            // interrupted only when the scope is cancelled or closed: the run has
                            // stopped first and decides this input's outcome itself
                            permits.acquire();
                            try {
                                return failedFastIfFailed(run.execute(each), failFast);
                            } finally {
                                permits.release();
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
            } catch (StructuredTaskScope.FailedException firstFailure) {
                // the run recorded the first failure and raises it; the scope has cancelled the rest
            } catch (Throwable givingUp) {
                // The caller's interrupt (or its sink threw): closing the scope will interrupt every
                // fork. Cancel the run first, so those interrupts are the run's and the tasks are
                // recorded as cancelled, not as failing on an interrupt of their own.
                run.cancelAll();
                throw givingUp;
            }
        }
    }

    /** Under fail-fast a subtask must fail for the scope to cancel its siblings. */
    private static <R> Outcome<R> failedFastIfFailed(Outcome<R> outcome, boolean failFast) throws Exception {
        if (failFast) {
            switch (outcome) {
                case Outcome.Failure<R> f -> throw new FirstFailure(f);
                case Outcome.TimedOut<R> t -> throw new FirstFailure(t);
                default -> {
                }
            }
        }
        return outcome;
    }

    /** Carries a failed outcome out of a subtask so that the joiner sees a failure. */
    private static final class FirstFailure extends Exception {
        FirstFailure(Outcome<?> outcome) {
            super("input " + outcome.index() + " did not succeed", null, false, false);
        }
    }
}
