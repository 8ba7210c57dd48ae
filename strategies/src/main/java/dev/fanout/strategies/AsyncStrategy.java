package dev.fanout.strategies;

import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.Capabilities;
import dev.fanout.core.NanoClock;
import dev.fanout.core.SlowCall;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/*
 * ASYNC: at most `width` futures outstanding, no thread per call in flight.
 *
 * The idea. asyncio's own model. AsyncFanOutTask.callAsync starts a call and returns at once with a
 * future (HttpClient.sendAsync is such a call), so a call in flight is a future and a socket, not a
 * parked thread. The caller's thread is the event loop: it reads an input, starts its call, and
 * when `width` futures are outstanding it waits; each completion decides that input's outcome and
 * hands its slot back, and the caller starts the next input. A sliding window like the semaphore's,
 * with one thread for any width.
 *
 * asyncio:   async def bounded(u):
 *                async with sem:                     # the same window, on one event loop
 *                    return await fetch(u)
 *            await asyncio.gather(*(bounded(u) for u in urls))
 *
 * Pick it for thousands of calls in flight against a client that is truly non-blocking (the JDK's
 * HttpClient.sendAsync, an NIO database driver); the strategy's own thread count stays constant
 * whatever the width. A plain FanOutTask given to it runs on a virtual thread per call instead,
 * bounded the same way, so every task works: a thread starts only once its slot is free (read-ahead
 * 0), where the semaphore strategy lets up to 64 started threads wait for theirs.
 *
 * The traps. First, asyncio's cardinal rule: callAsync must not block before it returns. One that
 * makes the request synchronously and returns a completed future holds the event loop, and the
 * strategy silently becomes sequential. As asyncio's debug mode does (slow_callback_duration,
 * 100 ms), this strategy times every callAsync on the caller's thread and reports the first one
 * past the threshold, with how many there were, in RunSummary.slowCall(). Second, who reads the
 * iterator: the completion must not start the next call itself. It would read the iterator on the
 * client's I/O thread (one reader at a time is the rule, and a slow iterator would stall the
 * client), and the sink must run on the caller's thread. It hands the slot back; the caller starts
 * the next call. Third, stopping a call: a timeout, fail-fast or the caller's interrupt cancels the
 * call's future (a cancel should abort the exchange behind it; sendAsync's cancel(true) does). The cancel is
 * made on a thread of the run's own, never inside the run's bookkeeping, because a future's
 * callbacks run on whichever thread completes it, and a cancel completes it.
 *
 * What the benchmark shows. The semaphore's window without its threads: on sim, throughput and
 * efficiency level with the semaphore and the plain-JDK loop at every width (./fanout bench,
 * section sim, the report's table "In-process, no sockets"), and the threads alive during the
 * fan-out a constant, where the semaphore's grow with the width (./fanout run --strategy async
 * --workload sim --width 1024 --items 4096 --footprint, the "threads" line; docs/strategies-measured.md).
 * Over http with okhttp it falls behind at the widest point, because OkHttp's asynchronous API runs
 * each call on a thread of its dispatcher: the count is then the client's to keep, not the
 * strategy's. Per item it is the cheapest of the strategies that overlap calls (section cost). The server's
 * in-flight peak equals W.
 */
