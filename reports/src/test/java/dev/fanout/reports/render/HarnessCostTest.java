package dev.fanout.reports.render;

import dev.fanout.reports.results.PointResult;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.fanout.reports.render.TestPoints.profile;
import static dev.fanout.reports.render.TestPoints.simWithEfficiency;
import static dev.fanout.reports.render.TestPoints.withEfficiency;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HarnessCostTest {

    @Test
    void saysWhatTheDifferenceMeansAndHowLargeItWasPointByPoint() {
        PointResult http16 = withEfficiency("semaphore", 16, 700, 300, 0.92, 0.01);
        PointResult http64 = withEfficiency("semaphore", 64, 1600, 90, 0.76, 0.01);
        PointResult httpOnly = withEfficiency("semaphore", 256, 2900, 60, 0.70, 0.01);
        String line = HarnessCost.line(profile("fixed:20ms", http16, http64, httpOnly),
                profile("fixed:20ms", "sim", simWithEfficiency("semaphore", 16, 0.98), simWithEfficiency("semaphore", 64, 0.97),
                        simWithEfficiency("semaphore", 256, 0.80), simWithEfficiency("semaphore", 1024, 0.95))).orElseThrow();
        assertEquals("http (okhttp) − sim: sim runs the same points in-process with no sockets, so its efficiency is the "
                + "code's own cost, and the drop from sim to http is what the harness (client, loopback, server) costs. "
                + "Here sim efficiency minus http (okhttp) efficiency, point by point, is 0.06 to 0.21 (median 0.10); the "
                + "largest at semaphore, width 64: 0.97 on sim, 0.76 on http (okhttp).", line);
    }

    @Test
    void noSharedPointNoLine() {
        assertEquals(Optional.empty(), HarnessCost.line(profile("fixed:20ms", withEfficiency("semaphore", 16, 700, 300, 0.9, 0)),
                profile("fixed:20ms", "sim", simWithEfficiency("semaphore", 1024, 0.95))));
    }
}
