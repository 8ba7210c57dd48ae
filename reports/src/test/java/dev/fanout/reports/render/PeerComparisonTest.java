package dev.fanout.reports.render;

import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointResult;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.fanout.reports.render.TestPoints.at;
import static dev.fanout.reports.render.TestPoints.peer;
import static dev.fanout.reports.render.TestPoints.point;
import static dev.fanout.reports.render.TestPoints.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PeerComparisonTest {

    private static PointResult strategy(String name, int width, double itemsPerSecond) {
        return point(name, width, itemsPerSecond, 0, 50);
    }

    @Test
    void namesTheBestPeerOnceAndEachStrategysDistance() {
        String sentence = PeerComparison.sentence(profile("fixed:20ms",
                strategy("semaphore", 16, 990), strategy("semaphore", 256, 3030),
                strategy("worker-pool", 16, 1000), strategy("worker-pool", 256, 2460),
                peer("jdk-virtual-threads", 16, 1000), peer("jdk-virtual-threads", 256, 3000),
                peer("jdk-fixed-pool", 16, 950), peer("jdk-fixed-pool", 256, 2900))).orElseThrow();
        assertEquals("At fixed:20ms (http, okhttp), semaphore is within 1% of the best peer (jdk-virtual-threads) at every "
                + "width; worker-pool is 18% behind at width 256.", sentence);
    }

    @Test
    void aStrategyFarBehindOrAheadIsSaidAsAFactorWithItsInFlightPeakWhenThatExplainsIt() {
        // sequential keeps one request in flight whatever the width; all-at-once keeps all of them.
        String sentence = PeerComparison.sentence(profile("fixed:20ms",
                point("sequential", 256, 46, 0, 4000, 1), point("all-at-once", 1, 3260, 0, 60, 200),
                strategy("semaphore", 1, 47), strategy("semaphore", 256, 3100),
                peer("jdk-virtual-threads", 1, 46.5), peer("jdk-virtual-threads", 256, 3200))).orElseThrow();
        assertEquals("At fixed:20ms (http, okhttp), semaphore is within 4% of the best peer (jdk-virtual-threads) at every "
                + "width; sequential is 70× slower at width 256 (peak 1 in flight); all-at-once is 70× as fast at width 1 "
                + "(peak 200 in flight).", sentence);
    }

    @Test
    void whenTheBestPeerChangesWithTheWidthEachClauseNamesItsOwn() {
        String sentence = PeerComparison.sentence(profile("fixed:20ms",
                strategy("worker-pool", 16, 600), strategy("worker-pool", 256, 2000),
                strategy("semaphore", 16, 1000), strategy("semaphore", 256, 2990),
                peer("jdk-virtual-threads", 16, 1000), peer("jdk-virtual-threads", 256, 2900),
                peer("jdk-fixed-pool", 16, 900), peer("jdk-fixed-pool", 256, 3000))).orElseThrow();
        assertEquals("At fixed:20ms (http, okhttp), semaphore is within 1% of the best peer at every width; worker-pool is "
                + "40% behind jdk-virtual-threads at width 16.", sentence);
    }

    @Test
    void aStrategyAheadOfEveryPeerSaysByHowMuch() {
        String sentence = PeerComparison.sentence(profile("fixed:20ms",
                strategy("structured", 16, 1120), strategy("structured", 64, 3000),
                peer("reactor-flatmap", 16, 1000), peer("reactor-flatmap", 64, 3000))).orElseThrow();
        assertEquals("At fixed:20ms (http, okhttp), structured is 12% ahead of the best peer (reactor-flatmap) at width 16.",
                sentence);
    }

    @Test
    void theCostOfAnItemIsMeasuredAgainstTheFastestPeer() {
        String sentence = PeerComparison.sentence(profile("fixed:0ms", "sim",
                at(PointKind.STRATEGY, "semaphore", 16, 751_000, "fixed:0ms", "sim"),
                at(PointKind.STRATEGY, "worker-pool", 16, 110_000, "fixed:0ms", "sim"),
                at(PointKind.PEER, "jdk-virtual-threads", 16, 3_643_000, "fixed:0ms", "sim"),
                at(PointKind.PEER, "jdk-fixed-pool", 16, 1_072_000, "fixed:0ms", "sim"))).orElseThrow();
        assertEquals("At fixed:0ms (sim), semaphore is 4.9× slower than the fastest peer (jdk-virtual-threads) at width 16; "
                + "worker-pool is 33× slower at width 16.", sentence);
    }

    @Test
    void noPeerOrNoStrategyMeansNoSentence() {
        assertEquals(Optional.empty(), PeerComparison.sentence(profile("fixed:20ms", strategy("semaphore", 16, 700))));
        assertEquals(Optional.empty(), PeerComparison.sentence(profile("fixed:20ms", peer("jdk-fixed-pool", 16, 700))));
        // A peer at another width only: nothing to compare.
        assertEquals(Optional.empty(), PeerComparison.sentence(profile("fixed:20ms", strategy("semaphore", 16, 700),
                peer("jdk-fixed-pool", 64, 2000))));
    }
}
