package dev.fanout.benchmarks.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IgnoredSigintTest {

    @Test
    void theSigIgnMasksSecondBitIsSigint() {
        // as a background job of a shell without job control: SIGINT (bit 1) and SIGQUIT (bit 2) ignored
        assertTrue(IgnoredSigint.fromStatus(List.of("Name:\tjava", "SigBlk:\t0000000000000000", "SigIgn:\t0000000000000006")));
        // nohup: SIGHUP (bit 0) alone; a plain script: SIGQUIT alone
        assertFalse(IgnoredSigint.fromStatus(List.of("SigIgn:\t0000000000000001")));
        assertFalse(IgnoredSigint.fromStatus(List.of("SigIgn:\t0000000000000004")));
        assertTrue(IgnoredSigint.fromStatus(List.of("SigIgn:\t0000000180000003")), "upper bits set too");
        assertFalse(IgnoredSigint.fromStatus(List.of("Name:\tjava")), "no mask: not ignored, as far as anyone can tell");
    }
}
