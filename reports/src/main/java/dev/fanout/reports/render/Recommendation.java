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
                    .append(leader.name()).append(" (").append(leader.points().size() > 1 ? "mean efficiency " : "efficiency ")
                    .append(Numbers.ratio(leader.meanEfficiency())).append(", items/s within ")
                    .append(Math.round(PeerComparison.LEVEL * 100)).append("% at every width): efficiency ").append(efficiencies(p));
        } else {
            s.append("Closest to the ideal of the bounded strategies: efficiency ").append(efficiencies(p));
        }
        if (p.points().size() > 1) {
            s.append(" (mean ").append(Numbers.ratio(p.meanEfficiency())).append(')');
        }
        if (!simpler) {
            next.ifPresent(n -> s.append("; next, ").append(n.name()).append(n.points().size() > 1 ? ", mean " : ", ")
                    .append(Numbers.ratio(n.meanEfficiency())));
        }
        s.append('.');
        p.points().stream().filter(PointResult::harnessBound).map(PointResult::width).findFirst()
                .ifPresent(w -> s.append(" At width ").append(w).append(" the harness, not the strategy, was the limit."));
        List<String> failures = new ArrayList<>();
        for (PointResult pp : p.points()) {
            String failed = Numbers.failed(pp.failedShare());
            if (!failed.isEmpty()) {
                failures.add(failed + " at width " + pp.width());
            }
        }
        if (!failures.isEmpty()) {
            s.append(" Of its items, ").append(names(failures))
                    .append(" (errors, 429s or timeouts, counted in its items/s and efficiency all the same).");
        }
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
     *         one of the pick's widths or more, were as good as it ({@link #asGood})
     */
    List<String> plainJdkAsGood() {
        return pick.map(p -> p.points().stream()
                        .flatMap(pp -> profile.points().stream()
                                .filter(q -> q.isPeer() && q.name().startsWith("jdk-") && q.width() == pp.width()
                                        && asGood(pp, q))
                                .map(PointResult::name))
                        .distinct().toList())
                .orElse(List.of());
    }

    /** @return the pick's widths where some plain-JDK peer was as good as it */
    List<Integer> asGoodWidths() {
        return pick.map(p -> p.points().stream()
                        .filter(pp -> profile.points().stream().anyMatch(q -> q.isPeer() && q.name().startsWith("jdk-")
                                && q.width() == pp.width() && asGood(pp, q)))
                        .map(PointResult::width).toList())
                .orElse(List.of());
    }

    /**
     * @return whether {@code other} did as well as {@code pick} at their width: its items/s at least
     *         {@link PeerComparison#LEVEL} short of the pick's (the 5% the sentences against the peers
     *         call level), or ahead. Judged on the scores, not the error bars: on a noisy run the bars
     *         of two very different points overlap, and "as good" would then say nothing.
     */
    static boolean asGood(PointResult pick, PointResult other) {
        return other.itemsPerSecond() >= pick.itemsPerSecond() * (1 - PeerComparison.LEVEL);
    }

    /** @return whether the two points' error intervals (JMH's, score ± error) overlap */
    static boolean withinErrors(PointResult a, PointResult b) {
        return Math.abs(a.itemsPerSecond() - b.itemsPerSecond()) <= a.itemsPerSecondError() + b.itemsPerSecondError();
    }

    /**
     * @return how the peer's items/s compares with the pick's at one width: "within the noise" when
     *         the two are level and their error intervals overlap; otherwise how far ahead or behind,
     *         with "within the error bars" when those still overlap (a difference the run cannot tell
     *         from noise)
     */
    static String gapText(PointResult pick, PointResult peer) {
        double ratio = peer.itemsPerSecond() / pick.itemsPerSecond();
        boolean level = Math.abs(ratio - 1) < PeerComparison.LEVEL;
        boolean overlap = withinErrors(pick, peer);
        if (level && overlap) {
            return "within the noise";
        }
        boolean ahead = ratio > 1;
        String gap;
        if (ratio >= 2 || ratio <= 0.5) {
            double factor = ahead ? ratio : 1 / ratio;
            gap = String.format(Locale.ROOT, factor >= 10 ? "%.0f×" : "%.1f×", factor) + (ahead ? " as fast" : " slower");
        } else {
            gap = Math.max(1, Math.round(Math.abs(ratio - 1) * 100)) + "% " + (ahead ? "ahead" : "behind");
        }
        return overlap ? gap + " (within the error bars)" : gap;
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
