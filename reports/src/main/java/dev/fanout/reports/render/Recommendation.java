package dev.fanout.reports.render;

import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;

import java.util.Optional;

/**
 * What the report recommends for one profile, and how to say it.
 *
 * @param profile       the profile
 * @param factor        the bound is this many times the median latency
 * @param medianMs      the profile's median latency; NaN when its spec could not be read
 * @param medianProblem why the median is unknown, or empty
 * @param best          the fastest strategy point within the bound (never a peer, never a point whose
 *                      efficiency exceeds 1.0 beyond its error)
 * @param runnerUp      the fastest point of another strategy within the bound, by the same rules
 * @param lowestTail    the strategy point with the lowest p99 sojourn latency, said when none meets the bound
 * @param passedOver    the fastest point within the bound when its efficiency exceeds 1.0 beyond its
 *                      error: it would have been the pick, and is named with the reason it is not
 */
record Recommendation(Profile profile, double factor, double medianMs, Optional<String> medianProblem,
                      Optional<PointResult> best, Optional<PointResult> runnerUp, Optional<PointResult> lowestTail,
                      Optional<PointResult> passedOver) {

    double boundMs() {
        return factor * medianMs;
    }

    /** @return the bound and where it comes from: {@code 60 ms (3 × the 20 ms median)} */
    String boundDescription() {
        return Numbers.millis(boundMs()) + " ms (" + Numbers.plain(factor) + " × the " + Numbers.millis(medianMs) + " ms median)";
    }

    /** @return the pick in a few words: {@code worker-pool at width 256}, or that there is none */
    String headline() {
        if (medianProblem.isPresent()) {
            return "no recommendation";
        }
        return best.map(Recommendation::name)
                .orElse(passedOver.isPresent() ? "no trustworthy point meets the bound" : "no point meets the bound");
    }

    /** @return the reasons and the runner-up, in plain sentences */
    String details() {
        if (medianProblem.isPresent()) {
            return "There is no latency bound to judge by: " + medianProblem.get() + ".";
        }
        String bound = "the bound of " + boundDescription();
        String passed = passedOver.map(p -> passedOverSentence(p) + " ").orElse("");
        if (best.isEmpty() && lowestTail.isEmpty()) {
            return passed + "No" + (passed.isEmpty() ? "" : " other") + " strategy point of this profile has a measured "
                    + "throughput and p99 sojourn latency.";
        }
        if (best.isEmpty()) {
            PointResult low = lowestTail.get();
            return passed + "No" + (passed.isEmpty() ? "" : " other") + " point keeps its p99 sojourn latency within "
                    + bound + ". The lowest was "
                    + Numbers.millis(low.score(PointMetric.SOJOURN_P99)) + " ms: " + name(low) + ", "
                    + Numbers.rate(low.itemsPerSecond()) + " items/s. A larger bound factor would allow a pick.";
        }
        PointResult b = best.get();
        StringBuilder s = new StringBuilder()
                .append(facts(b)).append(", within ").append(bound).append('.');
        passedOver.ifPresent(p -> s.append(' ').append(passedOverSentence(p)));
        if (b.harnessBound()) {
            s.append(" Harness-bound: the harness, not the strategy, was the limit there.");
        }
        if (runnerUp.isPresent()) {
            PointResult r = runnerUp.get();
            s.append(" Runner-up: ").append(name(r)).append(", ").append(facts(r)).append('.');
            if (b.itemsPerSecond() - b.itemsPerSecondError() <= r.itemsPerSecond() + r.itemsPerSecondError()) {
                s.append(" The two are within measurement error of each other.");
            }
        } else {
            s.append(" No other strategy meets the bound.");
        }
        return s.toString();
    }

    /** Why the fastest point is not the pick: its efficiency says the ideal is wrong there. */
    private static String passedOverSentence(PointResult p) {
        var efficiency = p.metric(PointMetric.EFFICIENCY);
        return "Not picked: " + name(p) + " (" + Numbers.rate(p.itemsPerSecond()) + " items/s) has efficiency "
                + Numbers.ratio(efficiency.score()) + " ± " + Numbers.ratio(efficiency.errorOrZero())
                + ", above 1.0 beyond its error: the ideal (the calibration) is wrong there.";
    }

    private static String name(PointResult p) {
        return p.name() + " at width " + p.width();
    }

    private static String facts(PointResult p) {
        double peak = p.score(PointMetric.SERVER_MAX_IN_FLIGHT);
        // The server, not the client, proves a bound: a strategy that does not keep to the width shows here.
        String unbounded = peak > p.width() ? " (more than the width: it does not keep to it)" : "";
        String counter = p.point().workload().equals("http") ? "server peak " : "peak ";
        return Numbers.rate(p.itemsPerSecond()) + " items/s, p99 sojourn " + Numbers.millis(p.score(PointMetric.SOJOURN_P99))
                + " ms, " + counter + Numbers.count(peak) + " in flight" + unbounded;
    }

}
