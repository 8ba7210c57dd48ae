package dev.fanout.core.contract;

import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.Capabilities;
import dev.fanout.core.FailurePolicy;
import dev.fanout.core.FanOutException;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.Outcome;
import dev.fanout.core.Progress;
import dev.fanout.core.ProgressListener;
import dev.fanout.core.Rate;
import dev.fanout.core.RunSummary;
import dev.fanout.core.StopReason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link FanOutStrategy} keeps, as one suite. A strategy's test is a subclass
 * that says which strategy it is:
 *
 * <pre>{@code
 * class SemaphoreStrategyTest extends FanOutStrategyContract {
 *     protected FanOutStrategy strategy() { return new SemaphoreStrategy(); }
 * }
 * }</pre>
 *
 * What a strategy cannot do by nature is read from its {@link Capabilities} and switched off with
 * {@code assumeTrue}, so the report says "skipped" and why, never a silent pass.
 *
 * <p>Every strategy takes a call in two forms, and the suite checks both: a blocking
 * {@link FanOutTask}, which a timeout, fail-fast or the caller's interrupt stops by interrupting its
 * thread (sections 1 to 9), and an {@link AsyncFanOutTask}, which they stop by cancelling its future
 * (section 10, the same scenarios with futures completed from another thread).
 *
 * <p>Sections 11 and 12 are promises about interleavings (the start order; the outcome of a call the
 * run stopped), which a single run proves little about: every scenario of the suite can be run
 * many times over with scheduling noise injected at the run's hand-offs ({@link ContractRepetition},
 * {@code -Dfanout.contract.repeat=N -Dfanout.noise=true}; {@code ./fanout test --stress}). See
 * docs/contract.md.
 *
 * <p>No test asserts that anything is fast. Concurrency is proven with latches and counts; the only
 * time limits are generous liveness bounds so a broken strategy fails instead of hanging.
 */
@ExtendWith(ContractRepetition.class)
public abstract class FanOutStrategyContract {

    /** How long a test waits for something that should happen at once. Liveness only. */
    private static final long LIVENESS_SECONDS = 30;

    /** @return a new instance of the strategy under test */
    protected abstract FanOutStrategy strategy();

    private Capabilities capabilities() {
        return strategy().capabilities();
    }

    private static List<Long> inputs(long n) {
        return LongStream.range(0, n).boxed().toList();
    }

    private static FanOutOptions.Builder width(int width) {
        return FanOutOptions.builder().width(width);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(LIVENESS_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("gave up after " + LIVENESS_SECONDS + " s waiting for " + what
                    + " (" + latch.getCount() + " still missing)");
        }
    }

    /** Blocks until interrupted; counts the interrupt. */
    private static Long blockUntilInterrupted(AtomicInteger interruptsSeen) throws InterruptedException {
        try {
            new CountDownLatch(1).await();
            throw new AssertionError("unreachable");
        } catch (InterruptedException e) {
            interruptsSeen.incrementAndGet();
            throw e;
        }
    }

