package dev.fanout.reports.render;

import dev.fanout.reports.results.PointResult;
import org.junit.jupiter.api.Test;

import static dev.fanout.reports.render.TestPoints.point;
import static dev.fanout.reports.render.TestPoints.profile;
import static dev.fanout.reports.render.TestPoints.withEfficiency;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommenderTest {

    // fixed:20ms and a factor of 3: the bound is 60 ms.
    private final PointResult fastButSlowTail = point("all-at-once", 64, 3500, 10, 90);
    private final PointResult best = point("semaphore", 64, 3000, 10, 55);
    private final PointResult sameStrategyNarrower = point("semaphore", 16, 2950, 10, 50);
    private final PointResult runnerUp = point("worker-pool", 64, 2800, 10, 58);
    private final PointResult slowSafe = point("sequential", 1, 46, 1, 59);
    private final PointResult exactlyAtTheBound = point("structured", 64, 2700, 10, 60);

    @Test
    void picksTheFastestWithinTheBoundAndTheBestOtherStrategyAsRunnerUp() {
        Recommendation r = Recommender.recommend(profile("fixed:20ms", fastButSlowTail, sameStrategyNarrower, best,
                slowSafe, runnerUp, exactlyAtTheBound), 3.0);
        assertEquals(60.0, r.boundMs(), 1e-9);
        assertSame(best, r.best().orElseThrow());
        assertSame(runnerUp, r.runnerUp().orElseThrow());
        assertEquals("semaphore at width 64", r.headline());
        assertTrue(r.details().contains("Runner-up: worker-pool at width 64"), r.details());
        assertTrue(r.details().contains("60.0 ms (3 × the 20.0 ms median)"), r.details());
        assertTrue(!r.details().contains("within measurement error"), r.details());
    }

    @Test
    void aLargerFactorLetsTheFastestIn() {
        Recommendation r = Recommender.recommend(profile("fixed:20ms", fastButSlowTail, best, runnerUp), 5.0);
        assertSame(fastButSlowTail, r.best().orElseThrow());
        assertSame(best, r.runnerUp().orElseThrow());
    }

    @Test
    void saysSoWhenTheTwoAreWithinMeasurementError() {
        PointResult close = point("worker-pool", 64, 2990, 30, 50);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", best, close), 3.0);
        assertTrue(r.details().contains("within measurement error"), r.details());
    }

    @Test
    void saysPlainlyWhenNoPointMeetsTheBound() {
        Recommendation r = Recommender.recommend(profile("lognormal:20ms,p99=200ms", fastButSlowTail,
                point("semaphore", 16, 700, 5, 480)), 3.0);
        assertTrue(r.best().isEmpty());
        assertTrue(r.runnerUp().isEmpty());
        assertEquals("no point meets the bound", r.headline());
        assertTrue(r.details().startsWith("No point keeps its p99 sojourn latency within the bound of 60.0 ms"), r.details());
        assertTrue(r.details().contains("The lowest was 90.0 ms: all-at-once at width 64"), r.details());
    }

    @Test
    void aSingleStrategyWithinTheBoundHasNoRunnerUp() {
        Recommendation r = Recommender.recommend(profile("fixed:20ms", best, sameStrategyNarrower, fastButSlowTail), 3.0);
        assertSame(best, r.best().orElseThrow());
        assertTrue(r.runnerUp().isEmpty());
        assertTrue(r.details().contains("No other strategy meets the bound."), r.details());
    }

    @Test
    void aSpecWithoutAKnownMedianGetsNoRecommendationAndSaysWhy() {
        Recommendation r = Recommender.recommend(profile("pareto:20ms,2.5", best), 3.0);
        assertEquals("no recommendation", r.headline());
        assertTrue(r.details().contains("'pareto:20ms,2.5'"), r.details());
    }

    @Test
    void aStrategyThatDoesNotKeepToTheWidthIsCalledOut() {
        PointResult unbounded = point("all-at-once", 1, 3300, 10, 59, 200);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", unbounded, best), 3.0);
        assertSame(unbounded, r.best().orElseThrow());
        assertTrue(r.details().startsWith("3,300 items/s, p99 sojourn 59.0 ms, server peak 200 in flight "
                + "(more than the width: it does not keep to it)"), r.details());
        assertTrue(r.details().contains("server peak 64 in flight."), "a bounded runner-up is not called out: " + r.details());
    }

    @Test
    void peersAreNeverPickedNorRunnersUpEvenWhenFastest() {
        PointResult fastPeer = TestPoints.peer("jdk-virtual-threads", 64, 3400, 50);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", fastPeer, best, runnerUp), 3.0);
        assertSame(best, r.best().orElseThrow());
        assertSame(runnerUp, r.runnerUp().orElseThrow());
        assertFalse(r.details().contains("jdk-virtual-threads"), r.details());
    }

    @Test
    void aPointWhoseEfficiencyExceedsOneBeyondItsErrorIsNamedButNotPicked() {
        PointResult beyond = withEfficiency("structured", 256, 3500, 50, 1.05, 0.01);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", beyond, best, runnerUp), 3.0);
        assertSame(best, r.best().orElseThrow());
        assertSame(beyond, r.passedOver().orElseThrow());
        assertTrue(r.details().contains("Not picked: structured at width 256 (3,500 items/s) has efficiency 1.05 ± 0.01, "
                + "above 1.0 beyond its error: the ideal (the calibration) is wrong there."), r.details());
    }

    @Test
    void aboveOneWithinItsErrorIsStillAPick() {
        PointResult withinError = withEfficiency("structured", 256, 3500, 50, 1.02, 0.03);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", withinError, best), 3.0);
        assertSame(withinError, r.best().orElseThrow());
        assertTrue(r.passedOver().isEmpty());
    }

    @Test
    void withoutAnErrorAnyEfficiencyAboveOneCountsAsBeyond() {
        // JMH gives no error for a single sample: the error counts as 0, so 1.01 is beyond.
        PointResult single = withEfficiency("structured", 256, 3500, 50, 1.01, Double.NaN);
        assertTrue(single.beyondIdeal());
        assertFalse(withEfficiency("structured", 256, 3500, 50, 1.0, Double.NaN).beyondIdeal());
        Recommendation r = Recommender.recommend(profile("fixed:20ms", single), 3.0);
        assertTrue(r.best().isEmpty());
        assertEquals("no trustworthy point meets the bound", r.headline());
        assertTrue(r.details().startsWith("Not picked: structured at width 256"), r.details());
    }

    @Test
    void nonFiniteMeasurementsAreNeverPicked() {
        PointResult broken = point("structured", 256, Double.POSITIVE_INFINITY, 0, 10);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", broken, best), 3.0);
        assertSame(best, r.best().orElseThrow());
    }
}
