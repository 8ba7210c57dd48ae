package dev.fanout.reports.render;

import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fanout.reports.render.TestPoints.measured;
import static dev.fanout.reports.render.TestPoints.profile;
import static dev.fanout.reports.render.TestPoints.withEfficiency;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommenderTest {

    private static PointResult strategy(String name, int width, double itemsPerSecond, double error, double efficiency) {
        return measured(PointKind.STRATEGY, name, width, itemsPerSecond, error, efficiency);
    }

    private static PointResult peer(String name, int width, double itemsPerSecond, double error, double efficiency) {
        return measured(PointKind.PEER, name, width, itemsPerSecond, error, efficiency);
    }

    // The quick run's shape: semaphore ahead at 256, level at 16, a little behind at 64.
    private final PointResult semaphore16 = strategy("semaphore", 16, 761, 5, 0.96);
    private final PointResult semaphore64 = strategy("semaphore", 64, 2723, 20, 0.86);
    private final PointResult semaphore256 = strategy("semaphore", 256, 8169, 60, 0.71);
    private final PointResult async16 = strategy("async", 16, 752, 5, 0.95);
    private final PointResult async64 = strategy("async", 64, 2624, 20, 0.83);
    private final PointResult async256 = strategy("async", 256, 5496, 60, 0.50);
    private final PointResult virtual16 = peer("jdk-virtual-threads", 16, 762, 5, 0.96);
    private final PointResult virtual64 = peer("jdk-virtual-threads", 64, 2827, 20, 0.89);
    private final PointResult virtual256 = peer("jdk-virtual-threads", 256, 7004, 60, 0.61);
    private final PointResult reactor16 = peer("reactor-flatmap", 16, 739, 5, 0.94);
    private final PointResult reactor64 = peer("reactor-flatmap", 64, 2664, 20, 0.85);
    private final PointResult reactor256 = peer("reactor-flatmap", 256, 5448, 60, 0.49);

    @Test
    void picksTheBoundedStrategyWithTheHighestMeanEfficiencyAndSaysHowFarTheBestPeerWas() {
        Recommendation r = Recommender.recommend(profile("fixed:20ms", async16, async64, async256, semaphore16, semaphore64,
                semaphore256, virtual16, virtual64, virtual256, reactor16, reactor64, reactor256));
        assertEquals("semaphore", r.headline());
        assertEquals("jdk-virtual-threads", r.bestPeer().orElseThrow().name());
        assertEquals("async", r.next().orElseThrow().name());
        assertEquals("Closest to the ideal of the bounded strategies: efficiency 0.96 at width 16, 0.86 at 64, 0.71 at 256 "
                + "(mean 0.84); next, async, mean 0.76. The best peer, jdk-virtual-threads: within the noise at width 16, "
                + "4% ahead at width 64, 14% behind at width 256. The plain-JDK code is as good here at widths 16 and 64: "
                + "jdk-virtual-threads.", r.details());
        assertTrue(r.picked(semaphore64));
        assertFalse(r.picked(async64));
        assertFalse(r.picked(virtual16));
    }

    @Test
    void aSimplerStrategyLevelWithTheLeaderIsThePickAndTheLeaderIsNamed() {
        // The quick run's http section: against a server with no limit, adaptive is the semaphore at its
        // ceiling, a hair closer to the ideal on the mean; the answer for that situation is the semaphore.
        PointResult adaptive16 = strategy("adaptive", 16, 743, 5, 0.94);
        PointResult adaptive64 = strategy("adaptive", 64, 2807, 20, 0.89);
        PointResult adaptive256 = strategy("adaptive", 256, 8275, 60, 0.71);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", semaphore16, semaphore64, semaphore256,
                adaptive16, adaptive64, adaptive256, virtual16, virtual64, virtual256));
        assertEquals("semaphore", r.headline());
        assertTrue(r.simpler());
        assertEquals("adaptive", r.next().orElseThrow().name());
        assertTrue(r.details().startsWith("The simplest of the bounded strategies that came level with the closest to "
                + "the ideal, adaptive (mean efficiency 0.85, items/s within 5% at every width): efficiency 0.96 at "
                + "width 16, 0.86 at 64, 0.71 at 256 (mean 0.84). The best peer, jdk-virtual-threads: "), r.details());
    }

    @Test
    void aSimplerStrategyMoreThanLevelBehindAtOneWidthIsNotPreferred() {
        PointResult adaptive16 = strategy("adaptive", 16, 770, 5, 0.97);
        PointResult adaptive64 = strategy("adaptive", 64, 3000, 20, 0.95);
        PointResult adaptive256 = strategy("adaptive", 256, 8300, 60, 0.72);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", semaphore16, semaphore64, semaphore256,
                adaptive16, adaptive64, adaptive256));
        assertEquals("adaptive", r.headline(), "the semaphore is 9% behind at width 64");
        assertFalse(r.simpler());
        assertEquals("semaphore", r.next().orElseThrow().name());
    }

    @Test
    void neverPicksAllAtOnceSequentialOrChunkedWhateverTheyMeasure() {
        // The quick run's sim section: all-at-once at width 64 had every one of 4,096 calls in flight.
        PointResult allAtOnce = strategy("all-at-once", 64, 169_805, 100, 0.89);
        PointResult sequential = strategy("sequential", 1, 48, 1, 0.99);
        PointResult chunked = strategy("chunked", 64, 3078, 10, 0.98);
        PointResult structured = strategy("structured", 64, 3145, 10, 0.97);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", "sim", allAtOnce, sequential, chunked, structured));
        assertEquals("structured", r.headline());
        assertTrue(r.next().isEmpty());
        assertFalse(r.details().contains("next,"), r.details());
    }

    @Test
    void aPeerIsNeverThePickEvenWhenItIsClosestToTheIdeal() {
        PointResult fastPeer = peer("reactor-flatmap", 16, 900, 5, 0.99);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", semaphore16, fastPeer));
        assertEquals("semaphore", r.headline());
        assertEquals("reactor-flatmap", r.bestPeer().orElseThrow().name());
        assertTrue(r.details().contains("The best peer, reactor-flatmap: 18% ahead at width 16."), r.details());
        assertFalse(r.details().contains("plain-JDK"), "Reactor is a library, not the plain JDK: " + r.details());
    }

    @Test
    void saysThePlainJdkCodeIsAsGoodWhenAJdkPeerIsWithinTheNoiseAtEveryWidth() {
        PointResult virtual = peer("jdk-virtual-threads", 16, 758, 5, 0.95);
        PointResult reactor = peer("reactor-flatmap", 16, 770, 5, 0.97);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", semaphore16, virtual, reactor));
        assertTrue(r.details().endsWith("The best peer, reactor-flatmap: within the noise at width 16. "
                + "The plain-JDK code is as good here: jdk-virtual-threads."), r.details());
    }

    @Test
    void withinTheNoiseMeansLevelAndInsideTheErrorBars() {
        PointResult pick = strategy("s", 16, 1000, 10, 0.9);
        assertEquals("within the noise", Recommendation.gapText(pick, peer("p", 16, 1020, 10, 0.9)));
        assertEquals("2% ahead", Recommendation.gapText(pick, peer("p", 16, 1021, 10, 0.9)), "level, but beyond the bars");
        assertEquals("1% behind", Recommendation.gapText(strategy("s", 16, 1000, 0, 0.9), peer("p", 16, 995, 0, 0.9)));
    }

    @Test
    void aNoisyRunsWideErrorBarsDoNotMakeAPeerAsGood() {
        // A busy machine: jdk-virtual-threads measured 40% less, with error bars wide enough to overlap.
        PointResult pick = strategy("semaphore", 16, 721, 40, 0.93);
        PointResult noisyPeer = peer("jdk-virtual-threads", 16, 431, 300, 0.77);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", pick, noisyPeer));
        assertEquals("Closest to the ideal of the bounded strategies: efficiency 0.93 at width 16. The best peer, "
                + "jdk-virtual-threads: 40% behind (within the error bars) at width 16.", r.details());
        assertTrue(r.plainJdkAsGood().isEmpty());
    }

    @Test
    void aLargeGapReadsAsAFactor() {
        PointResult pool = peer("jdk-fixed-pool", 256, 1963, 20, 0.18);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", semaphore256, pool));
        assertTrue(r.details().contains("The best peer, jdk-fixed-pool: 4.2× slower at width 256."), r.details());
    }

    @Test
    void aStrategyMeasuredAtFewerWidthsIsNotComparedWithOneMeasuredAtMore() {
        // An interrupted run: async finished only its narrowest point, where it happens to do best.
        PointResult asyncOnlyAt16 = strategy("async", 16, 770, 5, 0.99);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", asyncOnlyAt16, semaphore16, semaphore64, semaphore256));
        assertEquals("semaphore", r.headline());
    }

    @Test
    void aStrategyWithAPointBeyondTheIdealIsLeftOutAndNamed() {
        PointResult beyond = withEfficiency("structured", 16, 900, 50, 1.05, 0.01);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", beyond, semaphore16));
        assertEquals("semaphore", r.headline());
        assertEquals(List.of("structured"), r.passedOver());
        assertTrue(r.details().endsWith(" Left out: structured (efficiency above 1.0 beyond its error: the ideal, "
                + "the calibration, is wrong there)."), r.details());
    }

    @Test
    void withOnlyUnboundedStrategiesThereIsNoPickAndItSaysWhy() {
        Recommendation r = Recommender.recommend(profile("fixed:20ms", strategy("all-at-once", 16, 7658, 10, 0.67),
                virtual16));
        assertTrue(r.pick().isEmpty());
        assertEquals("no pick", r.headline());
        assertTrue(r.details().startsWith("No bounded strategy (all-at-once, sequential and chunked are never one)"), r.details());
    }

    @Test
    void aZeroLatencyProfileHasNoPickBecauseItsIdealIsZero() {
        Recommendation r = Recommender.recommend(profile("fixed:0ms", "sim", semaphore16));
        assertTrue(r.pick().isEmpty());
        assertTrue(r.details().startsWith("With no-op tasks the ideal is 0"), r.details());
    }

    @Test
    void nonFiniteMeasurementsAreNeverPicked() {
        PointResult broken = strategy("structured", 16, Double.POSITIVE_INFINITY, 0, 0.99);
        Recommendation r = Recommender.recommend(profile("fixed:20ms", broken, semaphore16));
        assertEquals("semaphore", r.headline());
    }
}
