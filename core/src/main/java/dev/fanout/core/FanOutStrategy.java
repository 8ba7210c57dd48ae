package dev.fanout.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A way to run many I/O-bound calls with at most {@code width} in flight.
 *
 * <h2>The contract every strategy keeps</h2>
 * <ol>
 *   <li><b>Bound.</b> Never more than {@link FanOutOptions#width()} tasks in flight, unless
 *       {@link Capabilities#width()} declares otherwise ({@code ONE} for sequential,
 *       {@code UNBOUNDED} for all-at-once).</li>
 *   <li><b>Exactly one outcome per input</b> — {@link Outcome.Success}, {@link Outcome.Failure},
 *       {@link Outcome.TimedOut} or {@link Outcome.Cancelled} — carrying the input's index and its
 *       {@link Timing}.</li>
 *   <li><b>Order.</b> {@link #gather} returns outcomes in input order; {@link #stream} delivers them
 *       in completion order (asyncio's {@code as_completed}) unless
 *       {@link Capabilities#completionOrder()} says otherwise.</li>
 *   <li><b>Failure policy.</b> {@link FailurePolicy#COLLECT} or {@link FailurePolicy#FAIL_FAST}
 *       (the first failure raised, every other failure that beat the cancellation attached to it as
 *       suppressed).</li>
 *   <li><b>Per-task timeout</b>: a task running past {@link FanOutOptions#taskTimeout()} is
 *       stopped, recorded as timed out, and its slot is reused as soon as it yields. The optional
 *       {@link FanOutOptions#deadline()} does the same for the whole run.</li>
 *   <li><b>Caller cancellation</b>: interrupting the calling thread cancels everything; when the call
 *       returns (with {@link InterruptedException}) no task of it is still running and no thread of
 *       it is left. An interrupt the caller did not send (a task throwing
 *       {@link InterruptedException} by itself, another library interrupting a task's thread) ends
 *       that task alone, as a {@link Outcome.Failure}, and the run goes on at full width; unless
 *       {@link Capabilities#tasksOnCallerThread()}: then there is no telling it from the caller's
 *       interrupt, and a task that catches the caller's interrupt and returns normally swallows
 *       it.</li>
 *   <li><b>Lazy input</b> from an {@link Iterator} that may be endless: a strategy reads at most
 *       {@link Capabilities#readAhead()} inputs beyond its width ahead of their outcomes, and a
 *       slow sink holds the reading back: inputs read and not yet delivered stay under
 *       {@code 2 * width + readAhead + 1024}, so memory is O(width) whatever the sink's pace.</li>
 *   <li><b>Progress</b>: {@link FanOutOptions#progress()} hears every start and finish.</li>
 *   <li><b>Bad arguments</b> fail at once, naming the argument; an iterator that throws ends the
 *       run with a {@link FanOutException} that keeps the outcomes already decided.</li>
 * </ol>
 * <b>Stopping a call</b> (a timeout, the deadline, fail-fast, the caller's interrupt) means: a
 * {@link FanOutTask} running on a thread has that thread interrupted; an {@link AsyncFanOutTask}
 * started without a thread has its future {@linkplain java.util.concurrent.CompletableFuture#cancel
 * cancelled}, and such a call is <em>running</em> while its future is outstanding. Every strategy
 * takes both forms (an {@code AsyncFanOutTask}'s default {@code call} waits for its future and turns
 * an interrupt into a cancel).
 *
 * <p>The abstract {@code FanOutStrategyContract} test suite in core's test-jar checks all nine, in
 * both forms; every strategy has a subclass of it.
 *
 * <h2>Writing a strategy</h2>
 * Most strategies extend {@link dev.fanout.core.run.AbstractFanOutStrategy} and write one method
 * that decides <em>when</em> and <em>on which thread</em> each input runs; the shared
 * {@link dev.fanout.core.run.FanOutRun} keeps the promises that are the same for everyone (timing,
 * timeouts, cancellation, exactly-one-outcome, progress, completion-order delivery).
 *
 * <h2>How the other shapes fit this interface unchanged</h2>
 * Four strategies show the ways out of "a thread runs {@code execute}":
 * <ul>
 *   <li><b>{@code async}</b>, non-blocking, no thread per call in flight: with an
 *       {@link AsyncFanOutTask} (from {@link dev.fanout.core.run.FanOutRun#task()}) the caller's
 *       thread is the event loop. It keeps {@code width} futures outstanding, starting each with
 *       {@code FanOutRun.begin(call, interrupter)} (the interrupter cancels the future, from a thread of
 *       the run) and finishing it from {@code whenComplete} with {@code FanOutRun.complete}; a
 *       completion hands its slot back and the caller reads the next input, so the iterator and the
 *       sink stay on the caller's thread. It waits for the last futures with
 *       {@code FanOutRun.awaitDecided()}, times every {@code callAsync} and reports the first that
 *       held the caller too long with {@code FanOutRun.reportSlowCall} ({@link RunSummary#slowCall()}).
 *       Plain {@code FanOutTask}s fall back to a blocking call on a virtual thread.</li>
 *   <li><b>{@code chunked}</b> ({@code gather} over slices of {@code width}): read {@code width}
 *       inputs, start them all, {@code FanOutRun.awaitDecided()} as the barrier, repeat.
 *       {@code BOUNDED}, read-ahead 0; the idle slots while a slice's slowest call finishes are
 *       what its benchmark shows.</li>
 *   <li><b>{@code adaptive}</b> (AIMD or gradient, as in Netflix concurrency-limits):
 *       {@link FanOutOptions#width()} is the ceiling; a {@code Limit} fed with each outcome's
 *       {@link Timing} and its {@link OverloadSignal} failures moves the number of permits below it,
 *       so the bound promise still holds.</li>
 *   <li><b>{@code hedged}</b> ("The Tail at Scale"): when a call has run longer than a chosen
 *       percentile, a second attempt of the same input starts; the first to finish decides the one
 *       outcome and the other is interrupted (or, for futures, cancelled). Attempts count against
 *       the width.</li>
 * </ul>
 * Two more shapes are measured as peers, plain code beside the strategies, rather than written as
 * strategies: {@code Gatherers.mapConcurrent(width, f)}, which emits in input order (so it would
 * declare {@code completionOrder = false}), and Reactor's {@code flatMap(f, width)}, which would
 * live in a module of its own since core stays free of Reactor (each inner publisher bracketed by
 * {@code begin}/{@code complete} as {@code async} brackets a future).
 */
public interface FanOutStrategy {

    /** @return the stable short name used on the command line, in benchmarks and in reports */
    String name();

    /** @return one line on what the strategy is, for {@code fanout list} */
    String description();

    /** @return what the strategy does by nature */
    Capabilities capabilities();

    /**
     * Runs {@code task} for every input and delivers each outcome to {@code sink} as it finishes,
     * on the calling thread. The primitive form: an endless iterator is fine here.
     *
     * @param inputs  the inputs, read lazily
     * @param task    the call to make for each input
     * @param options width, policy, timeouts, progress, clock
     * @param sink    receives each outcome, on this thread
     * @return the run's totals ({@link StopReason#COMPLETED} or {@link StopReason#DEADLINE})
     * @throws InterruptedException if the calling thread is interrupted; everything is cancelled
     *                              first
     * @throws FanOutException      under fail-fast after the first failure, or if the iterator
     *                              throws; outcomes already decided were delivered
     * @throws NullPointerException     if an argument is null (the message names it)
     */
    <I, R> RunSummary stream(Iterator<? extends I> inputs, FanOutTask<I, R> task, FanOutOptions options,
                             OutcomeSink<R> sink) throws InterruptedException;

    /**
     * Runs {@code task} for every input and returns every outcome in input order (asyncio's
     * {@code gather}). Holds all outcomes in memory: for an endless iterator use {@link #stream}.
     *
     * @throws FanOutException as {@link #stream}, with the outcomes decided so far in
     *                         {@link FanOutException#outcomes()}
     */
    default <I, R> FanOutResult<R> gather(Iterator<? extends I> inputs, FanOutTask<I, R> task, FanOutOptions options)
            throws InterruptedException {
        List<Outcome<R>> outcomes = new ArrayList<>();
        RunSummary summary;
        try {
            summary = stream(inputs, task, options, outcomes::add);
        } catch (FanOutException e) {
            outcomes.sort(Comparator.comparingLong(Outcome::index));
            throw withSuppressedOf(e, new FanOutException(e.getMessage(), e.getCause(), e.summary(), outcomes));
        }
        outcomes.sort(Comparator.comparingLong(Outcome::index));
        return new FanOutResult<>(summary, outcomes);
    }

    /**
     * Runs {@code task} for every element of a collection and returns one outcome per element, in
     * order. If the run stops early (fail-fast, deadline), the elements never read get a
     * {@link Outcome.Cancelled} outcome too, so {@code outcomes().size() == inputs.size()} always.
     */
    default <I, R> FanOutResult<R> gather(Collection<? extends I> inputs, FanOutTask<I, R> task, FanOutOptions options)
            throws InterruptedException {
        Objects.requireNonNull(inputs, "inputs must not be null");
        Objects.requireNonNull(options, "options must not be null");
        FanOutOptions sized = options.expectedTotal().isPresent()
                ? options : options.toBuilder().expectedTotal(inputs.size()).build();
        try {
            FanOutResult<R> result = gather(inputs.iterator(), task, sized);
            List<Outcome<R>> all = new ArrayList<>(result.outcomes());
            RunSummary summary = padWithCancelled(all, inputs.size(), result.summary());
            return new FanOutResult<>(summary, all);
        } catch (FanOutException e) {
            @SuppressWarnings("unchecked")
            List<Outcome<Object>> all = new ArrayList<>((List<Outcome<Object>>) e.outcomes());
            RunSummary summary = padWithCancelled(all, inputs.size(), e.summary());
            throw withSuppressedOf(e, new FanOutException(e.getMessage(), e.getCause(), summary, all));
        }
    }

    /** @return {@code copy}, carrying the failures suppressed in {@code original} (fail-fast's later failures) */
    private static FanOutException withSuppressedOf(FanOutException original, FanOutException copy) {
        for (Throwable later : original.getSuppressed()) {
            copy.addSuppressed(later);
        }
        return copy;
    }

    private static <R> RunSummary padWithCancelled(List<Outcome<R>> outcomes, int size, RunSummary s) {
        int missing = size - outcomes.size();
        if (missing <= 0) {
            return s;
        }
        Timing never = new Timing(s.endNanos(), Timing.NOT_STARTED, s.endNanos());
        for (int i = outcomes.size(); i < size; i++) {
            outcomes.add(new Outcome.Cancelled<>(i, never));
        }
        return new RunSummary(s.strategy(), s.width(), s.startNanos(), s.endNanos(), s.read(),
                s.succeeded(), s.failed(), s.timedOut(), s.cancelled() + missing, s.maxRunning(), s.stopReason(),
                s.slowCall());
    }
}
