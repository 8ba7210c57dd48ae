package dev.fanout.reports.render;

import dev.fanout.reports.LatencySpecMedian;
import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks, per profile, the strategy point with the best throughput whose p99 sojourn latency stays
 * within {@code factor x median latency}, and as runner-up the best point of another strategy (a
 * second width of the same strategy would tell a reader choosing a strategy nothing new).
 *
 * <p>Only strategies are picked: peers are yardsticks, not the project's answer. A point whose
 * efficiency exceeds 1.0 by more than its own error is never picked: no code beats the ideal, so
 * the ideal (the calibration) is wrong there, and its numbers cannot be trusted for a choice. The
 * recommendation names it instead of hiding it.
 */
final class Recommender {

    /** Fastest first; on a tie the lower tail, then the smaller width. */
    private static final Comparator<PointResult> FASTEST = Comparator
            .comparingDouble(PointResult::itemsPerSecond).reversed()
            .thenComparingDouble(p -> p.score(PointMetric.SOJOURN_P99))
            .thenComparingInt(PointResult::width);

    private Recommender() {
    }

    static Recommendation recommend(Profile profile, double factor) {
        double median;
        try {
            median = LatencySpecMedian.parse(profile.latency()).medianMs();
        } catch (IllegalArgumentException e) {
            return new Recommendation(profile, factor, Double.NaN, Optional.of(e.getMessage()), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        double bound = factor * median;
        List<PointResult> measured = profile.points(PointKind.STRATEGY).stream()
                .filter(p -> Double.isFinite(p.itemsPerSecond()) && Double.isFinite(p.score(PointMetric.SOJOURN_P99)))
                .toList();
        List<PointResult> withinBound = measured.stream()
                .filter(p -> p.score(PointMetric.SOJOURN_P99) <= bound)
                .sorted(FASTEST)
                .toList();
        List<PointResult> within = withinBound.stream().filter(p -> !p.beyondIdeal()).toList();
        Optional<PointResult> best = within.stream().findFirst();
        Optional<PointResult> runnerUp = best.flatMap(b -> within.stream()
                .filter(p -> !p.name().equals(b.name())).findFirst());
        Optional<PointResult> lowestTail = measured.stream().filter(p -> !p.beyondIdeal())
                .min(Comparator.comparingDouble(p -> p.score(PointMetric.SOJOURN_P99)));
        // The fastest point passed over for its efficiency, when it would have been the pick.
        Optional<PointResult> passedOver = withinBound.stream().findFirst().filter(PointResult::beyondIdeal);
        return new Recommendation(profile, factor, median, Optional.empty(), best, runnerUp, lowestTail, passedOver);
    }
}
