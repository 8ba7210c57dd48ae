package dev.fanout.reports.render;

import dev.fanout.reports.results.PointResult;
import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hedged strategy's extra requests, as the report shows them: from the optional metric, only where there are some. */
class ExtraRequestsTest {

    @Test
    void aPointWithoutTheMetricShowsNothing() {
        PointResult old = TestPoints.point("semaphore", 16, 700, 5, 120);
        assertTrue(old.extraRequestShare().isEmpty(), "results written before the metric lack it");
        assertEquals("", Numbers.extraRequests(old.extraRequestShare()));
    }

    @Test
    void oneRequestPerItemShowsNothingAndMoreShowsTheShare() {
        PointResult once = TestPoints.withRequestsPerItem(TestPoints.point("semaphore", 16, 700, 5, 120), 1.0);
        assertEquals("", Numbers.extraRequests(once.extraRequestShare()));
        PointResult hedged = TestPoints.withRequestsPerItem(TestPoints.point("hedged", 16, 700, 5, 60), 1.0137);
        assertEquals(0.0137, hedged.extraRequestShare().getAsDouble(), 1e-9);
        assertEquals("+1.4% requests", Numbers.extraRequests(hedged.extraRequestShare()));
        assertEquals("", Numbers.extraRequests(OptionalDouble.of(-0.02)), "fewer requests than items (cancelled ones) is not extra");
        assertEquals("", Numbers.extraRequests(OptionalDouble.of(Double.NaN)));
    }
}
