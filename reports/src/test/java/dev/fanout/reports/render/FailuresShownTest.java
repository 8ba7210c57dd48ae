package dev.fanout.reports.render;

import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointResult;
import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static dev.fanout.reports.render.TestPoints.measured;
import static dev.fanout.reports.render.TestPoints.profile;
import static dev.fanout.reports.render.TestPoints.withFailedPerItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Items that failed (a 429 from a rate-limited target, a refused connection, a timeout) still count
 * in items/s and efficiency, so a report that hid them would call a fan-out whose calls were mostly
 * refused fast. The share shows wherever there is one: in the cell and in the pick's reason.
 */
class FailuresShownTest {

    @Test
    void aPointWithoutTheMetricOrWithoutFailuresShowsNothing() {
        PointResult old = TestPoints.point("semaphore", 16, 700, 5, 120);
        assertTrue(old.failedShare().isEmpty(), "results written before the metric lack it");
        assertEquals("", Numbers.failed(old.failedShare()));
        assertEquals("", Numbers.failed(withFailedPerItem(old, 0).failedShare()));
        assertEquals("", Numbers.failed(OptionalDouble.of(Double.NaN)));
        assertEquals("55.8% failed", Numbers.failed(withFailedPerItem(old, 0.558).failedShare()));
    }

    @Test
    void thePicksReasonSaysHowManyOfItsItemsFailed() {
        PointResult semaphore4 = withFailedPerItem(measured(PointKind.STRATEGY, "semaphore", 4, 179, 5, 0.99), 0);
        PointResult semaphore8 = withFailedPerItem(measured(PointKind.STRATEGY, "semaphore", 8, 656, 20, 0.80), 0.558);
        PointResult structured4 = withFailedPerItem(measured(PointKind.STRATEGY, "structured", 4, 150, 5, 0.80), 0);
        PointResult structured8 = withFailedPerItem(measured(PointKind.STRATEGY, "structured", 8, 500, 20, 0.70), 0.25);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", semaphore4, semaphore8, structured4, structured8));
        assertEquals("semaphore", r.headline());
        assertTrue(r.details().contains(" Of its items, 55.8% failed at width 8 (errors, 429s or timeouts,"), r.details());
        assertFalse(r.details().contains("at width 4 ("), "no failures at width 4: " + r.details());
    }

    @Test
    void thePicksReasonSaysNothingOfFailuresWhenThereWereNone() {
        PointResult semaphore = measured(PointKind.STRATEGY, "semaphore", 16, 761, 5, 0.96);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", semaphore));
        assertFalse(r.details().contains("failed"), r.details());
    }
}
