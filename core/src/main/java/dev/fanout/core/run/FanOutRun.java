package dev.fanout.core.run;

import dev.fanout.core.Capabilities;
import dev.fanout.core.FailurePolicy;
import dev.fanout.core.FanOutException;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.NanoClock;
import dev.fanout.core.Outcome;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.Progress;
import dev.fanout.core.ProgressListener;
import dev.fanout.core.RunSummary;
import dev.fanout.core.SlowCall;
import dev.fanout.core.StopReason;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.Timing;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of one strategy: the machinery every strategy shares, so that each strategy's own file
 * says only <em>when</em> and <em>on which thread</em> each input runs.
 *
 * <p>What the run does for the strategy:
 * <ul>
 *   <li>{@link #next()} reads the next input lazily, stamps it and counts it; it returns
 *       {@code null} when the input is exhausted or the run is stopping. On the caller's thread it
 *       also hands finished outcomes to the sink, so the sink always runs on the caller's thread,
 *       in completion order.</li>
 *   <li>{@link #execute(Call)} runs the task on the current thread and decides the outcome:
 *       success, failure, timed out (the watchdog interrupted it) or cancelled.</li>
 *   <li>{@link #startThread(Runnable)} and {@link #threadFactory()} make threads of the run's
 *       {@link ThreadKind} that the run can interrupt and wait for, so none is left behind.</li>
 *   <li>Timeouts, the deadline, fail-fast and the caller's interrupt all become an interrupt of
 *       the running calls, through a small handshake so that an interrupt aimed at one call never
 *       leaks into the next task the same thread runs.</li>
 * </ul>
 *
 * <p>Used through {@link AbstractFanOutStrategy}, which opens the run, calls the strategy, waits
 * for every outcome and closes it.
 *
 * @param <I> the input type
 * @param <R> the result type
 */
public final class FanOutRun<I, R> {

    /** Put on the decided queue to wake the caller when the last strategy thread ends. */
    private static final Object WAKE = new Object();

    private record Stop(StopReason reason, Throwable cause) {
    }

    private final String strategy;
    private final Iterator<? extends I> inputs;
    private final FanOutTask<I, R> task;
    private final FanOutOptions options;
    private final OutcomeSink<R> sink;
    private final NanoClock clock;
    private final ProgressListener progress;
    private final int width;
    private final ThreadKind threadKind;
    private final Thread caller;
    private final long total;
    private final long startNanos;
    private final Watchdog watchdog;

    /** Outcomes decided and not yet handed to the sink, in the order they were decided. */
    private final LinkedBlockingQueue<Object> decided = new LinkedBlockingQueue<>();
    /** Calls read and not yet decided: O(width) for a bounded strategy. */
    private final Set<Call<I, R>> undecided = ConcurrentHashMap.newKeySet();
    /** Calls running now. */
    private final Set<Call<I, R>> running = ConcurrentHashMap.newKeySet();
    /** Threads this run started that have not ended. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final ThreadFactory threadFactory;

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicInteger runningNow = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong lastDecidedNanos;
    private final AtomicReference<Stop> stop = new AtomicReference<>();

    private volatile boolean inputClosed;
    /** The first slow call a strategy reported, for the summary. */
    private volatile SlowCall slowCall;
    private volatile boolean cancelling;
    /** Set when the caller gave up: every thread of the run is to end, not just its tasks. */
    private volatile boolean aborting;
    /** Read only by the thread that calls next(). */
    private long read;
    /** Touched only on the caller's thread. */
    private long delivered;

    private FanOutRun(FanOutStrategy strategy, Iterator<? extends I> inputs, FanOutTask<I, R> task,
                      FanOutOptions options, OutcomeSink<R> sink) {
        this.strategy = strategy.name();
        this.inputs = inputs;
        this.task = task;
        this.options = options;
        this.sink = sink;
        this.clock = options.clock();
        this.progress = options.progress();
        Capabilities capabilities = strategy.capabilities();
        this.width = capabilities.effectiveWidth(options.width());
        ThreadKind fallback = capabilities.defaultThreads() == null ? ThreadKind.VIRTUAL : capabilities.defaultThreads();
        this.threadKind = options.threads().orElse(fallback);
        this.caller = Thread.currentThread();
        this.total = options.expectedTotal().orElse(-1);
        this.threadFactory = trackedFactory(threadKind.builder().name("fanout-" + this.strategy + "-", 0).factory());
        this.startNanos = clock.nanoTime();
        this.lastDecidedNanos = new AtomicLong(startNanos);
        progress.runStarted(this.strategy, total);
        Duration timeout = options.taskTimeout().orElse(null);
        Duration deadline = options.deadline().orElse(null);
        this.watchdog = timeout == null && deadline == null ? null : new Watchdog(this, timeout, deadline);
    }

    /**
     * Opens a run on the calling thread, which becomes the run's caller: the thread the sink runs
     * on and whose interrupt cancels the run.
     *
     * @throws NullPointerException naming the first argument that is null
     */
    public static <I, R> FanOutRun<I, R> open(FanOutStrategy strategy, Iterator<? extends I> inputs,
                                              FanOutTask<I, R> task, FanOutOptions options, OutcomeSink<R> sink) {
        Objects.requireNonNull(strategy, "strategy must not be null");
        Objects.requireNonNull(inputs, "inputs must not be null");
        Objects.requireNonNull(task, "task must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Objects.requireNonNull(sink, "sink must not be null");
        return new FanOutRun<>(strategy, inputs, task, options, sink);
    }

    // ---------------------------------------------------------------- for strategies

    /** @return the most tasks the strategy may have in flight (the options' width, or 1, or unbounded) */
    public int width() {
        return width;
    }

    /** @return the thread kind the options asked for, or the strategy's default */
    public ThreadKind threadKind() {
        return threadKind;
    }

    public FanOutOptions options() {
        return options;
    }

    /**
     * @return the task, for a strategy that starts calls itself rather than through
     *         {@link #execute} (a non-blocking one asks whether it is an
     *         {@link dev.fanout.core.AsyncFanOutTask})
     */
    public FanOutTask<I, R> task() {
        return task;
    }

    /**
     * Reports a call that held the caller's thread too long before it returned its future; the
     * run's summary carries the first one reported ({@link RunSummary#slowCall()}).
     */
    public void reportSlowCall(SlowCall slow) {
        Objects.requireNonNull(slow, "slow must not be null");
        if (slowCall == null) {
            slowCall = slow;
        }
    }

    /** @return whether the run is cancelling: no call should start, running ones are being interrupted */
    public boolean cancelling() {
        return cancelling;
    }

    /**
     * Reads the next input. One thread at a time may call it (the caller's thread in every strategy
     * here). On the caller's thread it first hands decided outcomes to the sink.
     *
     * @return the next call, or {@code null} when there is no more input or the run is stopping
     * @throws InterruptedException if the calling thread was interrupted
     */
    public Call<I, R> next() throws InterruptedException {
        deliverDecided();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (inputClosed) {
            return null;
        }
        I input;
        try {
            if (!inputs.hasNext()) {
                inputClosed = true;
                return null;
            }
            input = inputs.next();
        } catch (RuntimeException | Error e) {
            stop(StopReason.INPUT_FAILED, e);
            return null;
        }
        Call<I, R> call = new Call<>(read++, input, clock.nanoTime());
        undecided.add(call);
        if (cancelling) {
            cancel(call);
            return null;
        }
        return call;
    }

    /**
     * Runs the call's task on the current thread and decides its outcome. A call the run has
     * already cancelled is not run. Never throws for the task's sake: failures become outcomes.
     *
     * @return the call's outcome
     */
    public Outcome<R> execute(Call<I, R> call) {
        Thread runner = Thread.currentThread();
        if (!begin(call, runner::interrupt)) {
            return call.outcome;
        }
        R value = null;
        Throwable error = null;
        try {
            value = task.call(call.input());
        } catch (Throwable t) {
            error = t;
        }
        return end(call, value, error, true);
    }

    /**
     * Marks a call as started, for strategies that do not run the task on a thread of their own
     * (a future, a reactive pipeline). Pair it with {@link #complete}.
     *
     * @param interrupter how to stop the call early: cancel its future, for example
     * @return {@code false} if the call was cancelled and must not start
     */
    public boolean begin(Call<I, R> call, Runnable interrupter) {
        Objects.requireNonNull(interrupter, "interrupter must not be null");
        if (cancelling) {
            cancel(call);
            return false;
        }
        call.interrupter = interrupter;
        call.startedNanos = clock.nanoTime();
        if (!call.state.compareAndSet(Call.QUEUED, Call.RUNNING)) {
            return false;
        }
        running.add(call);
        maxRunning.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
        started.incrementAndGet();
        if (watchdog != null) {
            watchdog.arm(call);
        }
        if (cancelling) {
            // a stop raced with this start and may have swept `running` before we joined it
            interrupt(call, Call.Interruption.CANCEL);
        }
        if (progress != ProgressListener.NONE) { // spare the per-task snapshot when nobody listens
            progress.taskStarted(call.index(), snapshot());
        }
        return true;
    }

    /**
     * Decides a call begun with {@link #begin}: from its value, or from its error if not null.
     *
     * @return the outcome
     */
    public Outcome<R> complete(Call<I, R> call, R value, Throwable error) {
        return end(call, value, error, false);
    }

    /**
     * Waits until every call read so far has its outcome, handing each to the sink as it is decided.
     * On the caller's thread only. Two kinds of strategy need it: one that works in slices (the
     * barrier between them, with outcomes still delivered as they finish), and one whose calls in
     * flight hold no thread of the run (futures started with {@link #begin}), which must not return
     * from its {@code fanOut} before they are decided: once no thread of the run is left, the run
     * takes a call still undecided for a bug in the strategy.
     *
     * @throws InterruptedException  if the caller is interrupted while waiting
     * @throws IllegalStateException if this is not the caller's thread
     */
    public void awaitDecided() throws InterruptedException {
        if (Thread.currentThread() != caller) {
            throw new IllegalStateException("awaitDecided must be called on the run's caller thread, not "
                    + Thread.currentThread());
        }
        while (delivered < read) {
            deliver(decided.take());
        }
    }

    /** @return a factory of tracked threads of the run's kind, for APIs that take one (StructuredTaskScope) */
    public ThreadFactory threadFactory() {
        return threadFactory;
    }

    /** Starts a tracked thread of the run's kind. */
    public Thread startThread(Runnable body) {
        Thread thread = threadFactory.newThread(body);
        thread.start();
        return thread;
    }

    // ---------------------------------------------------------------- the run's own machinery

    private Outcome<R> end(Call<I, R> call, R value, Throwable error, boolean onRunnerThread) {
        long now = clock.nanoTime();
        if (watchdog != null) {
            watchdog.disarm(call);
        }
        running.remove(call);
        runningNow.decrementAndGet();
        Timing timing = new Timing(call.queuedNanos, call.startedNanos, now);
        Outcome<R> outcome;
        if (call.state.compareAndSet(Call.RUNNING, Call.DONE)) {
            if (error instanceof InterruptedException) {
                // interrupted by someone other than the run: the caller's own thread (sequential),
                // or a scope cancelling its subtasks. Keep the flag for whoever runs this thread.
                outcome = new Outcome.Cancelled<>(call.index(), timing);
                if (onRunnerThread) {
                    Thread.currentThread().interrupt();
                }
            } else if (error != null) {
                outcome = new Outcome.Failure<>(call.index(), error, timing);
            } else {
                outcome = new Outcome.Success<>(call.index(), value, timing);
            }
        } else {
            // The run interrupted this call and that decides its outcome. Wait for the interrupt to
            // have landed, then clear it, so it cannot hit the next task this thread runs.
            while (call.state.get() != Call.INTERRUPTED) {
                Thread.onSpinWait();
            }
            if (onRunnerThread) {
                Thread.interrupted();
                if (aborting) {
                    // the run's own threads were interrupted too, to end them: keep that one
                    Thread.currentThread().interrupt();
                }
            }
            outcome = switch (call.interruption) {
                case TIMEOUT -> new Outcome.TimedOut<>(call.index(), options.taskTimeout().orElseThrow(), timing);
                case DEADLINE -> new Outcome.TimedOut<>(call.index(), options.deadline().orElseThrow(), timing);
                case CANCEL -> new Outcome.Cancelled<>(call.index(), timing);
            };
        }
        decide(call, outcome);
        if (options.failurePolicy() == FailurePolicy.FAIL_FAST) {
            switch (outcome) {
                case Outcome.Failure<R> f -> stop(StopReason.FAILED_FAST, f.error());
                case Outcome.TimedOut<R> t when call.interruption == Call.Interruption.TIMEOUT ->
                        stop(StopReason.FAILED_FAST, new TimeoutException(
                                "input " + t.index() + " timed out after " + t.limit()));
                default -> {
                }
            }
        }
        return outcome;
    }

    /** Cancels a call that has not started; does nothing to a call that has. */
    void cancel(Call<I, R> call) {
        if (call.state.compareAndSet(Call.QUEUED, Call.CANCELLED)) {
            long now = clock.nanoTime();
            decide(call, new Outcome.Cancelled<>(call.index(), new Timing(call.queuedNanos, Timing.NOT_STARTED, now)));
        }
    }

    private void decide(Call<I, R> call, Outcome<R> outcome) {
        call.outcome = outcome;
        undecided.remove(call);
        switch (outcome) {
            case Outcome.Success<R> s -> succeeded.incrementAndGet();
            case Outcome.Failure<R> f -> failed.incrementAndGet();
            case Outcome.TimedOut<R> t -> timedOut.incrementAndGet();
            case Outcome.Cancelled<R> c -> cancelled.incrementAndGet();
        }
        lastDecidedNanos.accumulateAndGet(outcome.timing().finishedNanos(), Math::max);
        finished.incrementAndGet();
        decided.add(outcome);
        if (progress != ProgressListener.NONE) {
            progress.taskFinished(outcome, snapshot());
        }
    }

    /** Interrupts a running call for the given reason; does nothing if it is not running. */
    void interrupt(Call<?, ?> call, Call.Interruption why) {
        if (call.state.compareAndSet(Call.RUNNING, Call.INTERRUPTING)) {
            call.interruption = why;
            try {
                call.interrupter.run();
            } finally {
                call.state.set(Call.INTERRUPTED);
            }
        }
    }

    void deadlinePassed() {
        stop(StopReason.DEADLINE, null);
    }

    /**
     * Stops the run: no more input is read; unless it is an input failure under the collect policy,
     * everything undecided is cancelled (running calls interrupted). The first stop names the
     * reason; later ones still cancel.
     */
    private void stop(StopReason reason, Throwable cause) {
        stop.compareAndSet(null, new Stop(reason, cause));
        inputClosed = true;
        boolean cancel = reason != StopReason.INPUT_FAILED || options.failurePolicy() == FailurePolicy.FAIL_FAST;
        if (cancel) {
            cancelEverything(reason == StopReason.DEADLINE ? Call.Interruption.DEADLINE : Call.Interruption.CANCEL);
        }
    }

    private void cancelEverything(Call.Interruption why) {
        cancelling = true;
        for (Call<I, R> call : running) {
            interrupt(call, why);
        }
        for (Call<I, R> call : undecided) {
            cancel(call);
        }
    }

    private Progress snapshot() {
        return new Progress(started.get(), finished.get(), runningNow.get(), total);
    }

    private ThreadFactory trackedFactory(ThreadFactory kind) {
        return body -> {
            Thread[] self = new Thread[1];
            Thread thread = kind.newThread(() -> {
                try {
                    body.run();
                } finally {
                    threads.remove(self[0]);
                    if (threads.isEmpty()) {
                        decided.add(WAKE);
                    }
                }
            });
            self[0] = thread;
            threads.add(thread);
            return thread;
        };
    }

    /** Hands decided outcomes to the sink, if this is the caller's thread. */
    private void deliverDecided() {
        if (Thread.currentThread() != caller) {
            return;
        }
        Object next;
        while ((next = decided.poll()) != null) {
            deliver(next);
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(Object next) {
        if (next != WAKE) {
            delivered++;
            sink.accept((Outcome<R>) next);
        }
    }

    private boolean threadsEnded() {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- for AbstractFanOutStrategy

    /**
     * After the strategy has started everything: hands every outcome to the sink as it is decided,
     * until every input read has one, then waits for the strategy's threads to end. Inputs the
     * strategy read but left unstarted (after a cancellation) are cancelled here.
     *
     * @throws InterruptedException  if the caller is interrupted while waiting
     * @throws IllegalStateException if the strategy returned while a task of it is running with no
     *                               thread left to finish it (a bug in the strategy)
     */
    void awaitSettled() throws InterruptedException {
        while (delivered < read) {
            Object next = decided.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                deliver(next);
                deliverDecided();
            } else if (threadsEnded() && decided.isEmpty()) {
                for (Call<I, R> call : undecided) {
                    cancel(call);
                }
                deliverDecided();
                if (delivered < read && decided.isEmpty()) {
                    throw new IllegalStateException("strategy " + strategy + " returned with "
                            + undecided.size() + " task(s) still running and no thread left to finish them");
                }
            }
        }
        joinThreads();
        deliverDecided();
    }

    /**
     * Cancels everything after the caller was interrupted, its sink threw, or the strategy failed:
     * interrupts running calls and the run's threads, waits for them all to end, and cancels what
     * never started. Outcomes decided after this point are not handed to the sink.
     */
    void abort() {
        stop.compareAndSet(null, new Stop(StopReason.ABORTED, null));
        aborting = true;
        inputClosed = true;
        cancelEverything(Call.Interruption.CANCEL);
        for (Thread thread : threads) {
            thread.interrupt();
        }
        joinThreads();
        for (Call<I, R> call : undecided) {
            cancel(call);
        }
    }

    /** Waits, without giving up on an interrupt, until every thread the run started has ended. */
    private void joinThreads() {
        boolean interrupted = false;
        for (Thread thread : List.copyOf(threads)) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the watchdog. */
    void close() {
        if (watchdog != null) {
            watchdog.close();
        }
    }

    /**
     * @return the run's totals; also given to the progress listener
     * @throws FanOutException if the run failed fast or its input failed
     */
    RunSummary finish() {
        Stop s = stop.get();
        StopReason reason = s == null ? StopReason.COMPLETED : s.reason();
        RunSummary summary = summary(reason);
        progress.runFinished(summary);
        if (reason == StopReason.FAILED_FAST) {
            throw new FanOutException(strategy + ": failed fast on " + s.cause(), s.cause(), summary, List.of());
        }
        if (reason == StopReason.INPUT_FAILED) {
            throw new FanOutException(strategy + ": the input iterator threw " + s.cause(), s.cause(), summary, List.of());
        }
        return summary;
    }

    /** @return the totals of an aborted run, also given to the progress listener */
    RunSummary finishAborted() {
        RunSummary summary = summary(StopReason.ABORTED);
        progress.runFinished(summary);
        return summary;
    }

    private RunSummary summary(StopReason reason) {
        return new RunSummary(strategy, width, startNanos, lastDecidedNanos.get(), read,
                succeeded.get(), failed.get(), timedOut.get(), cancelled.get(), maxRunning.get(), reason,
                Optional.ofNullable(slowCall));
    }
}