    // ------------------------------------------------------------------ 1. the bound

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {1, 3, 8, 64})
    @DisplayName("never more than width tasks in flight, and the full width is reached (10,000 inputs)")
    void neverMoreThanWidthInFlight(int width) throws Exception {
        assumeTrue(capabilities().width() != Capabilities.Width.UNBOUNDED,
                strategy().name() + " is unbounded by nature (Capabilities.Width.UNBOUNDED)");
        int bound = capabilities().effectiveWidth(width);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        // the first `bound` tasks wait for each other: they can only all pass if `bound` run at once
        CountDownLatch fullWidth = new CountDownLatch(bound);
        FanOutTask<Long, Long> task = i -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (i < bound) {
                    fullWidth.countDown();
                    await(fullWidth, bound + " tasks in flight at once");
                }
                return i;
            } finally {
                inFlight.decrementAndGet();
            }
        };

        FanOutResult<Long> result = strategy().gather(inputs(10_000), task, width(width).build());

        assertTrue(result.allSucceeded(), () -> "a task failed: " + firstNonSuccess(result));
        assertTrue(maxInFlight.get() <= bound, "saw " + maxInFlight.get() + " in flight with width " + bound);
        assertEquals(bound, maxInFlight.get(), "the full width was never used");
        assertTrue(result.summary().maxRunning() <= bound);
        assertEquals(0, inFlight.get());
    }

    @Test
    @DisplayName("an unbounded strategy has every input in flight at once")
    void unboundedStrategyRunsEveryInputAtOnce() throws Exception {
        assumeTrue(capabilities().width() == Capabilities.Width.UNBOUNDED,
                strategy().name() + " is bounded; the bound test covers it");
        int n = 200;
        CountDownLatch everyone = new CountDownLatch(n);
        FanOutTask<Long, Long> task = i -> {
            everyone.countDown();
            await(everyone, "all " + n + " inputs in flight");
            return i;
        };
        FanOutResult<Long> result = strategy().gather(inputs(n), task, width(2).build());
        assertTrue(result.allSucceeded(), () -> "a task failed: " + firstNonSuccess(result));
        assertEquals(n, result.summary().maxRunning());
    }

    // ------------------------------------------------------------------ 2. one outcome each, order

    @Test
    @DisplayName("exactly one outcome per input, in input order, each with its timing")
    void exactlyOneOutcomePerInputInInputOrder() throws Exception {
        int n = 1_000;
        FanOutTask<Long, Long> task = i -> {
            if (i % 7 == 0) {
                throw new IllegalArgumentException("no multiples of seven: " + i);
            }
            return i * 2;
        };
        FanOutResult<Long> result = strategy().gather(inputs(n), task, width(8).build());

        assertEquals(n, result.outcomes().size());
        for (int i = 0; i < n; i++) {
            Outcome<Long> outcome = result.outcomes().get(i);
            assertEquals(i, outcome.index());
            if (i % 7 == 0) {
                Outcome.Failure<Long> failure = assertInstanceOf(Outcome.Failure.class, outcome);
                assertEquals("no multiples of seven: " + i, failure.error().getMessage());
            } else {
                assertEquals(i * 2L, assertInstanceOf(Outcome.Success.class, outcome).value());
            }
            assertTrue(outcome.timing().started());
            assertTrue(outcome.timing().queuedNanos() <= outcome.timing().startedNanos());
            assertTrue(outcome.timing().startedNanos() <= outcome.timing().finishedNanos());
        }
        RunSummary summary = result.summary();
        assertEquals(n, summary.read());
        assertEquals((n + 6) / 7, summary.failed());
        assertEquals(n - (n + 6) / 7, summary.succeeded());
        assertEquals(StopReason.COMPLETED, summary.stopReason());
    }

    @Test
    @DisplayName("stream delivers each outcome exactly once, on the caller's thread")
    void streamDeliversEveryOutcomeOnceOnTheCallerThread() throws Exception {
        int n = 500;
        Thread caller = Thread.currentThread();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger wrongThread = new AtomicInteger();
        RunSummary summary = strategy().stream(inputs(n).iterator(), i -> i, width(8).build(), outcome -> {
            if (Thread.currentThread() != caller) {
                wrongThread.incrementAndGet();
            }
            assertTrue(seen.add(outcome.index()), "outcome " + outcome.index() + " delivered twice");
        });
        assertEquals(n, seen.size());
        assertEquals(0, wrongThread.get(), "the sink ran on another thread");
        assertEquals(n, summary.succeeded());
    }

    /** Five tasks, each released by the test in a chosen order once all five are running. */
    private static final long[] RELEASE_ORDER = {3, 1, 4, 0, 2};

    private final class ChosenOrder {
        final int n = RELEASE_ORDER.length;
        final CountDownLatch allRunning = new CountDownLatch(n);
        final CountDownLatch[] release = latches(n);
        final CountDownLatch[] decided = latches(n);
        final AtomicReference<Throwable> releaserError = new AtomicReference<>();

        final FanOutTask<Long, Long> task = i -> {
            allRunning.countDown();
            await(release[i.intValue()], "release of input " + i);
            return i;
        };

        FanOutOptions options() {
            return width(n).progress(new ProgressListener() {
                @Override
                public void taskFinished(Outcome<?> outcome, Progress progress) {
                    decided[(int) outcome.index()].countDown();
                }
            }).build();
        }

        Thread startReleaser() {
            return Thread.ofPlatform().start(() -> {
                try {
                    await(allRunning, "all " + n + " tasks running");
                    for (long k : RELEASE_ORDER) {
                        release[(int) k].countDown();
                        await(decided[(int) k], "outcome of input " + k);
                    }
                } catch (Throwable t) {
                    releaserError.set(t);
                }
            });
        }

        private static CountDownLatch[] latches(int n) {
            CountDownLatch[] latches = new CountDownLatch[n];
            for (int i = 0; i < n; i++) {
                latches[i] = new CountDownLatch(1);
            }
            return latches;
        }
    }

    @Test
    @DisplayName("stream delivers outcomes in completion order (tasks released in a chosen order)")
    void streamDeliversInCompletionOrder() throws Exception {
        assumeTrue(capabilities().completionOrder(), strategy().name() + " preserves input order by design");
        assumeTrue(capabilities().effectiveWidth(RELEASE_ORDER.length) >= RELEASE_ORDER.length,
                strategy().name() + " runs one task at a time, so completion order is input order");
        ChosenOrder chosen = new ChosenOrder();
        Thread releaser = chosen.startReleaser();
        List<Long> delivered = new ArrayList<>();
        strategy().stream(inputs(chosen.n).iterator(), chosen.task, chosen.options(), o -> delivered.add(o.index()));
        releaser.join();
        assertEquals(null, chosen.releaserError.get());
        assertEquals(List.of(3L, 1L, 4L, 0L, 2L), delivered);
    }

    @Test
    @DisplayName("gather returns input order even when the inputs finish in another order")
    void gatherReturnsInputOrderWhateverTheCompletionOrder() throws Exception {
        assumeTrue(capabilities().effectiveWidth(RELEASE_ORDER.length) >= RELEASE_ORDER.length,
                strategy().name() + " runs one task at a time; the input-order test covers it");
        ChosenOrder chosen = new ChosenOrder();
        Thread releaser = chosen.startReleaser();
        FanOutResult<Long> result = strategy().gather(inputs(chosen.n), chosen.task, chosen.options());
        releaser.join();
        assertEquals(null, chosen.releaserError.get());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), result.values());
        List<Long> byFinish = result.outcomes().stream()
                .sorted((a, b) -> Long.compare(a.timing().finishedNanos(), b.timing().finishedNanos()))
                .map(Outcome::index).toList();
        assertEquals(List.of(3L, 1L, 4L, 0L, 2L), byFinish);
    }

    // ------------------------------------------------------------------ 4. failure policy

    @Test
    @DisplayName("collect: successes, failures and timeouts are each recorded as such, nothing lost")
    void collectRecordsEveryKindOfOutcome() throws Exception {
        int n = 30;
        Duration timeout = Duration.ofMillis(200);
        AtomicInteger interrupts = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> switch ((int) (i % 3)) {
            case 0 -> i;
            case 1 -> throw new IllegalStateException("boom " + i);
            default -> blockUntilInterrupted(interrupts);
        };
        FanOutResult<Long> result = strategy().gather(inputs(n), task,
                width(4).taskTimeout(timeout).failurePolicy(FailurePolicy.COLLECT).build());

        assertEquals(n, result.outcomes().size());
        for (Outcome<Long> outcome : result.outcomes()) {
            long i = outcome.index();
            switch ((int) (i % 3)) {
                case 0 -> assertEquals(i, assertInstanceOf(Outcome.Success.class, outcome).value());
                case 1 -> assertEquals("boom " + i,
                        assertInstanceOf(Outcome.Failure.class, outcome).error().getMessage());
                default -> assertEquals(timeout, assertInstanceOf(Outcome.TimedOut.class, outcome).limit());
            }
        }
        RunSummary s = result.summary();
        assertEquals(List.of(10L, 10L, 10L, 0L), List.of(s.succeeded(), s.failed(), s.timedOut(), s.cancelled()));
        assertEquals(10, interrupts.get(), "every timed-out task must have been interrupted");
    }

    @Test
    @DisplayName("fail-fast: the first failure is raised, running siblings interrupted, the rest cancelled")
    void failFastRaisesTheFirstFailureAndCancelsTheRest() throws Exception {
        int n = 20;
        int siblings = Math.min(capabilities().effectiveWidth(4) - 1, 3);
        CountDownLatch siblingsRunning = new CountDownLatch(siblings);
        AtomicInteger interrupts = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger startedSiblings = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> {
            running.incrementAndGet();
            try {
                if (i == 0) {
                    await(siblingsRunning, siblings + " siblings running");
                    throw new IllegalStateException("the first failure");
                }
                startedSiblings.incrementAndGet();
                siblingsRunning.countDown();
                return blockUntilInterrupted(interrupts);
            } finally {
                running.decrementAndGet();
            }
        };

        FanOutException e = assertThrows(FanOutException.class, () -> strategy().gather(inputs(n), task,
                width(4).failurePolicy(FailurePolicy.FAIL_FAST).build()));
        int runningAtReturn = running.get();

        assertEquals(0, runningAtReturn, "a task was still running when the call returned");
        assertEquals(StopReason.FAILED_FAST, e.reason());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("the first failure", e.getCause().getMessage());
        assertEquals(n, e.outcomes().size());
        assertInstanceOf(Outcome.Failure.class, e.outcomes().get(0));
        long cancelledAfterStarting = 0;
        for (Outcome<?> outcome : e.outcomes().subList(1, n)) {
            assertInstanceOf(Outcome.Cancelled.class, outcome, "input " + outcome.index());
            if (outcome.timing().started()) {
                cancelledAfterStarting++;
            }
        }
        assertTrue(startedSiblings.get() >= siblings);
        assertEquals(startedSiblings.get(), interrupts.get(), "every running sibling must be interrupted");
        assertTrue(cancelledAfterStarting >= startedSiblings.get());
    }

    // ------------------------------------------------------------------ 4b. fail-fast keeps every real failure

    @Test
    @DisplayName("fail-fast: failures that beat the cancellation are kept: the first raised, the others suppressed, each a Failure")
    void failFastKeepsEveryFailureThatBeatTheCancellation() throws Exception {
        assumeTrue(capabilities().effectiveWidth(4) >= 4,
                strategy().name() + " runs one task at a time: two tasks cannot fail at the same moment");
        int failing = 3;
        int n = 12;
        CountDownLatch allFailingRunning = new CountDownLatch(failing);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger interrupts = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> {
            running.incrementAndGet();
            try {
                if (i < failing) {
                    // all three fail together; none of them stops for the first one's cancellation
                    allFailingRunning.countDown();
                    awaitIgnoringInterrupts(allFailingRunning, failing + " failing tasks running");
                    throw new IllegalStateException("failure " + i);
                }
                return blockUntilInterrupted(interrupts);
            } finally {
                running.decrementAndGet();
            }
        };

        FanOutException e = assertThrows(FanOutException.class, () -> strategy().gather(inputs(n), task,
                width(4).failurePolicy(FailurePolicy.FAIL_FAST).build()));

        assertEquals(0, running.get(), "a task was still running when the call returned");
        assertEquals(StopReason.FAILED_FAST, e.reason());
        assertEquals(n, e.outcomes().size());
        List<Throwable> errors = new ArrayList<>();
        for (int i = 0; i < failing; i++) {
            Outcome.Failure<?> failure = assertInstanceOf(Outcome.Failure.class, e.outcomes().get(i),
                    "input " + i + " failed on its own before the cancellation reached it");
            assertEquals("failure " + i, failure.error().getMessage());
            errors.add(failure.error());
        }
        assertTrue(errors.stream().anyMatch(error -> error == e.getCause()), "the cause is one of the failures: " + e.getCause());
        List<Throwable> suppressed = List.of(e.getSuppressed());
        assertEquals(failing - 1, suppressed.size(), "every failure but the cause is attached: " + suppressed);
        for (Throwable error : errors) {
            long attached = suppressed.stream().filter(s -> s == error).count() + (error == e.getCause() ? 1 : 0);
            assertEquals(1, attached, "'" + error.getMessage() + "' is the cause or suppressed, exactly once");
        }
        for (Outcome<?> outcome : e.outcomes().subList(failing, n)) {
            assertInstanceOf(Outcome.Cancelled.class, outcome, "input " + outcome.index() + " answered the cancellation");
        }
        assertEquals(e.outcomes().subList(failing, n).stream().filter(o -> o.timing().started()).count(), interrupts.get(),
                "every task that was running when the cancellation came was interrupted by it");
    }

    /** Waits for the latch whatever interrupts arrive meanwhile, then restores the interrupt for whoever looks next. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch, String what) {
        boolean interrupted = false;
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS);
        try {
            while (true) {
                try {
                    if (latch.await(giveUpAt - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                    throw new AssertionError("gave up after " + LIVENESS_SECONDS + " s waiting for " + what);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ 5. timeouts

    @Test
    @DisplayName("per-task timeout: a blocked task is interrupted, timed out, and its slot reused")
    void timedOutTaskIsInterruptedAndItsSlotReused() throws Exception {
        int n = 6;
        int width = 2;
        int bound = capabilities().effectiveWidth(width);
        AtomicInteger interrupts = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return blockUntilInterrupted(interrupts);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        Duration timeout = Duration.ofMillis(150);
        FanOutResult<Long> result = strategy().gather(inputs(n), task, width(width).taskTimeout(timeout).build());

        // none of these tasks ever ends by itself: that all six ran proves slots were freed and reused
        assertEquals(n, result.summary().timedOut());
        assertEquals(n, interrupts.get());
        assertTrue(maxInFlight.get() <= bound, "saw " + maxInFlight.get() + " in flight with width " + bound);
        result.outcomes().forEach(o -> assertEquals(timeout, assertInstanceOf(Outcome.TimedOut.class, o).limit()));
    }

    @Test
    @DisplayName("deadline: running tasks time out, the rest are cancelled, the run returns")
    void deadlineTimesOutRunningTasksAndCancelsTheRest() throws Exception {
        int n = 10;
        AtomicInteger interrupts = new AtomicInteger();
        // long enough for the first tasks to start on a loaded machine with scheduling noise (the
        // stress mode once saw none start within 300 ms): a liveness margin, not a speed limit
        Duration deadline = Duration.ofSeconds(1);
        FanOutResult<Long> result = strategy().gather(inputs(n), i -> blockUntilInterrupted(interrupts),
                width(2).deadline(deadline).build());

        assertEquals(StopReason.DEADLINE, result.summary().stopReason());
        assertEquals(n, result.outcomes().size());
        long timedOut = 0;
        for (Outcome<Long> outcome : result.outcomes()) {
            if (outcome instanceof Outcome.TimedOut<Long> t) {
                assertEquals(deadline, t.limit());
                timedOut++;
            } else {
                Outcome.Cancelled<?> c = assertInstanceOf(Outcome.Cancelled.class, outcome);
                assertFalse(c.timing().started(), "a task that ran past the deadline must be timed out");
            }
        }
        assertEquals(interrupts.get(), timedOut);
        assertEquals(Math.min(n, capabilities().effectiveWidth(2)), timedOut);
    }

    // ------------------------------------------------------------------ 6. caller interrupt

    @Test
    @DisplayName("caller interrupt: InterruptedException, no task running, no thread left")
    void callerInterruptCancelsEverythingAndLeavesNothingBehind() throws Exception {
        int n = 50;
        int expectRunning = Math.min(capabilities().effectiveWidth(4), 4);
        CountDownLatch runningEnough = new CountDownLatch(expectRunning);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger interrupts = new AtomicInteger();
        Set<Thread> taskThreads = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicInteger runningAtReturn = new AtomicInteger(-1);
        FanOutTask<Long, Long> task = i -> {
            taskThreads.add(Thread.currentThread());
            running.incrementAndGet();
            try {
                runningEnough.countDown();
                return blockUntilInterrupted(interrupts);
            } finally {
                running.decrementAndGet();
            }
        };
        Thread caller = Thread.ofPlatform().name("contract-caller").start(() -> {
            try {
                strategy().gather(inputs(n), task, width(4).build());
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                runningAtReturn.set(running.get());
            }
        });

        await(runningEnough, expectRunning + " tasks running");
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));

        assertFalse(caller.isAlive(), "the interrupted call did not return");
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertEquals(0, runningAtReturn.get(), "a task was still running when the call returned");
        assertTrue(interrupts.get() >= expectRunning);
        taskThreads.remove(caller);
        for (Thread t : taskThreads) {
            assertFalse(t.isAlive(), "thread " + t + " outlived the call");
        }
        List<String> leftovers = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("fanout-" + strategy().name() + "-")).toList();
        assertEquals(List.of(), leftovers, "platform threads of the strategy left behind");
    }

    // ------------------------------------------------------------------ 6b. a task's own interrupt

    private String onCallerThreadReason() {
        return strategy().name() + " runs each task on the caller's own thread (Capabilities.tasksOnCallerThread):"
                + " there an interrupt is the caller's by definition, and a task that catches the caller's interrupt"
                + " and returns normally swallows it; no code can see an interrupt that was cleared";
    }

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {1, 2, 4})
    @DisplayName("a task's own interrupt ends that task only: a Failure; the next task never sees it; the run goes on at full width")
    void taskOwnInterruptEndsThatTaskOnly(int width) throws Exception {
        assumeTrue(!capabilities().tasksOnCallerThread(), onCallerThreadReason());
        int bound = Math.min(capabilities().effectiveWidth(width), width);
        // In groups of `width` inputs: the first throws InterruptedException by itself; the second has
        // its thread interrupted (by "another library") and throws; the third has its thread
        // interrupted and returns normally, leaving the interrupt behind; the fourth must then have
        // `bound` tasks in flight at once; the rest are ordinary.
        int n = 4 * width + 20;
        AtomicInteger startedInterrupted = new AtomicInteger();
        CountDownLatch fullWidthAfter = new CountDownLatch(bound);
        FanOutTask<Long, Long> task = i -> {
            if (Thread.currentThread().isInterrupted()) {
                startedInterrupted.incrementAndGet();
            }
            switch ((int) (i / width)) {
                case 0 -> throw new InterruptedException("input " + i + " interrupted itself");
                case 1 -> {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("input " + i + " failed, its thread interrupted");
                }
                case 2 -> {
                    Thread.currentThread().interrupt();
                    return i;
                }
                case 3 -> {
                    fullWidthAfter.countDown();
                    await(fullWidthAfter, bound + " tasks in flight after the interrupted ones");
                    return i;
                }
                default -> {
                    return i;
                }
            }
        };

        FanOutResult<Long> result = returnsWithin("a run whose tasks interrupted themselves",
                () -> strategy().gather(inputs(n), task, width(width).build()));

        assertEquals(0, startedInterrupted.get(), "a task started with an interrupt left behind by another");
        assertEquals(n, result.outcomes().size());
        for (Outcome<Long> outcome : result.outcomes()) {
            long i = outcome.index();
            switch ((int) (i / width)) {
                case 0 -> assertEquals("input " + i + " interrupted itself", assertInstanceOf(InterruptedException.class,
                        assertInstanceOf(Outcome.Failure.class, outcome, "input " + i).error()).getMessage());
                case 1 -> assertEquals("input " + i + " failed, its thread interrupted", assertInstanceOf(IllegalStateException.class,
                        assertInstanceOf(Outcome.Failure.class, outcome, "input " + i).error()).getMessage());
                default -> assertEquals(i, assertInstanceOf(Outcome.Success.class, outcome, "input " + i).value());
            }
        }
        RunSummary s = result.summary();
        assertEquals(StopReason.COMPLETED, s.stopReason());
        assertEquals(List.of(n - 2L * width, 2L * width, 0L, 0L), List.of(s.succeeded(), s.failed(), s.timedOut(), s.cancelled()));
    }

    @Test
    @DisplayName("after tasks interrupted themselves, the caller's interrupt still cancels everything and leaves no thread")
    void callerInterruptStillCancelsAfterTasksInterruptedThemselves() throws Exception {
        assumeTrue(!capabilities().tasksOnCallerThread(), onCallerThreadReason());
        int width = 2;
        int bound = Math.min(capabilities().effectiveWidth(width), width);
        int n = 50;
        CountDownLatch blockersRunning = new CountDownLatch(bound);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger interrupts = new AtomicInteger();
        Set<Thread> taskThreads = ConcurrentHashMap.newKeySet();
        FanOutTask<Long, Long> task = i -> {
            taskThreads.add(Thread.currentThread());
            if (i < width) {
                throw new InterruptedException("input " + i + " interrupted itself");
            }
            if (i < 2 * width) {
                Thread.currentThread().interrupt();
                return i;
            }
            running.incrementAndGet();
            try {
                blockersRunning.countDown();
                return blockUntilInterrupted(interrupts);
            } finally {
                running.decrementAndGet();
            }
        };
        CallerOutcome call = interruptedOnceRunning(blockersRunning, bound + " tasks blocked after the interrupted ones",
                () -> strategy().gather(inputs(n), task, width(width).build()), running);

        assertInstanceOf(InterruptedException.class, call.thrown(), "the caller's interrupt must end the call");
        assertEquals(0, call.runningAtReturn(), "a task was still running when the call returned");
        assertTrue(interrupts.get() >= bound, "every blocked task is interrupted: " + interrupts.get());
        assertNoThreadLeft(taskThreads);
    }

    @Test
    @DisplayName("a task that catches the caller's interrupt and returns normally does not swallow it")
    void callerInterruptIsNotSwallowedByATaskThatCatchesIt() throws Exception {
        assumeTrue(!capabilities().tasksOnCallerThread(), onCallerThreadReason());
        int width = 2;
        int bound = Math.min(capabilities().effectiveWidth(width), width);
        CountDownLatch swallowersRunning = new CountDownLatch(bound);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger swallowed = new AtomicInteger();
        Set<Thread> taskThreads = ConcurrentHashMap.newKeySet();
        FanOutTask<Long, Long> task = i -> {
            taskThreads.add(Thread.currentThread());
            running.incrementAndGet();
            try {
                swallowersRunning.countDown();
                new CountDownLatch(1).await();
                throw new AssertionError("unreachable");
            } catch (InterruptedException e) {
                swallowed.incrementAndGet();
                return -1L; // the interrupt is cleared and nobody hears of it
            } finally {
                running.decrementAndGet();
            }
        };
        CallerOutcome call = interruptedOnceRunning(swallowersRunning, bound + " swallowing tasks running",
                () -> strategy().gather(inputs(50), task, width(width).build()), running);

        assertInstanceOf(InterruptedException.class, call.thrown(),
                "the caller's interrupt must end the call whatever the tasks do with theirs");
        assertEquals(0, call.runningAtReturn(), "a task was still running when the call returned");
        assertTrue(swallowed.get() >= bound);
        assertNoThreadLeft(taskThreads);
    }

    @Test
    @DisplayName("on the caller's own thread, an InterruptedException a task throws by itself is the caller's interrupt: the run stops")
    void onTheCallerThreadATaskInterruptIsTheCallersInterrupt() throws Exception {
        assumeTrue(capabilities().tasksOnCallerThread(),
                strategy().name() + " runs tasks on threads of its own; taskOwnInterruptEndsThatTaskOnly holds it to isolation");
        AtomicInteger ranAfter = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> {
            if (i == 3) {
                throw new InterruptedException("input 3 interrupted itself");
            }
            if (i > 3) {
                ranAfter.incrementAndGet();
            }
            return i;
        };
        List<Outcome<Long>> delivered = new ArrayList<>();
        assertThrows(InterruptedException.class,
                () -> strategy().stream(inputs(10).iterator(), task, width(1).build(), delivered::add));
        assertFalse(Thread.interrupted(), "the interrupt is reported by the exception, not left set as well");
        assertEquals(0, ranAfter.get(), "no input after the interrupt may run");
        assertEquals(List.of(0L, 1L, 2L), delivered.stream().filter(Outcome::isSuccess).map(Outcome::index).toList());
    }

    /** What became of a call made on its own thread and interrupted there. */
    private record CallerOutcome(Throwable thrown, int runningAtReturn) {
    }

    /** Something the caller calls; it may throw anything. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws Exception;
    }

    /** Makes the call on a thread of its own; interrupts that thread once `ready` opens; waits for the call to return. */
    private static CallerOutcome interruptedOnceRunning(CountDownLatch ready, String what, Attempt<?> attempt,
                                                        AtomicInteger running) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicInteger runningAtReturn = new AtomicInteger(-1);
        Thread caller = Thread.ofPlatform().name("contract-caller").start(() -> {
            try {
                attempt.run();
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                runningAtReturn.set(running.get());
            }
        });
        await(ready, what);
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));
        assertFalse(caller.isAlive(), "the interrupted call did not return");
        return new CallerOutcome(thrown.get(), runningAtReturn.get());
    }

    /** @return what the attempt returns, made on a thread of its own; fails (and interrupts it) if it hangs */
    private static <T> T returnsWithin(String what, Attempt<T> attempt) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("contract-caller").start(() -> {
            try {
                result.set(attempt.run());
            } catch (Exception e) {
                thrown.set(e);
            }
        });
        caller.join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));
        if (caller.isAlive()) {
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));
            throw new AssertionError(what + " did not return within " + LIVENESS_SECONDS + " s (a thread of it lost, or waiting for one?)");
        }
        if (thrown.get() != null) {
            throw thrown.get();
        }
        return result.get();
    }

    private void assertNoThreadLeft(Set<Thread> taskThreads) {
        for (Thread t : taskThreads) {
            assertFalse(t.isAlive(), "thread " + t + " outlived the call");
        }
        List<String> leftovers = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("fanout-" + strategy().name() + "-")).toList();
        assertEquals(List.of(), leftovers, "platform threads of the strategy left behind");
    }

    // ------------------------------------------------------------------ 7. lazy input

    @Test
    @DisplayName("an endless iterator is read lazily: never more than width + read-ahead ahead")
    void endlessInputIsReadLazily() throws Exception {
        assumeTrue(capabilities().readsLazily(), strategy().name() + " reads its whole input first, by nature");
        int width = 8;
        long limit = capabilities().effectiveWidth(width) + (long) capabilities().readAhead();
        AtomicLong read = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong maxAhead = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Iterator<Long> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !stop.get();
            }

            @Override
            public Long next() {
                long index = read.incrementAndGet() - 1;
                maxAhead.accumulateAndGet(read.get() - done.get(), Math::max);
                return index;
            }
        };
        FanOutTask<Long, Long> task = i -> {
            try {
                Thread.yield();
                return i;
            } finally {
                done.incrementAndGet();
            }
        };
        AtomicLong delivered = new AtomicLong();
        RunSummary summary = strategy().stream(endless, task, width(width).build(), o -> {
            if (delivered.incrementAndGet() >= 2_000) {
                stop.set(true);
            }
        });

        assertTrue(maxAhead.get() <= limit, "read " + maxAhead.get() + " ahead; the limit is " + limit);
        assertEquals(read.get(), summary.read());
        assertEquals(read.get(), delivered.get());
        assertEquals(StopReason.COMPLETED, summary.stopReason());
    }

    // ------------------------------------------------------------------ 7b. a slow sink holds the reading back

    @Test
    @DisplayName("a stalled sink holds the reading back: inputs read and not delivered stay under 2 x width + read-ahead + 1024")
    void stalledSinkHoldsTheReadingBack() throws Exception {
        assumeTrue(capabilities().readsLazily(), strategy().name() + " reads its whole input first, by nature");
        int width = 8;
        long bound = 2L * capabilities().effectiveWidth(width) + capabilities().readAhead() + 1024;
        int stallAt = 100;
        AtomicLong read = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        AtomicLong maxBacklog = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        // opens if the input is read far past the stalled sink: what must not happen
        CountDownLatch readPastTheSink = new CountDownLatch(1);
        Iterator<Long> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !stop.get();
            }

            @Override
            public Long next() {
                long index = read.incrementAndGet() - 1;
                maxBacklog.accumulateAndGet(read.get() - delivered.get(), Math::max);
                if (read.get() - delivered.get() > bound) {
                    readPastTheSink.countDown();
                }
                return index;
            }
        };
        AtomicBoolean overran = new AtomicBoolean();
        RunSummary summary = strategy().stream(endless, i -> i, width(width).build(), o -> {
            long n = delivered.incrementAndGet();
            if (n == stallAt) {
                // the sink stops; give the strategy's threads ample time to read on regardless
                try {
                    overran.set(readPastTheSink.await(300, TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (n >= 2_000) {
                stop.set(true);
            }
        });

        assertFalse(overran.get(), "while the sink stalled, the input was read more than " + bound + " ahead of it");
        assertTrue(maxBacklog.get() <= bound, "read " + maxBacklog.get() + " ahead of the sink; the bound is " + bound);
        assertEquals(read.get(), summary.read());
        assertEquals(read.get(), delivered.get());
    }

    // ------------------------------------------------------------------ 8. progress

    @Test
    @DisplayName("the progress listener hears every start and finish, each with the count it made")
    void progressListenerHearsEveryStartAndFinish() throws Exception {
        int n = 300;
        AtomicLong total = new AtomicLong(-2);
        AtomicLong starts = new AtomicLong();
        AtomicLong finishes = new AtomicLong();
        Set<Long> startedCounts = ConcurrentHashMap.newKeySet();
        Set<Long> finishedCounts = ConcurrentHashMap.newKeySet();
        AtomicReference<Progress> last = new AtomicReference<>();
        AtomicReference<RunSummary> atEnd = new AtomicReference<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void runStarted(String strategy, long expected) {
                total.set(expected);
            }

            @Override
            public void taskStarted(long index, Progress progress) {
                starts.incrementAndGet();
                startedCounts.add(progress.started());
            }

            @Override
            public void taskFinished(Outcome<?> outcome, Progress progress) {
                finishes.incrementAndGet();
                finishedCounts.add(progress.finished());
                last.accumulateAndGet(progress, (a, b) -> a == null || b.finished() > a.finished() ? b : a);
            }

            @Override
            public void runFinished(RunSummary summary) {
                atEnd.set(summary);
            }
        };
        strategy().gather(inputs(n), i -> i, width(8).progress(listener).build());
        assertEquals(n, total.get());
        assertEquals(n, starts.get());
        assertEquals(n, finishes.get());
        assertEquals(n, last.get().finished());
        assertEquals(n, last.get().total());
        // a bar printing "n/N" per event prints every n once: two events never share a count
        assertEquals(List.of(), countsNeverHeard(startedCounts, n), "started counts no event carried");
        assertEquals(List.of(), countsNeverHeard(finishedCounts, n), "finished counts no event carried");
        assertNotNull(atEnd.get());
        assertEquals(n, atEnd.get().succeeded());
    }

    private static List<Long> countsNeverHeard(Set<Long> heard, int n) {
        return LongStream.rangeClosed(1, n).filter(count -> !heard.contains(count)).boxed().toList();
    }

    // ------------------------------------------------------------------ 9. bad arguments

    @Test
    @DisplayName("bad arguments fail at once with a message naming the argument")
    void badArgumentsAreRejectedNamingTheArgument() {
        assertMessageNames("width", assertThrows(IllegalArgumentException.class, () -> width(0)));
        assertMessageNames("width", assertThrows(IllegalArgumentException.class, () -> width(-3)));
        assertMessageNames("taskTimeout", assertThrows(IllegalArgumentException.class,
                () -> FanOutOptions.builder().taskTimeout(Duration.ofMillis(-1))));
        assertMessageNames("deadline", assertThrows(IllegalArgumentException.class,
                () -> FanOutOptions.builder().deadline(Duration.ZERO)));
        FanOutOptions options = FanOutOptions.defaults();
        assertMessageNames("task", assertThrows(NullPointerException.class,
                () -> strategy().gather(inputs(3), null, options)));
        assertMessageNames("inputs", assertThrows(NullPointerException.class,
                () -> strategy().stream(null, i -> i, options, o -> { })));
        assertMessageNames("options", assertThrows(NullPointerException.class,
                () -> strategy().stream(inputs(3).iterator(), i -> i, null, o -> { })));
        assertMessageNames("sink", assertThrows(NullPointerException.class,
                () -> strategy().stream(inputs(3).iterator(), i -> i, options, null)));
    }

    private static void assertMessageNames(String argument, Throwable error) {
        assertNotNull(error.getMessage(), "no message");
        assertTrue(error.getMessage().startsWith(argument + " "),
                "the message should name '" + argument + "': " + error.getMessage());
    }

    @Test
    @DisplayName("an iterator that throws mid-way ends the run with its error; outcomes so far are kept")
    void failingIteratorSurfacesItsErrorAndKeepsOutcomes() throws Exception {
        Iterator<Long> breaksAfterTen = new Iterator<>() {
            long next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Long next() {
                if (next == 10) {
                    throw new IllegalStateException("the input broke");
                }
                return next++;
            }
        };
        FanOutException e = assertThrows(FanOutException.class,
                () -> strategy().gather(breaksAfterTen, i -> i * 10, width(4).build()));
        assertEquals(StopReason.INPUT_FAILED, e.reason());
        assertEquals("the input broke", e.getCause().getMessage());
        assertEquals(10, e.outcomes().size());
        for (int i = 0; i < 10; i++) {
            Outcome<?> outcome = e.outcomes().get(i);
            assertEquals(i, outcome.index());
            assertEquals((long) i * 10, assertInstanceOf(Outcome.Success.class, outcome).value());
        }
    }

    @Test
    @DisplayName("a sink that throws cancels the run and its exception reaches the caller")
    void throwingSinkCancelsTheRun() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger interrupts = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> {
            running.incrementAndGet();
            try {
                return i == 0 ? i : blockUntilInterrupted(interrupts);
            } finally {
                running.decrementAndGet();
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> strategy().stream(inputs(20).iterator(), task, width(4).build(), o -> {
                    throw new IllegalStateException("the sink gave up on " + o.index());
                }));
        assertEquals("the sink gave up on 0", e.getMessage());
        assertEquals(0, running.get());
    }

    private static String firstNonSuccess(FanOutResult<?> result) {
        return result.outcomes().stream().filter(o -> !o.isSuccess()).findFirst()
                .map(o -> o instanceof Outcome.Failure<?> f ? o + ": " + f.error() : o.toString()).orElse("none");
    }

    // ------------------------------------------------------------------ 10. the async form
    //
    // An AsyncFanOutTask is a FanOutTask too, so every strategy takes one: a non-blocking strategy
    // keeps its futures outstanding with no thread each, and every other strategy calls the task's
    // default call(), which waits for the future on a thread and turns an interrupt into a cancel.
    // The promises are those of sections 1 to 7; for a call that has no thread, two of them read:
    //   - a call is "running" while its future is outstanding: handed out by callAsync and not yet
    //     completed or cancelled (the bound; "no task running when the call returns");
    //   - a per-task timeout, the deadline, fail-fast and the caller's interrupt stop a call by
    //     cancelling its future, where a blocking call's thread is interrupted.
    // The tests below run those scenarios with futures that a scheduler thread completes (never the
    // thread that called callAsync, as a client's I/O thread would), and count every cancel. Bad
    // input of the async form: a callAsync that throws or returns null is that input's failure.

    /** Futures for an AsyncFanOutTask: completed from a scheduler thread, every cancel counted. */
    private static final class Futures implements AutoCloseable {
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                body -> Thread.ofPlatform().daemon(true).name("contract-io").unstarted(body));
        /** Futures handed out and not yet completed or cancelled: the calls running now. */
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicInteger maxOutstanding = new AtomicInteger();
        /** Futures that ended, completed or cancelled. */
        final AtomicLong ended = new AtomicLong();
        /** Outstanding futures stopped by a cancel. */
        final AtomicInteger cancels = new AtomicInteger();

        /** @return a new outstanding future, for callAsync to return */
        <T> Pending<T> start() {
            maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            return new Pending<>();
        }

        /** A future that ends once: completed by the scheduler, or cancelled by the strategy. */
        final class Pending<T> extends CompletableFuture<T> {
            private final AtomicBoolean over = new AtomicBoolean();

            /** Completes it with a value, from the scheduler's thread. */
            Pending<T> succeed(T value) {
                scheduler.execute(() -> {
                    if (end()) {
                        complete(value);
                    }
                });
                return this;
            }

            /** Completes it with a failure, from the scheduler's thread. */
            Pending<T> fail(Throwable error) {
                scheduler.execute(() -> {
                    if (end()) {
                        completeExceptionally(error);
                    }
                });
                return this;
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                if (end()) {
                    cancels.incrementAndGet();
                }
                return super.cancel(mayInterruptIfRunning);
            }

            /** The bookkeeping comes first, so that no strategy sees the end before the counts do. */
            private boolean end() {
                if (!over.compareAndSet(false, true)) {
                    return false;
                }
                outstanding.decrementAndGet();
                ended.incrementAndGet();
                return true;
            }
        }

        @Override
        public void close() throws InterruptedException {
            scheduler.shutdownNow();
            assertTrue(scheduler.awaitTermination(LIVENESS_SECONDS, TimeUnit.SECONDS), "the scheduler did not stop");
        }
    }

    /** Types a lambda as an AsyncFanOutTask, so the strategy receives the async form. */
    private static <R> AsyncFanOutTask<Long, R> async(AsyncFanOutTask<Long, R> task) {
        return task;
    }

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {1, 8, 64})
    @DisplayName("async form: never more than width futures outstanding, and the full width is reached (2,000 inputs)")
    void asyncNeverMoreThanWidthFuturesOutstanding(int width) throws Exception {
        assumeTrue(capabilities().width() != Capabilities.Width.UNBOUNDED,
                strategy().name() + " is unbounded by nature (Capabilities.Width.UNBOUNDED)");
        int bound = capabilities().effectiveWidth(width);
        try (Futures futures = new Futures()) {
            // the first `bound` futures complete only once all of them are outstanding together
            Map<Long, Futures.Pending<Long>> first = new ConcurrentHashMap<>();
            AtomicInteger arrived = new AtomicInteger();
            AsyncFanOutTask<Long, Long> task = async(i -> {
                Futures.Pending<Long> future = futures.start();
                if (i >= bound) {
                    return future.succeed(i);
                }
                first.put(i, future);
                if (arrived.incrementAndGet() == bound) {
                    first.forEach((index, f) -> f.succeed(index));
                }
                return future;
            });

            FanOutResult<Long> result = strategy().gather(inputs(2_000), task, width(width).build());

            assertTrue(result.allSucceeded(), () -> "a call failed: " + firstNonSuccess(result));
            assertEquals(LongStream.range(0, 2_000).boxed().toList(), result.values());
            assertTrue(futures.maxOutstanding.get() <= bound,
                    "saw " + futures.maxOutstanding.get() + " futures outstanding with width " + bound);
            assertEquals(bound, futures.maxOutstanding.get(), "the full width was never used");
            assertTrue(result.summary().maxRunning() <= bound);
            assertEquals(0, futures.outstanding.get());
        }
    }

    @Test
    @DisplayName("async form: a value, a failed future, a timeout, a callAsync that throws or returns null: each its outcome, the run goes on")
    void asyncCollectRecordsEveryKindOfOutcome() throws Exception {
        int n = 25;
        // long enough for a future the scheduler completes at once to beat it on a loaded machine
        Duration timeout = Duration.ofSeconds(1);
        try (Futures futures = new Futures()) {
            AsyncFanOutTask<Long, Long> task = async(i -> switch ((int) (i % 5)) {
                case 0 -> futures.<Long>start().succeed(i);
                case 1 -> futures.<Long>start().fail(new IllegalStateException("boom " + i));
                case 2 -> futures.<Long>start(); // never completes: the timeout must cancel it
                case 3 -> throw new IOException("refused " + i);
                default -> null;
            });
            FanOutResult<Long> result = strategy().gather(inputs(n), task,
                    width(4).taskTimeout(timeout).failurePolicy(FailurePolicy.COLLECT).build());

            assertEquals(n, result.outcomes().size());
            for (Outcome<Long> outcome : result.outcomes()) {
                long i = outcome.index();
                switch ((int) (i % 5)) {
                    case 0 -> assertEquals(i, assertInstanceOf(Outcome.Success.class, outcome).value());
                    case 1 -> assertEquals("boom " + i,
                            assertInstanceOf(Outcome.Failure.class, outcome).error().getMessage());
                    case 2 -> assertEquals(timeout, assertInstanceOf(Outcome.TimedOut.class, outcome).limit());
                    case 3 -> assertEquals("refused " + i,
                            assertInstanceOf(Outcome.Failure.class, outcome).error().getMessage());
                    default -> {
                        Throwable error = assertInstanceOf(Outcome.Failure.class, outcome).error();
                        assertTrue(String.valueOf(error.getMessage()).contains("callAsync returned null"),
                                "the failure should name the reason: " + error);
                    }
                }
            }
            RunSummary s = result.summary();
            assertEquals(List.of(5L, 15L, 5L, 0L), List.of(s.succeeded(), s.failed(), s.timedOut(), s.cancelled()));
            assertEquals(5, futures.cancels.get(), "every timed-out future must have been cancelled");
            assertEquals(0, futures.outstanding.get());
        }
    }

    @Test
    @DisplayName("async form: per-task timeout cancels the future, times the call out, and reuses its slot")
    void asyncTimedOutFutureIsCancelledAndItsSlotReused() throws Exception {
        int n = 6;
        int width = 2;
        int bound = capabilities().effectiveWidth(width);
        Duration timeout = Duration.ofMillis(150);
        try (Futures futures = new Futures()) {
            AsyncFanOutTask<Long, Long> neverCompletes = async(i -> futures.start());
            FanOutResult<Long> result = strategy().gather(inputs(n), neverCompletes,
                    width(width).taskTimeout(timeout).build());

            // no future ever completes by itself: that all six ran proves slots were freed and reused
            assertEquals(n, result.summary().timedOut());
            assertEquals(n, futures.cancels.get());
            assertTrue(futures.maxOutstanding.get() <= bound,
                    "saw " + futures.maxOutstanding.get() + " futures outstanding with width " + bound);
            result.outcomes().forEach(o -> assertEquals(timeout, assertInstanceOf(Outcome.TimedOut.class, o).limit()));
            assertEquals(0, futures.outstanding.get());
        }
    }

    @Test
    @DisplayName("async form: the deadline cancels the outstanding futures as timed out, the rest never start")
    void asyncDeadlineCancelsOutstandingFutures() throws Exception {
        int n = 10;
        Duration deadline = Duration.ofSeconds(1); // a liveness margin for the first calls to start (see the blocking form)
        try (Futures futures = new Futures()) {
            FanOutResult<Long> result = strategy().gather(inputs(n), async(i -> futures.start()),
                    width(2).deadline(deadline).build());

            assertEquals(StopReason.DEADLINE, result.summary().stopReason());
            assertEquals(n, result.outcomes().size());
            long timedOut = 0;
            for (Outcome<Long> outcome : result.outcomes()) {
                if (outcome instanceof Outcome.TimedOut<Long> t) {
                    assertEquals(deadline, t.limit());
                    timedOut++;
                } else {
                    Outcome.Cancelled<?> c = assertInstanceOf(Outcome.Cancelled.class, outcome);
                    assertFalse(c.timing().started(), "a call outstanding at the deadline must be timed out");
                }
            }
            assertEquals(Math.min(n, capabilities().effectiveWidth(2)), timedOut);
            assertEquals(timedOut, futures.cancels.get());
            assertEquals(0, futures.outstanding.get());
        }
    }

    @Test
    @DisplayName("async form: fail-fast raises the first failure and cancels every outstanding future")
    void asyncFailFastCancelsOutstandingFutures() throws Exception {
        int n = 20;
        int siblings = Math.min(capabilities().effectiveWidth(4) - 1, 3);
        try (Futures futures = new Futures()) {
            CompletableFuture<Void> siblingsOutstanding = new CompletableFuture<>();
            if (siblings == 0) {
                siblingsOutstanding.complete(null);
            }
            AtomicInteger startedSiblings = new AtomicInteger();
            AsyncFanOutTask<Long, Long> task = async(i -> {
                Futures.Pending<Long> future = futures.start();
                if (i == 0) {
                    siblingsOutstanding.thenRun(() -> future.fail(new IllegalStateException("the first failure")));
                } else if (startedSiblings.incrementAndGet() == siblings) {
                    siblingsOutstanding.complete(null);
                }
                return future; // a sibling's never completes: fail-fast must cancel it
            });

            FanOutException e = assertThrows(FanOutException.class, () -> strategy().gather(inputs(n), task,
                    width(4).failurePolicy(FailurePolicy.FAIL_FAST).build()));
            int outstandingAtReturn = futures.outstanding.get();

            assertEquals(0, outstandingAtReturn, "a future was still outstanding when the call returned");
            assertEquals(StopReason.FAILED_FAST, e.reason());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("the first failure", e.getCause().getMessage());
            assertEquals(n, e.outcomes().size());
            assertInstanceOf(Outcome.Failure.class, e.outcomes().get(0));
            for (Outcome<?> outcome : e.outcomes().subList(1, n)) {
                assertInstanceOf(Outcome.Cancelled.class, outcome, "input " + outcome.index());
            }
            assertTrue(startedSiblings.get() >= siblings);
            assertEquals(startedSiblings.get(), futures.cancels.get(), "every outstanding sibling must be cancelled");
        }
    }

    @Test
    @DisplayName("async form: caller interrupt cancels every outstanding future; none outstanding, no thread left")
    void asyncCallerInterruptCancelsEveryFuture() throws Exception {
        int n = 50;
        int expectOutstanding = Math.min(capabilities().effectiveWidth(4), 4);
        try (Futures futures = new Futures()) {
            CountDownLatch outstandingEnough = new CountDownLatch(expectOutstanding);
            AsyncFanOutTask<Long, Long> task = async(i -> {
                Futures.Pending<Long> future = futures.start();
                outstandingEnough.countDown();
                return future;
            });
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicInteger outstandingAtReturn = new AtomicInteger(-1);
            Thread caller = Thread.ofPlatform().name("contract-caller").start(() -> {
                try {
                    strategy().gather(inputs(n), task, width(4).build());
                } catch (Throwable t) {
                    thrown.set(t);
                } finally {
                    outstandingAtReturn.set(futures.outstanding.get());
                }
            });

            await(outstandingEnough, expectOutstanding + " futures outstanding");
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));

            assertFalse(caller.isAlive(), "the interrupted call did not return");
            assertInstanceOf(InterruptedException.class, thrown.get());
            assertEquals(0, outstandingAtReturn.get(), "a future was still outstanding when the call returned");
            assertTrue(futures.cancels.get() >= expectOutstanding);
            List<String> leftovers = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive).map(Thread::getName)
                    .filter(name -> name.startsWith("fanout-" + strategy().name() + "-")).toList();
            assertEquals(List.of(), leftovers, "platform threads of the strategy left behind");
        }
    }

    @Test
    @DisplayName("async form: stream delivers outcomes in the order the futures complete")
    void asyncStreamDeliversInCompletionOrder() throws Exception {
        assumeTrue(capabilities().completionOrder(), strategy().name() + " preserves input order by design");
        int n = RELEASE_ORDER.length;
        assumeTrue(capabilities().effectiveWidth(n) >= n,
                strategy().name() + " runs one call at a time, so completion order is input order");
        try (Futures futures = new Futures()) {
            Map<Long, Futures.Pending<Long>> byIndex = new ConcurrentHashMap<>();
            CountDownLatch allOutstanding = new CountDownLatch(n);
            CountDownLatch[] decided = ChosenOrder.latches(n);
            AsyncFanOutTask<Long, Long> task = async(i -> {
                Futures.Pending<Long> future = futures.start();
                byIndex.put(i, future);
                allOutstanding.countDown();
                return future;
            });
            AtomicReference<Throwable> releaserError = new AtomicReference<>();
            Thread releaser = Thread.ofPlatform().start(() -> {
                try {
                    await(allOutstanding, "all " + n + " futures outstanding");
                    for (long k : RELEASE_ORDER) {
                        byIndex.get(k).succeed(k);
                        await(decided[(int) k], "outcome of input " + k);
                    }
                } catch (Throwable t) {
                    releaserError.set(t);
                }
            });
            FanOutOptions options = width(n).progress(new ProgressListener() {
                @Override
                public void taskFinished(Outcome<?> outcome, Progress progress) {
                    decided[(int) outcome.index()].countDown();
                }
            }).build();
            List<Long> delivered = new ArrayList<>();
            strategy().stream(inputs(n).iterator(), task, options, o -> delivered.add(o.index()));
            releaser.join();
            assertEquals(null, releaserError.get());
            assertEquals(List.of(3L, 1L, 4L, 0L, 2L), delivered);
        }
    }

    @Test
    @DisplayName("async form: an endless iterator is read lazily: never more than width + read-ahead ahead")
    void asyncEndlessInputIsReadLazily() throws Exception {
        assumeTrue(capabilities().readsLazily(), strategy().name() + " reads its whole input first, by nature");
        int width = 8;
        long limit = capabilities().effectiveWidth(width) + (long) capabilities().readAhead();
        try (Futures futures = new Futures()) {
            AtomicLong read = new AtomicLong();
            AtomicLong maxAhead = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Iterator<Long> endless = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return !stop.get();
                }

                @Override
                public Long next() {
                    long index = read.incrementAndGet() - 1;
                    maxAhead.accumulateAndGet(read.get() - futures.ended.get(), Math::max);
                    return index;
                }
            };
            AtomicLong delivered = new AtomicLong();
            RunSummary summary = strategy().stream(endless, async(i -> futures.<Long>start().succeed(i)),
                    width(width).build(), o -> {
                        if (delivered.incrementAndGet() >= 2_000) {
                            stop.set(true);
                        }
                    });

            assertTrue(maxAhead.get() <= limit, "read " + maxAhead.get() + " ahead; the limit is " + limit);
            assertEquals(read.get(), summary.read());
            assertEquals(read.get(), delivered.get());
            assertEquals(read.get(), summary.succeeded());
            assertEquals(StopReason.COMPLETED, summary.stopReason());
        }
    }

    // ================================================================== 11. start order
    //
    // A bounded strategy hands its slots out in input order: a slot freed goes to the earliest
    // input still waiting for one, never to a later input that happens to be scheduled first. So
    // input k starts only once k - width + 1 inputs have ended (the k-th slot is the one the
    // (k - width + 1)-th end hands back), tasks that wait for an earlier input cannot starve it,
    // and at width 1 the calls run, and their outcomes are delivered, in input order whatever ends
    // them. A promise about interleavings: the stress mode (ContractRepetition) tries it many times.

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {1, 3, 8})
    @DisplayName("start order: input k starts only after k - width + 1 inputs have ended (slots go out in input order)")
    void slotsGoToInputsInInputOrder(int width) throws Exception {
        assumeTrue(capabilities().width() != Capabilities.Width.UNBOUNDED,
                strategy().name() + " is unbounded by nature (Capabilities.Width.UNBOUNDED): every input starts at once");
        int bound = capabilities().effectiveWidth(width);
        int n = 600; // far more than width + read-ahead: many inputs wait for a slot at once
        AtomicLong ended = new AtomicLong();
        List<String> overtakers = java.util.Collections.synchronizedList(new ArrayList<>());
        FanOutTask<Long, Long> task = i -> {
            long endedBefore = ended.get();
            if (i >= bound + endedBefore && overtakers.size() < 5) {
                overtakers.add("input " + i + " started when only " + endedBefore + " had ended");
            }
            try {
                if (i % 5 == 0) {
                    Thread.yield(); // let a later input's thread reach its slot meanwhile
                }
                return i;
            } finally {
                ended.incrementAndGet();
            }
        };

        FanOutResult<Long> result = strategy().gather(inputs(n), task, width(width).build());

        assertTrue(result.allSucceeded(), () -> "a task failed: " + firstNonSuccess(result));
        assertEquals(List.of(), overtakers, "width " + bound + ": a later input took a slot an earlier one was waiting for");
    }

    @Test
    @DisplayName("start order, width 1: outcomes are delivered in input order whether a call succeeds, fails or times out")
    void atWidthOneOutcomesComeInInputOrderWhateverEndsThem() throws Exception {
        assumeTrue(capabilities().width() != Capabilities.Width.UNBOUNDED, strategy().name() + " is unbounded by nature");
        int n = 24;
        AtomicInteger interrupts = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> switch ((int) (i % 4)) {
            case 1 -> throw new IllegalStateException("boom " + i);
            case 2 -> blockUntilInterrupted(interrupts);
            default -> i;
        };
        List<Outcome<Long>> delivered = new ArrayList<>();
        strategy().stream(inputs(n).iterator(), task, width(1).taskTimeout(Duration.ofMillis(20)).build(), delivered::add);

        assertEquals(inputs(n), delivered.stream().map(Outcome::index).toList(), "delivered in input order");
        for (Outcome<Long> outcome : delivered) {
            // a quick task may time out too on a busy machine: what ends it is not the point, the order is
            Class<?> expected = switch ((int) (outcome.index() % 4)) {
                case 1 -> Outcome.Failure.class;
                case 2 -> Outcome.TimedOut.class;
                default -> Outcome.Success.class;
            };
            assertTrue(expected.isInstance(outcome) || outcome instanceof Outcome.TimedOut, "input " + outcome.index() + ": " + outcome);
        }
        assertEquals(n / 4, interrupts.get(), "every blocked task was interrupted by its timeout");
    }

    @Test
    @DisplayName("start order, width 1, fail-fast: every input before the failure ran and succeeded; the rest never started; delivered in input order")
    void atWidthOneFailFastCancelsOnlyWhatComesAfterTheFailure() throws Exception {
        assumeTrue(capabilities().width() != Capabilities.Width.UNBOUNDED, strategy().name() + " is unbounded by nature");
        int failing = 3;
        FanOutTask<Long, Long> task = i -> {
            if (i == failing) {
                throw new IllegalStateException("input " + i + " fails");
            }
            return i;
        };
        List<Outcome<Long>> delivered = new ArrayList<>();
        FanOutException e = assertThrows(FanOutException.class, () -> strategy().stream(inputs(200).iterator(), task,
                width(1).failurePolicy(FailurePolicy.FAIL_FAST).build(), delivered::add));

        assertEquals("input " + failing + " fails", e.getCause().getMessage());
        assertEquals(inputs(delivered.size()), delivered.stream().map(Outcome::index).toList(), "delivered in input order");
        for (Outcome<Long> outcome : delivered) {
            long i = outcome.index();
            if (i < failing) {
                assertInstanceOf(Outcome.Success.class, outcome, "input " + i + " comes before the failure");
            } else if (i == failing) {
                assertInstanceOf(Outcome.Failure.class, outcome);
            } else {
                assertInstanceOf(Outcome.Cancelled.class, outcome, "input " + i);
                assertFalse(outcome.timing().started(), "input " + i + " started after the failure at width 1");
            }
        }
    }

    @Test
    @DisplayName("start order, width 1: the deadline's outcomes are delivered in input order too (the running call's before the cancelled ones)")
    void atWidthOneTheDeadlineDeliversInInputOrder() throws Exception {
        assumeTrue(capabilities().width() != Capabilities.Width.UNBOUNDED, strategy().name() + " is unbounded by nature");
        int quick = 5; // inputs 0 to 4 return at once, the rest block until interrupted: the deadline stops one of them
        AtomicInteger interrupts = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> i < quick ? i : blockUntilInterrupted(interrupts);
        List<Outcome<Long>> delivered = new ArrayList<>();
        RunSummary summary = strategy().stream(inputs(200).iterator(), task,
                width(1).deadline(Duration.ofMillis(100)).build(), delivered::add);

        assertEquals(StopReason.DEADLINE, summary.stopReason());
        assertEquals(inputs(delivered.size()), delivered.stream().map(Outcome::index).toList(), "delivered in input order");
        long stoppedWhileRunning = 0;
        for (Outcome<Long> outcome : delivered) {
            long i = outcome.index();
            if (!outcome.timing().started()) {
                assertInstanceOf(Outcome.Cancelled.class, outcome, "input " + i);
            } else if (!(outcome instanceof Outcome.Success<Long>)) {
                stoppedWhileRunning++;
                assertFalse(outcome instanceof Outcome.Failure, "input " + i + " was stopped by the deadline: " + outcome);
            } else {
                assertTrue(i < quick, "input " + i + " blocks until the deadline stops it: " + outcome);
            }
        }
        assertTrue(stoppedWhileRunning <= 1, "at width 1 at most one input was running when the deadline passed");
        assertEquals(delivered.stream().filter(o -> o.index() >= quick && o.timing().started()).count(), interrupts.get());
    }

    @Test
    @DisplayName("start order: two early inputs that must meet always get slots, however many later inputs wait (no stall behind later inputs)")
    void earlyInputsThatMustMeetAreNotStarvedByLaterOnes() throws Exception {
        assumeTrue(capabilities().effectiveWidth(8) >= 2, strategy().name() + " runs one task at a time: no two inputs can meet");
        CountDownLatch met = new CountDownLatch(2);
        AtomicInteger interrupts = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> {
            if (i < 2) {
                met.countDown();
                if (!met.await(MEETING_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("inputs 0 and 1 never ran together: later inputs held every slot");
                }
                if (i == 1) {
                    throw new IllegalStateException("met");
                }
                return i;
            }
            return blockUntilInterrupted(interrupts);
        };
        FanOutException e = assertThrows(FanOutException.class, () -> strategy().gather(inputs(200), task,
                width(8).failurePolicy(FailurePolicy.FAIL_FAST).build()));

        assertEquals("met", e.getCause().getMessage());
    }

    /** How long the meeting test waits for its two inputs to meet: a stall, not a slow machine, if exceeded. */
    private static final long MEETING_SECONDS = 10;

    // ================================================================== 12. what the run stopped is the run's

    @Test
    @DisplayName("fail-fast: a sibling that answers the interrupt with an error of its own (a reset connection) is Cancelled, not a Failure")
    void failFastSiblingThatThrowsOnInterruptIsCancelled() throws Exception {
        assumeTrue(capabilities().effectiveWidth(4) >= 4,
                strategy().name() + " runs one task at a time: no sibling runs when the failure comes");
        int siblings = 3;
        CountDownLatch siblingsRunning = new CountDownLatch(siblings);
        FanOutTask<Long, Long> task = i -> {
            if (i == 0) {
                await(siblingsRunning, siblings + " siblings running");
                throw new IllegalStateException("the first failure");
            }
            if (i <= siblings) {
                siblingsRunning.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException closedUnderIt) {
                    // as a client does when the run closes its socket: its own error, no cause
                    throw new IOException("connection reset");
                }
            }
            return i;
        };

        FanOutException e = assertThrows(FanOutException.class, () -> strategy().gather(inputs(20), task,
                width(4).failurePolicy(FailurePolicy.FAIL_FAST).build()));

        assertEquals("the first failure", e.getCause().getMessage());
        assertEquals(List.of(), List.of(e.getSuppressed()), "the siblings' errors are the run's doing, not failures");
        for (Outcome<?> outcome : e.outcomes().subList(1, siblings + 1)) {
            Outcome.Cancelled<?> cancelled = assertInstanceOf(Outcome.Cancelled.class, outcome, "input " + outcome.index());
            assertTrue(cancelled.timing().started(), "input " + outcome.index() + " was running when it was cancelled");
        }
        assertEquals(1, e.summary().failed());
    }

    // ================================================================== 13. a requests-per-second limit
    // FanOutOptions.rate: a call starts only when it holds both a slot and a permit. Tested against a
    // clock the test moves by hand, so what is checked is the limiter's arithmetic, not timings.

    /**
     * Starts as many calls as the rate allows, moving the run's clock one permit interval at a
     * time and only once every permit due so far is used, and checks every start against the
     * clock: no stretch of the clock ever holds more than {@code burst + rate * length} starts.
     */
    @ParameterizedTest(name = "{0} task")
    @ValueSource(strings = {"blocking", "async"})
    @DisplayName("rate: starts never outrun the token bucket, on the run's own clock")
    void rateLimitsStartsOnTheRunsClock(String form) throws Exception {
        Rate rate = new Rate(10, 3); // a permit every 100 ms of the run's clock, three at once
        long interval = rate.intervalNanos();
        int n = 12;
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        long origin = clock.get();
        AtomicInteger started = new AtomicInteger();
        List<String> early = java.util.Collections.synchronizedList(new ArrayList<>());
        FanOutTask<Long, Long> blocking = i -> {
            int k = started.incrementAndGet();
            long allowed = rate.burst() + (clock.get() - origin) / interval;
            if (k > allowed) {
                early.add("start " + k + " with " + allowed + " permits due");
            }
            return i;
        };
        FanOutTask<Long, Long> task = form.equals("async")
                ? async(i -> CompletableFuture.completedFuture(blocking.call(i))) : blocking;
        FanOutOptions options = width(4).rate(rate).clock(clock::get).build();
        AtomicReference<FanOutResult<Long>> result = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("contract-rate-caller").start(() -> {
            try {
                result.set(strategy().gather(inputs(n), task, options));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });

        for (int step = 0; started.get() < n; step++) {
            int due = Math.min(n, rate.burst() + step);
            awaitCount(started, due, "start " + due + " once its permit was due");
            clock.addAndGet(interval);
        }
        caller.join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));

        assertFalse(caller.isAlive(), "the run did not return");
        assertEquals(null, thrown.get());
        assertEquals(List.of(), early, "calls started before their permit");
        assertTrue(result.get().allSucceeded(), () -> "a task failed: " + firstNonSuccess(result.get()));
        long[] starts = result.get().outcomes().stream().mapToLong(o -> o.timing().startedNanos()).sorted().toArray();
        for (int i = 0; i < starts.length; i++) {
            for (int j = i; j < starts.length; j++) {
                long allowed = rate.burst() + (starts[j] - starts[i]) / interval;
                assertTrue(j - i + 1 <= allowed, (j - i + 1) + " starts within " + (starts[j] - starts[i])
                        + " ns of the run's clock; the bucket allows " + allowed);
            }
        }
    }

    private static void awaitCount(AtomicInteger count, int atLeast, String what) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS);
        while (count.get() < atLeast) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("gave up after " + LIVENESS_SECONDS + " s waiting for " + what
                        + " (" + count.get() + " of " + atLeast + ")");
            }
            Thread.sleep(1);
        }
    }

    @Test
    @DisplayName("rate: below one call per deadline, the run ends at the deadline with the waiting calls cancelled")
    void rateTooLowForTheDeadlineEndsInCancelledCalls() throws Exception {
        Rate twoAnHour = new Rate(1.0 / 3600, 2);
        int n = 10;
        FanOutResult<Long> result = strategy().gather(inputs(n), i -> i,
                width(4).rate(twoAnHour).deadline(Duration.ofMillis(300)).build());

        assertEquals(StopReason.DEADLINE, result.summary().stopReason());
        assertEquals(n, result.outcomes().size());
        // the burst may start (a slow first run may meet its deadline before it reads anything); nothing more
        assertTrue(result.summary().succeeded() <= twoAnHour.burst(), "started beyond the burst: " + result.summary());
        assertEquals(n, result.summary().succeeded() + result.summary().cancelled());
        for (Outcome<Long> outcome : result.outcomes()) {
            if (!(outcome instanceof Outcome.Success<Long>)) {
                Outcome.Cancelled<?> c = assertInstanceOf(Outcome.Cancelled.class, outcome);
                assertFalse(c.timing().started(), "a call without a permit must not start");
            }
        }
    }

    @Test
    @DisplayName("rate: the caller's interrupt frees calls waiting for a permit: InterruptedException, no hang")
    void callerInterruptFreesCallsWaitingForAPermit() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("contract-rate-caller").start(() -> {
            try {
                strategy().gather(inputs(20), i -> {
                    firstStarted.countDown();
                    return i;
                }, width(4).rate(new Rate(1.0 / 3600, 1)).build());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });

        await(firstStarted, "the one call with a permit");
        Thread.sleep(50); // not needed for the assertion: lets the others reach their wait for a permit
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));

        assertFalse(caller.isAlive(), "the interrupted call did not return");
        assertInstanceOf(InterruptedException.class, thrown.get());
    }

    @Test
    @DisplayName("rate: fail-fast frees calls waiting for a permit: they are cancelled, never started")
    void failFastFreesCallsWaitingForAPermit() throws Exception {
        AtomicInteger started = new AtomicInteger();
        FanOutTask<Long, Long> task = i -> {
            started.incrementAndGet();
            throw new IOException("refused: " + i);
        };
        FanOutException e = assertThrows(FanOutException.class, () -> strategy().gather(inputs(20), task,
                width(4).failFast(true).rate(new Rate(1.0 / 3600, 1)).build()));

        assertEquals(1, started.get(), "only the call with the one permit may start");
        assertEquals(StopReason.FAILED_FAST, e.summary().stopReason());
        assertEquals(1, e.summary().failed());
        assertEquals(19, e.summary().cancelled(), "every other input is cancelled");
    }

    @Test
    @DisplayName("rate: a call's task timeout counts from its start, not from its wait for a permit")
    void taskTimeoutCountsFromTheStartNotTheWaitForAPermit() throws Exception {
        AtomicLong clock = new AtomicLong();
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicReference<FanOutResult<Long>> result = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("contract-rate-caller").start(() -> {
            try {
                result.set(strategy().gather(inputs(2), i -> {
                    firstStarted.countDown();
                    return i;
                }, width(2).rate(new Rate(1, 1)).taskTimeout(Duration.ofMillis(50)).clock(clock::get).build()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await(firstStarted, "the call with the first permit");
        Thread.sleep(200); // the second call waits for its permit four times longer than its timeout
        clock.addAndGet(new Rate(1, 1).intervalNanos());
        caller.join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));

        assertFalse(caller.isAlive(), "the run did not return");
        assertTrue(result.get().allSucceeded(), () -> "a call timed out while it waited: " + firstNonSuccess(result.get()));
    }
}
