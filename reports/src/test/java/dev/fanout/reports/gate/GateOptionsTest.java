package dev.fanout.reports.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateOptionsTest {

    @Test
    void parsesPercentagesAndFractions() {
        assertEquals(0.10, GateOptions.parseTolerance("10%"), 1e-12);
        assertEquals(0.10, GateOptions.parseTolerance("0.1"), 1e-12);
        assertEquals(0.025, GateOptions.parseTolerance(" 2.5 % "), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "10%%", "", "  ", "0", "0%", "-5%", "100%", "150%", "1", "NaN", "Infinity"})
    void rejectsBadToleranceNamingTheOption(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GateOptions.parseTolerance(text));
        assertTrue(e.getMessage().startsWith("--tolerance: "), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void aWholeNumberWithoutPercentIsOutOfRangeWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GateOptions.parseTolerance("10"));
        assertTrue(e.getMessage().endsWith("did you mean 10%?"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GateOptions.parseTolerance(null));
    }

    @Test
    void builderChecksNameTheArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GateOptions.builder().tolerance(1.5))
                .getMessage().startsWith("tolerance "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GateOptions.builder().tolerance(Double.NaN))
                .getMessage().startsWith("tolerance "));
        assertEquals("peerParameter", assertThrows(NullPointerException.class, () -> GateOptions.builder().peerParameter(null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GateOptions.builder().peerParameter(" "))
                .getMessage().startsWith("peerParameter "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GateOptions.builder().strategyParameter(" "))
                .getMessage().startsWith("strategyParameter "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GateOptions.builder().peerParameter("strategy").build())
                .getMessage().startsWith("strategyParameter and peerParameter must differ"));
    }

    @Test
    void defaults() {
        GateOptions options = GateOptions.defaults();
        assertEquals(0.10, options.tolerance());
        assertEquals("strategy", options.strategyParameter());
        assertEquals("peer", options.peerParameter());
        assertFalse(options.failOnHarness());
        assertEquals(0.20, options.harnessTolerance(), 1e-12);
        assertEquals("tolerance 10%, strategies named by strategy, peers by peer, a slower harness is shown", options.toString());
        assertEquals("2.5%", GateOptions.percent(0.025));
    }
}
