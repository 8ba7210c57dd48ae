package dev.fanout.strategies.hedge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The bookkeeping of one input's attempts: its first attempt, at most one hedge, and which of them
 * decides the input's outcome. Guarded by its own monitor; it only records and answers, so the
 * caller acts (interrupts, decides the outcome) outside the lock. The rules:
 * <ul>
 *   <li>One hedge at most, claimed only while the input is undecided, not cancelled, its first
 *       attempt still running and the run going on, and only if the throttle and the budget allow.</li>
 *   <li>The first success decides. A failure decides only when no other attempt still runs (or the
 *       input was cancelled), so a hedge that fails never turns a success into a failure; when both
 *       fail, the first failure is the one reported.</li>
 *   <li>An attempt that ends after the input is decided lost the race: it is not an outcome.</li>
 * </ul>
 */
public final class Attempts {

    /** {@link #primaryStart} or {@link #hedgeStart} before that attempt began. */
    public static final long NOT_BEGUN = Long.MIN_VALUE;

    /**
     * How an attempt's end counts; see {@link #ended}.
     *
     * @param reachedByCancel whether the run's cancellation came while this attempt still ran, so
     *                        its interrupt went to the attempt's thread; if not, the attempt ended
     *                        before the cancellation reached it, whatever it threw
     */
    public record Ending(boolean decides, boolean lostRace, Throwable decisive, Thread loser, boolean lingers,
                         boolean reachedByCancel) {
    }

    /** Hears the first time a hedge of this input is held back, and by what. */
    @FunctionalInterface
    public interface HeldBack {
        void first(boolean byOverload);
    }

    /** When the first attempt began (the run's clock), or {@link #NOT_BEGUN}. */
    public volatile long primaryStart = NOT_BEGUN;
    /** When the hedge began, or {@link #NOT_BEGUN}. */
    public volatile long hedgeStart = NOT_BEGUN;
    /** The sweeper's own mark: it has offered this input's hedge and is not to offer it again. */
    public volatile boolean considered;
    private volatile boolean primaryEnded;
    private volatile boolean decided;

    // guarded by this
    private Thread primary;
    private Thread hedge;
    private int running = 1;
    private boolean hedged;
    private boolean cancelled;
    private boolean heldBack;
    private Throwable firstError;

    /** @return whether there is nothing left to hedge: decided, or the first attempt ended */
    public boolean settled() {
        return decided || primaryEnded;
    }

    /** The run stops this input: @return the attempts' threads to interrupt */
    public synchronized List<Thread> cancel() {
        cancelled = true;
        return threads(primary, hedge);
    }

    /**
     * @param all           every attempt still running, or only those begun before {@code startedBefore}
     * @param startedBefore the run's clock
     * @return the threads of the attempts to interrupt as losers
     */
    public synchronized List<Thread> losers(boolean all, long startedBefore) {
        Thread p = all || primaryStart - startedBefore < 0 ? primary : null;
        Thread h = all || hedgeStart != NOT_BEGUN && hedgeStart - startedBefore < 0 ? hedge : null;
        return threads(p, h);
    }

    /**
     * Claims the hedge. A hedge held back is offered again at a later sweep ({@link #considered}
     * is cleared): the budget grows with every call started, the throttle with every success.
     *
     * @param runStopping whether the run is cancelling
     */
    public synchronized SlotWindow.Claim claimHedge(boolean runStopping, BooleanSupplier throttled,
                                                    BooleanSupplier budget, HeldBack heldBackBy) {
        if (hedged || decided || cancelled || primaryEnded || runStopping) {
            return SlotWindow.Claim.GONE;
        }
        boolean overload = throttled.getAsBoolean();
        if (overload || !budget.getAsBoolean()) {
            if (!heldBack) {
                heldBack = true;
                heldBackBy.first(overload);
            }
            considered = false;
            return SlotWindow.Claim.HELD_BACK;
        }
        hedged = true;
        running++;
        return SlotWindow.Claim.CLAIMED;
    }

    /** The first attempt's thread, known before its call begins, so a cancellation always reaches it. */
    public synchronized void primaryOn(Thread thread) {
        primary = thread;
    }

    /** The first attempt never began: the run cancelled the input first, and has decided it. */
    public synchronized void primaryNeverBegan() {
        primary = null;
        running--;
        primaryEnded = true;
        decided = true;
    }

    /** @return whether the hedge may run on this thread (the input is still undecided and not cancelled) */
    public synchronized boolean hedgeOn(Thread thread) {
        boolean go = !decided && !cancelled;
        if (go) {
            hedge = thread;
        }
        return go;
    }

    /**
     * An attempt ended.
     *
     * @param cancelLosers whether a losing attempt still running is interrupted at once (else it lingers)
     */
    public Ending ended(boolean isHedge, Throwable error, boolean cancelLosers) {
        synchronized (this) {
            running--;
            if (isHedge) {
                hedge = null; // no later interrupt may reach this thread
            } else {
                primary = null;
                primaryEnded = true;
            }
            if (decided) {
                return new Ending(false, true, error, null, false, cancelled); // the other attempt answered first
            }
            if (error != null && running > 0 && !cancelled) {
                if (firstError == null) {
                    firstError = error; // a failure while the other attempt may still succeed: wait for it
                }
                return new Ending(false, false, error, null, false, cancelled);
            }
            decided = true;
            Thread other = isHedge ? primary : hedge;
            Throwable decisive = error != null && firstError != null ? firstError : error;
            return new Ending(true, false, decisive, cancelLosers ? other : null, !cancelLosers && other != null, cancelled);
        }
    }

    private static List<Thread> threads(Thread a, Thread b) {
        List<Thread> threads = new ArrayList<>(2);
        if (a != null) {
            threads.add(a);
        }
        if (b != null) {
            threads.add(b);
        }
        return threads;
    }
}