public final class AsyncStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "async";

    /** asyncio's {@code loop.slow_callback_duration}. */
    public static final Duration DEFAULT_SLOW_CALL_THRESHOLD = Duration.ofMillis(100);

    private final Duration slowCallThreshold;

    /** With the default slow-call threshold of 100 ms. */
    public AsyncStrategy() {
        this(DEFAULT_SLOW_CALL_THRESHOLD);
    }

    /**
     * @param slowCallThreshold how long a {@code callAsync} may hold the caller's thread before the
     *                          run reports it ({@link dev.fanout.core.RunSummary#slowCall()})
     * @throws NullPointerException     if it is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public AsyncStrategy(Duration slowCallThreshold) {
        Objects.requireNonNull(slowCallThreshold, "slowCallThreshold must not be null");
        if (slowCallThreshold.isNegative() || slowCallThreshold.isZero()) {
            throw new IllegalArgumentException("slowCallThreshold must be positive, was " + slowCallThreshold);
        }
        this.slowCallThreshold = slowCallThreshold;
    }

    /** @return how long a {@code callAsync} may hold the caller's thread before it is reported */
    public Duration slowCallThreshold() {
        return slowCallThreshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "width futures outstanding, started from the caller's thread: no thread per call (asyncio's event loop); "
                + "plain tasks get a virtual thread";
    }

    @Override
    public Capabilities capabilities() {
        // read-ahead 0: an input is read only once a slot is free. Virtual threads run plain tasks.
        return new Capabilities(Capabilities.Width.BOUNDED, 0, true, ThreadKind.VIRTUAL);
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        Semaphore slots = new Semaphore(run.width());
        if (!(run.task() instanceof AsyncFanOutTask<I, R> async)) {
            onVirtualThreads(run, slots);
            return;
        }
        SlowCalls slow = new SlowCalls(run.options().clock(), slowCallThreshold);
        try {
            while (true) {
                slots.acquire(); // the event loop waits for a completion to hand a slot back
                Call<I, R> call = run.next();
                if (call == null) {
                    break;
                }
                start(run, async, call, slots, slow);
            }
        } finally {
            slow.report(run);
        }
        // the calls still in flight hold no thread of the run: wait for them here, delivering
        run.awaitDecided();
    }

    /** Starts one call on the caller's thread; its completion, on any thread, frees its slot. */
    private static <I, R> void start(FanOutRun<I, R> run, AsyncFanOutTask<I, R> async, Call<I, R> call,
                                     Semaphore slots, SlowCalls slow) {
        Outstanding outstanding = new Outstanding(run);
        if (!run.begin(call, outstanding::cancel)) {
            slots.release(); // cancelled before it started: the run has decided it
            return;
        }
        long before = slow.clock.nanoTime();
        CompletableFuture<R> future = null;
        Throwable refused = null;
        try {
            future = async.callAsync(call.input());
            if (future == null) {
                refused = new NullPointerException("callAsync returned null for input " + call.input());
            }
        } catch (Throwable t) {
            refused = t;
        }
        slow.timed(call, slow.clock.nanoTime() - before);
        if (refused != null) {
            try {
                run.complete(call, null, refused);
            } finally {
                slots.release();
            }
            if (refused instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // the caller's own interrupt: the loop stops at its next wait
            }
            return;
        }
        future.whenComplete((value, error) -> {
            try {
                run.complete(call, value, unwrap(error));
            } finally {
                slots.release();
            }
        });
        outstanding.attach(future);
    }

    /** A plain FanOutTask: the semaphore's window, a virtual thread per call in flight. */
    private static <I, R> void onVirtualThreads(FanOutRun<I, R> run, Semaphore slots) throws InterruptedException {
        while (true) {
            slots.acquire();
            Call<I, R> call = run.next();
            if (call == null) {
                return;
            }
            run.startThread(() -> {
                try {
                    run.execute(call);
                } finally {
                    slots.release();
                }
            });
        }
    }

    /** A dependent stage fails with CompletionException; the outcome should name its cause. */
    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException e && e.getCause() != null ? e.getCause() : error;
    }

    /**
     * One call's future, and how the run stops it. The stop may come before the future exists
     * (between begin and callAsync's return); then the future is cancelled as soon as it is attached.
     */
    private static final class Outstanding {
        private final FanOutRun<?, ?> run;
        private volatile CompletableFuture<?> future;
        private volatile boolean cancelled;

        Outstanding(FanOutRun<?, ?> run) {
            this.run = run;
        }

        /**
         * The run's interrupter. It runs inside the run's bookkeeping, which waits for it to return
         * before the call's outcome can be decided; a cancel here would run the future's callbacks
         * (and so run.complete) on this very thread. So the cancel is made on a thread of the run's
         * own, which the run joins before it returns.
         */
        void cancel() {
            cancelled = true;
            CompletableFuture<?> f = future;
            if (f != null) {
                run.startThread(() -> f.cancel(true));
            }
        }

        /** On the caller's thread, once callAsync has returned; the volatile pair never loses a cancel. */
        void attach(CompletableFuture<?> f) {
            future = f;
            if (cancelled) {
                f.cancel(true);
            }
        }
    }

    /** Times every callAsync on the caller's thread; remembers the first slow one and counts them. */
    private static final class SlowCalls {
        final NanoClock clock;
        private final Duration threshold;
        private final long thresholdNanos;
        private long count;
        private long firstIndex;
        private Object firstInput;
        private long firstHeldNanos;

        SlowCalls(NanoClock clock, Duration threshold) {
            this.clock = clock;
            this.threshold = threshold;
            this.thresholdNanos = threshold.toNanos();
        }

        void timed(Call<?, ?> call, long heldNanos) {
            if (heldNanos > thresholdNanos && count++ == 0) {
                firstIndex = call.index();
                firstInput = call.input();
                firstHeldNanos = heldNanos;
            }
        }

        void report(FanOutRun<?, ?> run) {
            if (count > 0) {
                run.reportSlowCall(SlowCall.of(firstIndex, firstInput, Duration.ofNanos(firstHeldNanos), threshold, count));
            }
        }
    }
}
