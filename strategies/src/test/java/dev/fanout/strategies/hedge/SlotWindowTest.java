package dev.fanout.strategies.hedge;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The slots, driven from one thread: every acquire here finds a slot free, so nothing waits. */
class SlotWindowTest {

    /** A hedge whose claims answer from a script. */
    private static final class Scripted implements SlotWindow.Hedge {
        final Deque<SlotWindow.Claim> answers = new ArrayDeque<>();

        Scripted(SlotWindow.Claim... answers) {
            this.answers.addAll(java.util.List.of(answers));
        }

        @Override
        public SlotWindow.Claim claimHedge() {
            return answers.isEmpty() ? SlotWindow.Claim.GONE : answers.poll();
        }
    }

    @Test
    void slotsAreMadeOnlyWhenNoneIsFreeAndComeBackForReuse() throws Exception {
        SlotWindow<Scripted> window = new SlotWindow<>(1_000);
        assertEquals(0, window.acquire());
        assertEquals(1, window.acquire());
        assertNull(window.release(0));
        assertEquals(0, window.acquire(), "a freed slot is used before a new one is made");
        assertEquals(2, window.acquire());
    }

    @Test
    void aHedgeTakesAFreeSlotOrIsHeldBackOrIsGone() throws Exception {
        SlotWindow<Scripted> window = new SlotWindow<>(2);
        assertEquals(0, window.acquire());
        assertEquals(1, window.offer(new Scripted(SlotWindow.Claim.CLAIMED)));
        window.release(1);
        assertEquals(SlotWindow.HELD_BACK, window.offer(new Scripted(SlotWindow.Claim.HELD_BACK)));
        assertEquals(SlotWindow.QUEUED_OR_GONE, window.offer(new Scripted(SlotWindow.Claim.GONE)));
    }

    @Test
    void aFreedSlotGoesToTheFirstWaitingHedgeThatCanStillBeClaimed() throws Exception {
        SlotWindow<Scripted> window = new SlotWindow<>(2);
        int a = window.acquire();
        int b = window.acquire();
        Scripted decidedMeanwhile = new Scripted(SlotWindow.Claim.GONE);
        Scripted stillLate = new Scripted(SlotWindow.Claim.CLAIMED);
        assertEquals(SlotWindow.QUEUED_OR_GONE, window.offer(decidedMeanwhile), "full: it waits");
        assertEquals(SlotWindow.QUEUED_OR_GONE, window.offer(stillLate), "full: it waits");
        assertSame(stillLate, window.release(a), "the first waiting hedge is gone; the next one gets the slot");
        assertNull(window.release(b), "no hedge waits: the slot is free for the next input");
        assertEquals(b, window.acquire());
        assertThrows(IllegalArgumentException.class, () -> new SlotWindow<Scripted>(0));
    }
}
