package dev.fanout.reports.render;

import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the report answers for one profile (one section's latency, workload and client): which
 * strategy to use there, and why, in the words of README's "Which strategy?" table.
 *
 * @param profile    the profile
 * @param pick       the bounded strategy closest to the ideal, or empty (then {@code noPick} says why)
 * @param noPick     why there is no pick; empty when there is one
 * @param next       the bounded strategy that came next, if any; the leader when {@code simpler}
 * @param simpler    whether the pick is a simpler strategy level with the leader ({@code next}), rather
 *                   than the leader itself
 * @param bestPeer   the peer closest to the ideal over the pick's widths, if any was measured there
 * @param passedOver strategies left out because a point's efficiency exceeds 1.0 beyond its error
 */
record Recommendation(Profile profile, Optional<Standing> pick, Optional<String> noPick, Optional<Standing> next,
                      boolean simpler, Optional<Standing> bestPeer, List<String> passedOver) {

    Recommendation {
        passedOver = List.copyOf(passedOver);
    }

    /**
     * One strategy's or peer's points in the profile, one per width, rising, and their mean efficiency.
     *
     * @param name   the strategy or peer
     * @param points its measured points, by rising width
     */
    record Standing(String name, List<PointResult> points) {

        Standing {
            points = List.copyOf(points);
        }

        double meanEfficiency() {
            return points.stream().mapToDouble(p -> p.score(PointMetric.EFFICIENCY)).average().orElse(Double.NaN);
        }

        Optional<PointResult> at(int width) {
            return points.stream().filter(p -> p.width() == width).findFirst();
        }

        List<Integer> widths() {
            return points.stream().map(PointResult::width).toList();
        }
    }

    /** How the best peer did at one width of the pick. */
    enum Gap { WITHIN_NOISE, AHEAD, BEHIND }

    /** @return whether this point is one of the pick's, the cells the tables mark */
    boolean picked(PointResult p) {
        return pick.isPresent() && pick.get().points().contains(p);
    }

    /** @return the pick's name, or a few words saying there is none */
    String headline() {
        return pick.map(Standing::name).orElse("no pick");
    }

    /**
     * @return the reason, in plain sentences: how close the pick came to the ideal, how far the best
     *         peer was from it per width, and, where plain-JDK code is as good, the sentence that says so
     */
    String details() {
        String passed = passedOver.isEmpty() ? "" : " Left out: " + names(passedOver)
                + " (efficiency above 1.0 beyond its error: the ideal, the calibration, is wrong there).";
        if (pick.isEmpty()) {
            return noPick.orElse("") + passed;
        }
        Standing p = pick.get();
        StringBuilder s = new StringBuilder();
        if (simpler) {
            Standing leader = next.orElseThrow();
            s.append("The simplest of the bounded strategies that came level with the closest to the ideal, ")
                    .append(leader.name()).append(" (mean efficiency ").append(Numbers.ratio(leader.meanEfficiency()))
                    .append(", within ").append(Math.round(PeerComparison.LEVEL * 100))
                    .append("% or the noise at every width): efficiency ").append(efficiencies(p));
        } else {
            s.append("Closest to the ideal of the bounded strategies: efficiency ").append(efficiencies(p));
        }
        if (p.points().size() > 1) {
            s.append(" (mean ").append(Numbers.ratio(p.meanEfficiency())).append(')');
        }
        if (!simpler) {
            next.ifPresent(n -> s.append("; next, ").append(n.name()).append(", mean ").append(Numbers.ratio(n.meanEfficiency())));
        }
        s.append('.');
        p.points().stream().filter(PointResult::harnessBound).map(PointResult::width).findFirst()
                .ifPresent(w -> s.append(" At width ").append(w).append(" the harness, not the strategy, was the limit."));
        if (bestPeer.isEmpty()) {
            s.append(" No peer was measured at its widths.");
        } else {
            Standing peer = bestPeer.get();
            // Widths with the same gap are said once: "within the noise at widths 4, 16 and 64".
            java.util.Map<String, List<Integer>> byGap = new java.util.LinkedHashMap<>();
            for (PointResult pp : p.points()) {
                peer.at(pp.width()).ifPresent(q -> byGap.computeIfAbsent(gapText(pp, q), g -> new ArrayList<>()).add(pp.width()));
            }
            List<String> gaps = new ArrayList<>();
            byGap.forEach((gap, widths) -> gaps.add(gap + " at width" + (widths.size() > 1 ? "s " : " ") + joinWidths(widths)));
            s.append(" The best peer, ").append(peer.name()).append(": ").append(String.join(", ", gaps)).append('.');
        }
        List<String> asGood = plainJdkAsGood();
        if (!asGood.isEmpty()) {
            List<Integer> widths = asGoodWidths();
            s.append(" The plain-JDK code is as good here")
                    .append(widths.size() == p.points().size() ? "" : " at width" + (widths.size() > 1 ? "s " : " ") + joinWidths(widths))
                    .append(": ").append(names(asGood)).append('.');
        }
        return s.append(passed).toString();
    }

    /**
     * @return the plain-JDK peers (their names start with {@code jdk-}; Reactor is a library) that, at
     *         one of the pick's widths or more, were within the noise of it or ahead
     */
    List<String> plainJdkAsGood() {
        return pick.map(p -> p.points().stream()
                        .flatMap(pp -> profile.points().stream()
                                .filter(q -> q.isPeer() && q.name().startsWith("jdk-") && q.width() == pp.width()
                                        && gap(pp, q) != Gap.BEHIND)
                                .map(PointResult::name))
                        .distinct().toList())
                .orElse(List.of());
    }

    /** @return the pick's widths where some plain-JDK peer was within the noise of it, or ahead */
    List<Integer> asGoodWidths() {
        return pick.map(p -> p.points().stream()
                        .filter(pp -> profile.points().stream().anyMatch(q -> q.isPeer() && q.name().startsWith("jdk-")
                                && q.width() == pp.width() && gap(pp, q) != Gap.BEHIND))
                        .map(PointResult::width).toList())
                .orElse(List.of());
    }

    /**
     * @return how the peer's items/s compares with the pick's at one width: within the noise when
     *         their error intervals (JMH's, score ± error) overlap, else ahead or behind
     */
    static Gap gap(PointResult pick, PointResult peer) {
        double difference = peer.itemsPerSecond() - pick.itemsPerSecond();
        if (Math.abs(difference) <= pick.itemsPerSecondError() + peer.itemsPerSecondError()) {
            return Gap.WITHIN_NOISE;
        }
        return difference > 0 ? Gap.AHEAD : Gap.BEHIND;
    }

    private static String gapText(PointResult pick, PointResult peer) {
        Gap gap = gap(pick, peer);
        if (gap == Gap.WITHIN_NOISE) {
            return "within the noise";
        }
        double ratio = peer.itemsPerSecond() / pick.itemsPerSecond();
        if (ratio >= 2 || ratio <= 0.5) {
            double factor = ratio >= 1 ? ratio : 1 / ratio;
            return String.format(Locale.ROOT, factor >= 10 ? "%.0f×" : "%.1f×", factor) + (gap == Gap.AHEAD ? " as fast" : " slower");
        }
        long percent = Math.max(1, Math.round(Math.abs(ratio - 1) * 100));
        return percent + "% " + (gap == Gap.AHEAD ? "ahead" : "behind");
    }

    private static String efficiencies(Standing s) {
        List<PointResult> points = s.points();
        if (points.size() == 1) {
            return Numbers.ratio(points.getFirst().score(PointMetric.EFFICIENCY)) + " at width " + points.getFirst().width();
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            parts.add(Numbers.ratio(points.get(i).score(PointMetric.EFFICIENCY)) + (i == 0 ? " at width " : " at ")
                    + points.get(i).width());
        }
        return String.join(", ", parts);
    }

    private static String joinWidths(List<Integer> widths) {
        return names(widths.stream().map(String::valueOf).toList());
    }

    /** {@code a}, {@code a and b}, {@code a, b and c} */
    private static String names(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", ")) + " and " + names.getLast();
    }
}
