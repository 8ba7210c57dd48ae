package dev.fanout.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencySpecMedianTest {

    @ParameterizedTest(name = "{0} has median {1} ms")
    @CsvSource(delimiter = ';', value = {
            "fixed:20ms; 20",
            "fixed:500us; 0.5",
            "fixed:1.5s; 1500",
            "uniform:10ms..30ms; 20",
            "uniform:1ms..2s; 1000.5",
            "lognormal:20ms,p99=200ms; 20",
            "bimodal:10ms,500ms,0.01; 10",
            "bimodal:10ms,500ms,0.9; 500",
            "bimodal:10ms,30ms,0.5; 20",
            " FIXED:20MS ; 20"})
    void medianOfEachShape(String spec, double medianMs) {
        assertEquals(medianMs, LatencySpecMedian.parse(spec).medianMs(), 1e-9);
    }

    @Test
    void onlyFixedIsFixed() {
        assertTrue(LatencySpecMedian.parse("fixed:20ms").fixed());
        assertFalse(LatencySpecMedian.parse("uniform:10ms..30ms").fixed());
        assertFalse(LatencySpecMedian.parse("lognormal:20ms,p99=200ms").fixed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fixed", "fixed:20", "fixed:20min", "gauss:20ms", "uniform:10ms", "bimodal:10ms,500ms,1.5",
            "lognormal:20ms", "fixed:-1ms"})
    void anythingElseIsRefusedByName(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatencySpecMedian.parse(spec));
        assertTrue(e.getMessage().contains("'" + spec + "'"), e.getMessage());
    }
}
