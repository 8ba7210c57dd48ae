package dev.fanout.strategies.hedge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gRPC's retry throttling arithmetic: 10 tokens, 1 per overload, 0.1 back per success, off at half. */
class OverloadThrottleTest {

    @Test
    void fiveOverloadsStopHedgingAndASuccessStartsItAgain() {
        OverloadThrottle throttle = new OverloadThrottle();
        for (int i = 0; i < 4; i++) {
            throttle.answered(false, true);
        }
        assertFalse(throttle.throttled(), "6 tokens left: above half");
        throttle.answered(false, true);
        assertTrue(throttle.throttled(), "5 tokens: at half, no hedge");
        throttle.answered(false, false);
        assertEquals(5_000, throttle.tokens(), "a failure that is no overload leaves the tokens alone");
        throttle.answered(true, false);
        assertFalse(throttle.throttled(), "5.1 tokens: above half again");
    }

    @Test
    void theTokensStayBetweenZeroAndTen() {
        OverloadThrottle throttle = new OverloadThrottle();
        throttle.answered(true, false);
        assertEquals(OverloadThrottle.MAX, throttle.tokens());
        for (int i = 0; i < 30; i++) {
            throttle.answered(false, true);
        }
        assertEquals(0, throttle.tokens());
        for (int i = 0; i < 51; i++) {
            throttle.answered(true, false);
        }
        assertEquals(5_100, throttle.tokens());
    }
}
