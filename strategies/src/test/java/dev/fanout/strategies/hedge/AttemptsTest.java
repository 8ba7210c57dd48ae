package dev.fanout.strategies.hedge;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One input's attempts, with threads that are never started: only who decides, and who is interrupted. */
class AttemptsTest {

    private final Thread primary = Thread.ofVirtual().unstarted(() -> { });
    private final Thread hedge = Thread.ofVirtual().unstarted(() -> { });
    private final List<Boolean> heldBack = new ArrayList<>();

    private SlotWindow.Claim claim(Attempts a, boolean stopping, boolean throttled, boolean budget) {
        return a.claimHedge(stopping, () -> throttled, () -> budget, heldBack::add);
    }

    private Attempts hedged() {
        Attempts a = new Attempts();
        a.primaryOn(primary);
        assertEquals(SlotWindow.Claim.CLAIMED, claim(a, false, false, true));
        assertTrue(a.hedgeOn(hedge));
        return a;
    }

    @Test
    void theFirstSuccessDecidesAndTheLoserLingersOrIsInterrupted() {
        Attempts lingering = hedged();
        Attempts.Ending won = lingering.ended(true, null, false);
        assertTrue(won.decides());
        assertTrue(won.lingers(), "the primary runs on, holding its slot");
        assertNull(won.loser());
        assertTrue(lingering.ended(false, null, false).lostRace());

        Attempts cancelling = hedged();
        assertSame(primary, cancelling.ended(true, null, true).loser());
    }

    @Test
    void aFailureWaitsForTheOtherAttemptAndTheFirstFailureIsReported() {
        Attempts a = hedged();
        IOException first = new IOException("429 from the hedge");
        Attempts.Ending waiting = a.ended(true, first, false);
        assertFalse(waiting.decides(), "the primary may still succeed");
        assertFalse(a.settled());
        Attempts.Ending both = a.ended(false, new IOException("500 from the primary"), false);
        assertTrue(both.decides());
        assertSame(first, both.decisive());

        Attempts saved = hedged();
        saved.ended(true, first, false);
        Attempts.Ending success = saved.ended(false, null, false);
        assertTrue(success.decides());
        assertNull(success.decisive(), "a hedge that failed never turns a success into a failure");
    }

    @Test
    void oneHedgeAtMostAndOnlyWhileTheInputIsLateAndTheRunGoesOn() {
        Attempts a = hedged();
        assertEquals(SlotWindow.Claim.GONE, claim(a, false, false, true), "one hedge only");

        Attempts stopping = new Attempts();
        assertEquals(SlotWindow.Claim.GONE, claim(stopping, true, false, true));

        Attempts ended = new Attempts();
        ended.primaryOn(primary);
        ended.ended(false, null, false);
        assertTrue(ended.settled());
        assertEquals(SlotWindow.Claim.GONE, claim(ended, false, false, true), "decided: nothing to hedge");
    }

    @Test
    void aHedgeHeldBackIsCountedOnceAndOfferedAgain() {
        Attempts a = new Attempts();
        a.primaryOn(primary);
        a.considered = true;
        assertEquals(SlotWindow.Claim.HELD_BACK, claim(a, false, true, true));
        assertFalse(a.considered, "offered again at a later sweep");
        assertEquals(SlotWindow.Claim.HELD_BACK, claim(a, false, false, false));
        assertEquals(List.of(true), heldBack, "counted once, by what held it back first (the throttle)");
        assertEquals(SlotWindow.Claim.CLAIMED, claim(a, false, false, true));
    }

    @Test
    void aCancellationReachesEveryAttemptAndDecidesOnTheFirstEnd() {
        Attempts a = hedged();
        assertEquals(List.of(primary, hedge), a.cancel());
        assertFalse(a.hedgeOn(hedge), "no hedge starts after a cancellation");
        Attempts.Ending cancelled = a.ended(false, new InterruptedException(), false);
        assertTrue(cancelled.decides(), "cancelled: a failure does not wait for the other attempt");
        assertTrue(cancelled.reachedByCancel(), "its thread had the cancellation's interrupt");

        Attempts endedFirst = new Attempts();
        endedFirst.primaryOn(primary);
        Attempts.Ending failedOnItsOwn = endedFirst.ended(false, new IOException("refused"), false);
        assertEquals(List.of(), endedFirst.cancel(), "a cancellation after the end interrupts no thread");
        assertFalse(failedOnItsOwn.reachedByCancel(), "its failure came before the cancellation: it stands");
    }

    @Test
    void losersStartedBeforeATimeAreFoundByTheirStart() {
        Attempts a = hedged();
        a.primaryStart = 100;
        a.hedgeStart = 200;
        assertEquals(List.of(primary), a.losers(false, 150));
        assertEquals(List.of(primary, hedge), a.losers(false, 201));
        assertEquals(List.of(primary, hedge), a.losers(true, 0));
    }
}
