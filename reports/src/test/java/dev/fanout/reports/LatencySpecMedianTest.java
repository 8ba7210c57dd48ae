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

    @Test
    void aRecordedLatencyHasTheMedianOfItsLog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.HdrHistogram.Histogram micros = new org.HdrHistogram.Histogram(3_600_000_000L, 3);
        for (int i = 1; i <= 99; i++) {
            micros.recordValue(i * 1000L); // 1 ms .. 99 ms: the median is 50 ms
        }
        java.nio.file.Path log = dir.resolve("service.hlog");
        try (java.io.PrintStream out = new java.io.PrintStream(java.nio.file.Files.newOutputStream(log))) {
            org.HdrHistogram.HistogramLogWriter writer = new org.HdrHistogram.HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            writer.outputIntervalHistogram(0, 1, micros, 1000.0);
        }
        LatencySpecMedian spec = LatencySpecMedian.parse("hdr:" + log);
        assertEquals(50.0, spec.medianMs(), 0.05);
        assertFalse(spec.fixed());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LatencySpecMedian.parse("hdr:" + dir.resolve("gone.hlog")))
                .getMessage().contains("gone.hlog"));
    }
}
