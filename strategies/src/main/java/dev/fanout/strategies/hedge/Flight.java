package dev.fanout.strategies.hedge;

import dev.fanout.core.run.Call;

import java.util.concurrent.CancellationException;

/** One input in flight: its attempts' bookkeeping ({@link Attempts}) and what acting on it takes. */
final class Flight<I, R> implements SlotWindow.Hedge {
    final HedgedRun<I, R> owner;
    final Call<I, R> call;
    final Attempts attempts = new Attempts();

    Flight(HedgedRun<I, R> owner, Call<I, R> call) {
        this.owner = owner;
        this.call = call;
    }

    @Override
    public SlotWindow.Claim claimHedge() {
        HedgeCounters c = owner.counters;
        return attempts.claimHedge(owner.run.cancelling(), owner.throttle::throttled, owner.budget::take,
                byOverload -> (byOverload ? c.heldForOverload : c.heldForBudget).increment());
    }

    /** The run's interrupter (a timeout, the deadline, fail-fast, the caller's interrupt): stops every attempt. */
    void cancel() {
        attempts.cancel().forEach(Thread::interrupt);
    }

    /** Interrupts the losing attempts still running (all, or those begun before the given time). */
    void interruptLosers(boolean all, long startedBefore) {
        for (Thread loser : attempts.losers(all, startedBefore)) {
            loser.interrupt();
            owner.counters.losersCancelled.increment();
        }
    }

    /** The first attempt, on its own thread, known before the call begins so the run's interrupter reaches it. */
    void primary() {
        attempts.primaryOn(Thread.currentThread());
        if (!owner.run.begin(call, this::cancel)) {
            attempts.primaryNeverBegan();
            return;
        }
        owner.budget.callStarted();
        attempts.primaryStart = owner.clock.nanoTime();
        run(false);
    }

    /** The hedge, on its own thread: it runs only while the input is undecided and not cancelled. */
    void hedge() {
        if (!attempts.hedgeOn(Thread.currentThread())) {
            ended(true, false, null, new CancellationException("input " + call.index()
                    + ": decided or cancelled before its hedge started"));
            return;
        }
        owner.counters.started.increment();
        attempts.hedgeStart = owner.clock.nanoTime();
        run(true);
    }

    private void run(boolean isHedge) {
        long start = owner.clock.nanoTime();
        R value = null;
        Throwable error = null;
        try {
            value = owner.run.task().call(call.input());
        } catch (Throwable t) {
            error = t;
        }
        long took = owner.clock.nanoTime() - start;
        owner.learn(error, took, ended(isHedge, true, value, error));
    }

    /**
     * @param ran whether the attempt made its call here (a hedge may end before it does)
     * @return whether this attempt decided the input's outcome
     */
    boolean ended(boolean isHedge, boolean ran, R value, Throwable error) {
        HedgeCounters s = owner.counters;
        Attempts.Ending ending = attempts.ended(isHedge, error, owner.policy.cancelLosers());
        if (!ending.decides()) {
            if (ending.lostRace()) {
                owner.lingering.remove(this);
                if (isHedge && ran) {
                    s.lost.increment();
                }
            }
            return false;
        }
        if (ending.lingers()) {
            owner.lingering.add(this); // left to finish, holding its slot
        }
        if (ending.loser() != null) {
            ending.loser().interrupt();
            s.losersCancelled.increment();
        }
        if (isHedge && ran && error == null) {
            s.won.increment();
        }
        R result = error == null ? value : null;
        Throwable failure = error == null ? null : ending.decisive();
        if (ran && ending.reachedByCancel()) {
            // the cancellation's interrupt went to this thread: the run's own rule tells a task that
            // answered it with an error of its own (cancelled) from one that failed before it came
            owner.run.completeOnTaskThread(call, result, failure);
        } else {
            // no cancellation reached this attempt while it ran: what it returned or threw stands
            owner.run.complete(call, result, failure);
        }
        return true;
    }
}
