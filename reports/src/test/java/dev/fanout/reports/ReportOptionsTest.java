package dev.fanout.reports;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportOptionsTest {

    @Test
    void defaultsAreThreeTimesTheMedianAndWidth16() {
        ReportOptions options = ReportOptions.defaults();
        assertEquals(3.0, options.latencyBoundFactor());
        assertEquals(16, options.timelineWidth());
        ReportOptions custom = ReportOptions.builder().latencyBoundFactor(5).timelineWidth(64).build();
        assertEquals(5.0, custom.latencyBoundFactor());
        assertEquals(64, custom.timelineWidth());
    }

    @Test
    void badArgumentsAreNamed() {
        for (double bad : new double[]{0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReportOptions.builder().latencyBoundFactor(bad).build());
            assertTrue(e.getMessage().startsWith("latencyBoundFactor "), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportOptions.builder().timelineWidth(0).build());
        assertTrue(e.getMessage().startsWith("timelineWidth "), e.getMessage());
    }
}
