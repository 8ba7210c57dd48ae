package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.SleepLedger;
import dev.fanout.benchmarks.server.SleepRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdealMakespanTest {

    private static SleepRecord slept(long... millis) {
        SleepLedger ledger = new SleepLedger();
        for (long ms : millis) {
            ledger.record(ms * 1_000_000, ms * 1_000_000);
        }
        return ledger.drain();
    }

    @Test
    void aFixedLatencyTakesAsManyRoundsAsTheWidthAllows() {
        assertEquals(60.0, IdealMakespan.idealMs(slept(20, 20, 20, 20, 20), 5, 2), 1e-9, "3 rounds of 20 ms");
        assertEquals(20.0, IdealMakespan.idealMs(slept(20, 20, 20), 3, 16), 1e-9, "one round");
        assertEquals(60.0, IdealMakespan.idealMs(slept(20, 20, 20), 3, 1), 1e-9, "one after another");
    }

    @Test
    void theIdealComesFromWhatWasReallySleptAndIsATrueLowerBound() {
        // three calls at width 2 that slept 10, 10 and 1 ms can finish in 11 ms: the ideal must not exceed that
        double ideal = IdealMakespan.idealMs(slept(10, 10, 1), 3, 2);
        assertEquals(10.5, ideal, 1e-9, "the work spread over two slots");
        assertTrue(ideal <= 11);
        assertEquals(30.0, IdealMakespan.idealMs(slept(30, 1, 1, 1), 4, 4), 1e-9, "the longest call");
    }

    @Test
    void efficiencyIsNotDefinedWithoutAnIdeal() {
        assertTrue(Double.isNaN(IdealMakespan.efficiency(0, 12.0)), "no latency, no harness: nothing to compare with");
        assertEquals(0.5, IdealMakespan.efficiency(10, 20), 1e-9);
        assertEquals(8.0, IdealMakespan.calibratedMs(1.0, 80, 10_000), 1e-9, "the harness's ceiling: 80 items at 10,000/s");
    }
}
