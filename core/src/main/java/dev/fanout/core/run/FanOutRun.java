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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

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
 * <h2>Interrupts that the run did not send</h2>
 * On a thread of the strategy's own, an interrupt that no cancellation sent (another library
 * interrupts the thread, or the task throws {@link InterruptedException} by itself) belongs to that
 * task alone: the task's outcome is what it returned or threw (an {@code InterruptedException}
 * becomes a {@link Outcome.Failure}, not a cancellation: nothing was cancelled), the interrupt is
 * cleared before the thread runs anything else, and the run goes on. On the caller's own thread
 * (a strategy that runs tasks there, such as sequential) an interrupt is the caller's interrupt by
 * definition: a task's {@code InterruptedException} there is recorded as cancelled and cancels the
 * run.
 *
 * <h2>Fail-fast and the failures after the first</h2>
 * The first failure is the cause of the raised {@link FanOutException}. A task that fails while
 * the cancellation is on its way keeps its {@link Outcome.Failure} and its error is attached to the
 * exception as {@linkplain Throwable#getSuppressed() suppressed}, in the order they were decided.
 * Which tasks failed on their own and which the cancellation reached ({@link Outcome.Cancelled})
 * is {@link OutcomeRule}'s to say, the one rule every call goes through.
 *
 * <h2>Cost</h2>
 * Every input passes through here, so the path allocates only the {@link Call} and its outcome,
 * and shares as little as it can between threads: a slot in a single-writer table of undecided
 * calls ({@link CallTable}), one counter of running calls ({@link RunningCount}), and a lock-free
 * queue of decided calls that wakes the caller only when it is waiting ({@link DecidedQueue}), and
 * not at all while outcomes come as a stream (then the caller naps between batches).
 * Totals are counted by the caller as it delivers ({@link Tally}); timeouts are swept by the
 * watchdog rather than registered per call; what is written on every input sits on cache lines of
 * its own, apart from the run's settings that every thread reads.
 *
 * <p>Used through {@link AbstractFanOutStrategy}, which opens the run, calls the strategy, waits
 * for every outcome and closes it.
 *
 * @param <I> the input type
 * @param <R> the result type
 */
public final class FanOutRun<I, R> {

    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * How many outcomes a reader other than the caller may run ahead of the caller's deliveries,
     * beyond twice the width and the read-ahead: still O(width), and enough to cover the caller's
     * sleep (a {@linkplain Delivery#NAP_NANOS nap}, up to some 100 us with the timer's slack) at the pace
     * one worker reads and decides no-op calls (millions per second). With 16, a worker-pool of one
     * worker waited for the caller every eighteen inputs, and moved 0.4M items/s where a plain
     * fixed pool of one thread moved 3M.
     */
    static final int DELIVERY_SLACK = 1024;

    private record Stop(StopReason reason, Throwable cause) {
    }

    private final String strategy;
    private final Iterator<? extends I> inputs;
    private final FanOutTask<I, R> task;
    private final FanOutOptions options;
    private final NanoClock clock;
    private final boolean systemClock;
    private final ProgressListener progress;
    private final boolean listening;
    private final boolean failFast;
    private final int width;
    private final ThreadKind threadKind;
    private final Thread caller;
    /** How far a reader other than the caller may run ahead of the caller's deliveries. */
    private final long backlogLimit;
    private final long total;
    private final long startNanos;

    // What the hot path writes lives in these, each on cache lines of its own; the fields of the
    // run itself are written once, or only when it stops, so every thread can keep them cached.
    /** Calls read and not yet decided: O(width) for a bounded strategy; it counts the inputs read. */
    private final CallTable calls;
    /** Calls decided and not yet delivered; the caller takes them off and parks on it. */
    private final DecidedQueue<I, R> decided;
    private final RunningCount running = new RunningCount();
    /** The totals, counted on the caller's thread as outcomes are delivered. */
    private final Tally tally;
    private final RunThreads threads;
    private final ThreadFactory threadFactory;
    private final ThreadFactory scopeThreads;
    private final Watchdog watchdog;
    /** The requests-per-second limit, if the options set one. */
    private final RatePermits permits;
    /** The caller's side: hands decided outcomes to the sink, paced while they come as a stream. */
    private final Delivery<I, R> delivery;

    /** Counted only for a progress listener. */
    private final AtomicLong startedCount = new AtomicLong();
    private final AtomicLong finishedCount = new AtomicLong();
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    /** Under fail-fast, every failure decided after the one that stopped the run. */
    private final ConcurrentLinkedQueue<Throwable> laterFailures = new ConcurrentLinkedQueue<>();

    private volatile boolean inputClosed;
    /** The first slow call a strategy reported, for the summary. */
    private volatile SlowCall slowCall;
    private volatile boolean cancelling;
    /** How the latest stop interrupts running calls; written before {@link #cancelling}. */
    private volatile Call.Interruption cancelledAs = Call.Interruption.CANCEL;
    /** Set when the caller gave up: every thread of the run is to end, not just its tasks. */
    private volatile boolean aborting;

    private FanOutRun(FanOutStrategy strategy, Iterator<? extends I> inputs, FanOutTask<I, R> task,
                      FanOutOptions options, OutcomeSink<R> sink) {
        this.strategy = strategy.name();
        this.inputs = inputs;
        this.task = task;
        this.options = options;
        this.clock = options.clock();
        this.systemClock = clock == NanoClock.SYSTEM;
        this.progress = options.progress();
        this.listening = progress != ProgressListener.NONE;
        this.failFast = options.failurePolicy() == FailurePolicy.FAIL_FAST;
        Capabilities capabilities = strategy.capabilities();
        this.width = capabilities.effectiveWidth(options.width());
        ThreadKind fallback = capabilities.defaultThreads() == null ? ThreadKind.VIRTUAL : capabilities.defaultThreads();
        this.threadKind = options.threads().orElse(fallback);
        this.caller = Thread.currentThread();
        long readAhead = capabilities.readAhead() == Capabilities.UNLIMITED ? Long.MAX_VALUE / 4 : capabilities.readAhead();
        this.backlogLimit = Math.min(Long.MAX_VALUE / 2, 2L * width + readAhead + DELIVERY_SLACK);
        this.total = options.expectedTotal().orElse(-1);
        this.decided = new DecidedQueue<>(caller);
        this.calls = new CallTable((long) width + capabilities.readAhead() + 1);
        ThreadFactory raw = rawThreads(threadKind, "fanout-" + this.strategy);
        this.threads = new RunThreads(raw);
        this.threadFactory = threads::newThread;
        this.scopeThreads = raw;
        this.startNanos = clock.nanoTime();
        this.tally = new Tally(startNanos);
        this.delivery = new Delivery<>(caller, decided, tally, sink, width == 1);
        progress.runStarted(this.strategy, total);
        Duration timeout = options.taskTimeout().orElse(null);
        Duration deadline = options.deadline().orElse(null);
        this.watchdog = timeout == null && deadline == null ? null : new Watchdog(this, calls, timeout, deadline);
        this.permits = options.rate().map(rate -> new RatePermits(rate, clock)).orElse(null);
    }

    /** Platform threads are numbered (they show in every thread dump); a virtual thread per input is not worth a name each. */
    private static ThreadFactory rawThreads(ThreadKind kind, String name) {
        Thread.Builder builder = kind.builder();
        return (kind == ThreadKind.PLATFORM ? builder.name(name + "-", 0) : builder.name(name)).factory();
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
        while (true) {
            deliverDecided();
            if (delivered() >= calls.added()) {
                return;
            }
            awaitDecided(WAIT_SLICE_NANOS);
        }
    }

    /** @return whether the run is cancelling: no call should start, running ones are being interrupted */
    public boolean cancelling() {
        return cancelling;
    }

    /**
     * Reads the next input. One thread at a time may call it: the caller's thread, or the
     * strategy's own threads taking turns under a lock (worker-pool). On the caller's thread it
     * first hands decided outcomes to the sink. On another thread it first waits while the caller
     * is more than about a width of outcomes behind (a slow sink), so that outcomes waiting for
     * delivery stay O(width).
     *
     * @return the next call, or {@code null} when there is no more input or the run is stopping
     * @throws InterruptedException if the calling thread was interrupted
     */
    public Call<I, R> next() throws InterruptedException {
        boolean onCaller = Thread.currentThread() == caller;
        if (onCaller) {
            deliverDecided();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!onCaller) {
            awaitCallerCatchingUp();
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
        Call<I, R> call = new Call<>(calls.added(), input, clock.nanoTime());
        calls.countAdded();
        calls.add(call);
        if (cancelling) {
            cancelUnstarted(call);
            return null;
        }
        return call;
    }

    /**
     * Runs the call's task on the current thread and decides its outcome. A call the run has
     * already cancelled is not run. Never throws for the task's sake: failures become outcomes.
     * On a thread other than the caller's, an interrupt the run did not send is cleared before
     * and after the task, so that it cannot end the next task this thread runs, nor the thread.
     *
     * @return the call's outcome
     */
    public Outcome<R> execute(Call<I, R> call) {
        Thread runner = Thread.currentThread();
        boolean onCaller = runner == caller;
        if (!onCaller) {
            dropStrayInterrupt(); // it arrived between tasks: it belongs to none of them
        }
        call.runner = runner;
        if (!start(call)) {
            return call.awaitOutcome();
        }
        R value = null;
        Throwable error = null;
        try {
            value = task.call(call.input());
        } catch (Throwable t) {
            error = t;
        }
        return end(call, value, error, runner, onCaller);
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
        call.interrupter = interrupter;
        if (!start(call)) {
            call.awaitOutcome();
            return false;
        }
        return true;
    }

    /**
     * Decides a call begun with {@link #begin}: from its value, or from its error if not null.
     *
     * @return the outcome
     */
    public Outcome<R> complete(Call<I, R> call, R value, Throwable error) {
        return end(call, value, error, null, false);
    }

    /**
     * Decides a call begun with {@link #begin} whose task ran on the current thread, a thread of the
     * strategy's own that the call's interrupter interrupts (hedged's attempts). The run then tells,
     * as for a call it {@linkplain #execute executed}, a task that answered the run's interrupt with
     * an error of its own (a reset connection: cancelled) from one that failed before the interrupt
     * reached it (a failure), and clears the interrupt from the thread. Not on the caller's thread.
     *
     * @return the outcome
     */
    public Outcome<R> completeOnTaskThread(Call<I, R> call, R value, Throwable error) {
        Thread runner = Thread.currentThread();
        if (runner == caller) {
            throw new IllegalStateException("completeOnTaskThread is for a thread of the strategy's own, not the run's caller");
        }
        return end(call, value, error, runner, false);
    }

    /** @return a factory of tracked threads of the run's kind, for APIs that take one and start the threads */
    public ThreadFactory threadFactory() {
        return threadFactory;
    }

    /**
     * Threads of the run's kind that the run does not track, for a {@code StructuredTaskScope}:
     * a scope waits for every thread it started before it closes, so tracking them again would
     * only cost (a little, on every input). Use it only for such a scope, closed before
     * {@link AbstractFanOutStrategy#fanOut} returns, whichever way it returns.
     *
     * @return a factory of untracked threads of the run's kind
     */
    public ThreadFactory scopeThreadFactory() {
        return scopeThreads;
    }

    /** Starts a tracked thread of the run's kind. */
    public Thread startThread(Runnable body) {
        Thread thread = threads.newThread(body);
        thread.start();
        return thread;
    }

    /**
     * Cancels the run from inside the strategy, as the caller's interrupt does: no more input is
     * read, calls not started are cancelled, running ones interrupted. For a strategy whose own
     * machinery is about to interrupt its tasks (a {@code StructuredTaskScope} closing after the
     * caller's interrupt): called first, it makes those interrupts the run's, so the tasks are
     * recorded as cancelled rather than as failing on an interrupt of their own.
     */
    public void cancelAll() {
        stop(StopReason.ABORTED, null);
    }

    // ---------------------------------------------------------------- the run's own machinery

    /** Waits while the caller has more than {@link #backlogLimit} inputs read and not delivered. */
    private void awaitCallerCatchingUp() throws InterruptedException {
        long added = calls.added();
        if (added - calls.deliveredSeen < backlogLimit) {
            return; // the usual case, decided without reading what the caller writes
        }
        while (added - (calls.deliveredSeen = tally.published()) >= backlogLimit && !inputClosed) {
            tally.waiting(Thread.currentThread());
            if (added - tally.published() >= backlogLimit && !inputClosed) {
                LockSupport.parkNanos(this, WAIT_SLICE_NANOS);
            }
            tally.waiting(null);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** @return whether the call started; if not, it is (or is being) decided as cancelled */
    private boolean start(Call<I, R> call) {
        if (cancelling) {
            cancelUnstarted(call);
            return false;
        }
        if (permits != null && !permits.await(call, this, Thread.currentThread() == caller)) {
            cancelUnstarted(call); // the run stopped while it waited for its permit
            return false;
        }
        long now = clock.nanoTime();
        call.startedNanos = now;
        if (watchdog != null && watchdog.timesTasks()) {
            call.armedNanos = systemClock ? now : System.nanoTime();
        }
        SchedulingNoise.here();
        if (!call.moveState(Call.QUEUED, Call.RUNNING)) {
            return false;
        }
        running.started();
        if (cancelling) {
            // a stop raced with this start and may have swept the table before we were RUNNING:
            // interrupted as that stop interrupts (a call running at the deadline times out)
            interrupt(call, cancelledAs);
        }
        if (listening) {
            long started = startedCount.incrementAndGet();
            progress.taskStarted(call.index(), new Progress(started, finishedCount.get(), running.now(), total));
        }
        return true;
    }

    /**
     * @param runner the thread that ran the task ({@link #execute}), or {@code null} ({@link #complete})
     */
    private Outcome<R> end(Call<I, R> call, R value, Throwable error, Thread runner, boolean onCaller) {
        SchedulingNoise.here();
        // first, so that a task ending by itself wins against a cancellation arriving now
        boolean endedFirst = call.moveState(Call.RUNNING, Call.DONE);
        long now = clock.nanoTime();
        running.ended();
        boolean interruptPending = true; // when no thread of the run ran it (a future), only its error can tell
        if (endedFirst) {
            if (runner != null && !onCaller) {
                dropStrayInterrupt(); // the task's own interrupt ends with the task
            }
        } else {
            // The run interrupted this call. Wait for the interrupt to have landed, then clear it,
            // so it cannot hit the next task this thread runs.
            while (call.state() != Call.INTERRUPTED) {
                Thread.onSpinWait();
            }
            if (runner != null) {
                interruptPending = Thread.interrupted();
                if (aborting) {
                    runner.interrupt(); // the run's own threads were interrupted too, to end them: keep that one
                }
            }
        }
        OutcomeRule.Verdict verdict = OutcomeRule.decide(endedFirst, call.interruption, error, interruptPending, onCaller);
        if (endedFirst && onCaller && verdict == OutcomeRule.Verdict.CANCELLED) {
            runner.interrupt(); // on the caller's thread an interrupt is the caller's: keep it, so the run stops
        }
        Timing timing = new Timing(call.queuedNanos, call.startedNanos, now);
        long index = call.index();
        Outcome<R> outcome = switch (verdict) {
            case SUCCESS -> new Outcome.Success<>(index, value, timing);
            case FAILURE -> new Outcome.Failure<>(index, error, timing);
            case TIMED_OUT -> new Outcome.TimedOut<>(index, options.taskTimeout().orElseThrow(), timing);
            case PAST_DEADLINE -> new Outcome.TimedOut<>(index, options.deadline().orElseThrow(), timing);
            case CANCELLED -> new Outcome.Cancelled<>(index, timing);
        };
        Throwable stopsTheRun = !failFast ? null : switch (verdict) {
            case FAILURE -> error;
            case TIMED_OUT -> new TimeoutException("input " + index + " timed out after " + options.taskTimeout().orElseThrow());
            default -> null;
        };
        if (stopsTheRun != null) {
            // before the outcome is seen: a caller that reads on once it has it (chunked's barrier)
            // must find the run stopping, and one that returns once it has them all, its reason
            failedFast(stopsTheRun);
        }
        decide(call, outcome);
        return outcome;
    }

    private void failedFast(Throwable error) {
        if (!stop(StopReason.FAILED_FAST, error)) {
            laterFailures.add(error);
        }
    }

    /** Clears the current thread's interrupt, unless the run is aborting (then the thread is to end). */
    private void dropStrayInterrupt() {
        if (Thread.interrupted() && aborting) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels a call that has not started; does nothing to a call that has. */
    private void cancelUnstarted(Call<I, R> call) {
        if (call.moveState(Call.QUEUED, Call.CANCELLED)) {
            decide(call, new Outcome.Cancelled<>(call.index(), new Timing(call.queuedNanos, Timing.NOT_STARTED, clock.nanoTime())));
        }
    }

    private void decide(Call<I, R> call, Outcome<R> outcome) {
        call.kind = switch (outcome) {
            case Outcome.Success<R> s -> Call.SUCCESS;
            case Outcome.Failure<R> f -> Call.FAILURE;
            case Outcome.TimedOut<R> t -> Call.TIMED_OUT;
            case Outcome.Cancelled<R> c -> Call.CANCELLED_KIND;
        };
        call.finishedNanos = outcome.timing().finishedNanos();
        call.outcome = outcome; // publishes kind and time; and its slot in the table is free from now on
        decided.add(call);
        if (listening) {
            // the count this decision made, not a later read: two finishing together must not both
            // report the same n (a tqdm-style bar would print 10/40 twice and never 9/40)
            long finished = finishedCount.incrementAndGet();
            progress.taskFinished(outcome, new Progress(startedCount.get(), finished, running.now(), total));
        }
    }

    /**
     * Parks the caller until a call is decided or the time is up.
     *
     * @return whether it was woken by a decision (not the time)
     * @throws InterruptedException if the caller is interrupted
     */
    private boolean awaitDecided(long nanos) throws InterruptedException {
        boolean woken = decided.await(nanos);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return woken;
    }

    /** Interrupts a running call for the given reason; does nothing if it is not running. */
    void interrupt(Call<?, ?> call, Call.Interruption why) {
        SchedulingNoise.here();
        if (call.moveState(Call.RUNNING, Call.INTERRUPTING)) {
            call.interruption = why;
            try {
                Thread runner = call.runner;
                if (runner != null) {
                    runner.interrupt();
                } else {
                    call.interrupter.run();
                }
            } finally {
                call.setState(Call.INTERRUPTED);
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
     *
     * @return whether this was the first stop
     */
    private boolean stop(StopReason reason, Throwable cause) {
        boolean first = stop.compareAndSet(null, new Stop(reason, cause));
        inputClosed = true;
        boolean cancel = reason != StopReason.INPUT_FAILED || failFast;
        if (cancel) {
            cancelEverything(reason == StopReason.DEADLINE ? Call.Interruption.DEADLINE : Call.Interruption.CANCEL);
        }
        return first;
    }

    private void cancelEverything(Call.Interruption why) {
        cancelledAs = why;
        cancelling = true;
        calls.forEach(call -> {
            switch (call.state()) {
                case Call.RUNNING -> interrupt(call, why);
                case Call.QUEUED -> cancelUnstarted(ours(call));
                default -> {
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Call<I, R> ours(Call<?, ?> call) {
        return (Call<I, R>) call;
    }

    private int deliverDecided() {
        return delivery.deliver();
    }

    /** @return how many outcomes the caller has taken (delivered, or counted after an abort) */
    private long delivered() {
        return delivery.delivered();
    }

    // ---------------------------------------------------------------- for AbstractFanOutStrategy

    /**
     * After the strategy has started everything: hands every outcome to the sink as it is decided
     * (in batches, a nap apart, while they come as a stream: {@link Delivery}), until
     * every input read has one and nothing more can be read, then waits for the strategy's
     * threads to end. Inputs the strategy read but left unstarted (after a cancellation) are
     * cancelled here.
     *
     * @throws InterruptedException  if the caller is interrupted while waiting
     * @throws IllegalStateException if the strategy returned while a task of it is running with no
     *                               thread left to finish it (a bug in the strategy)
     */
    void awaitSettled() throws InterruptedException {
        while (true) {
            if (deliverDecided() > 0 && !(inputClosed && delivered() >= calls.added()) && delivery.napIfStreaming()) {
                continue; // a batch gathered meanwhile: the deciding threads need not wake the caller for each
            }
            if (delivered() >= calls.added()) {
                // caught up; done unless the strategy's threads may still read (worker-pool)
                if (inputClosed || !awaitDecided(WAIT_SLICE_NANOS) && !decided.pending() && threads.allEnded()) {
                    break;
                }
            } else if (!awaitDecided(WAIT_SLICE_NANOS) && !decided.pending() && threads.allEnded()) {
                for (Call<I, R> call : undecidedCalls()) {
                    cancelUnstarted(call);
                }
                deliverDecided();
                if (delivered() < calls.added() && !decided.pending()) {
                    throw new IllegalStateException("strategy " + strategy + " returned with "
                            + calls.undecided() + " task(s) still running and no thread left to finish them");
                }
            }
        }
        threads.joinAll();
        deliverDecided();
    }

    private List<Call<I, R>> undecidedCalls() {
        List<Call<I, R>> undecided = new java.util.ArrayList<>();
        calls.forEach(call -> {
            if (!call.decided()) {
                undecided.add(ours(call));
            }
        });
        return undecided;
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
        threads.interruptAll();
        threads.joinAll();
        for (Call<I, R> call : undecidedCalls()) {
            cancelUnstarted(call);
        }
        delivery.countUndelivered();
    }

    /** Stops the watchdog. */
    void close() {
        if (watchdog != null) {
            watchdog.close();
        }
    }

    /**
     * @return the run's totals; also given to the progress listener
     * @throws FanOutException if the run failed fast or its input failed; under fail-fast, the
     *                         failures decided after the first are attached as suppressed
     */
    RunSummary finish() {
        Stop s = stop.get();
        StopReason reason = s == null ? StopReason.COMPLETED : s.reason();
        RunSummary summary = summary(reason);
        progress.runFinished(summary);
        FanOutException raised = switch (reason) {
            case FAILED_FAST -> new FanOutException(strategy + ": failed fast on " + s.cause(), s.cause(), summary, List.of());
            case INPUT_FAILED -> new FanOutException(strategy + ": the input iterator threw " + s.cause(), s.cause(), summary, List.of());
            default -> null;
        };
        if (raised == null) {
            return summary;
        }
        for (Throwable later : laterFailures) {
            if (later != s.cause()) {
                raised.addSuppressed(later);
            }
        }
        throw raised;
    }

    /** @return the totals of an aborted run, also given to the progress listener */
    RunSummary finishAborted() {
        RunSummary summary = summary(StopReason.ABORTED);
        progress.runFinished(summary);
        return summary;
    }

    private RunSummary summary(StopReason reason) {
        return new RunSummary(strategy, width, startNanos, tally.lastDecidedNanos, calls.added(),
                tally.succeeded, tally.failed, tally.timedOut, tally.cancelled, running.max(), reason,
                Optional.ofNullable(slowCall));
    }
}
