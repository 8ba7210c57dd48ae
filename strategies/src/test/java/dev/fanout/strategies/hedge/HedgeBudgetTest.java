package dev.fanout.strategies.hedge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HedgeBudgetTest {

    @Test
    void aHedgePerTwentyCallsAtFivePercent() {
        HedgeBudget budget = new HedgeBudget(0.05);
        assertFalse(budget.take(), "no call started, no hedge");
        for (int i = 0; i < 19; i++) {
            budget.callStarted();
        }
        assertFalse(budget.take(), "19 calls pay for 0.95 of a hedge");
        budget.callStarted();
        assertTrue(budget.take());
        assertFalse(budget.take(), "the one hedge 20 calls pay for is taken");
        for (int i = 0; i < 20; i++) {
            budget.callStarted();
        }
        assertTrue(budget.take(), "a hedge held back fits once more calls have started");
        assertEquals(2, budget.taken());
    }

    @Test
    void zeroNeverHedgesAndOneHedgesEveryCall() {
        HedgeBudget none = new HedgeBudget(0);
        HedgeBudget all = new HedgeBudget(1);
        for (int i = 0; i < 3; i++) {
            none.callStarted();
            all.callStarted();
        }
        assertFalse(none.take());
        assertTrue(all.take() && all.take() && all.take());
        assertFalse(all.take());
        assertEquals("budget must be between 0 and 1, was 1.5",
                assertThrows(IllegalArgumentException.class, () -> new HedgeBudget(1.5)).getMessage());
    }
}
