package dev.fanout.reports.render;

import dev.fanout.reports.results.Manifest;
import dev.fanout.reports.results.PlannedPoint;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;

import java.util.List;
import java.util.Optional;

/**
 * A profile as a table: strategies as rows and widths as columns, as the manifest planned them, so
 * the points an interrupted run never reached show as empty cells rather than vanish.
 *
 * @param profile    the finished points
 * @param strategies the rows, in the manifest's order
 * @param widths     the columns, rising
 */
record ProfileGrid(Profile profile, List<String> strategies, List<Integer> widths) {

    static ProfileGrid of(Manifest manifest, Profile profile) {
        List<PlannedPoint> planned = manifest.points().stream()
                .filter(p -> p.latency().equals(profile.latency()) && p.items() == profile.items())
                .toList();
        List<String> strategies = planned.stream().map(PlannedPoint::strategy).distinct()
                .sorted(java.util.Comparator.comparingInt(s -> order(manifest.strategies(), s)))
                .toList();
        List<Integer> widths = planned.stream().map(PlannedPoint::width).distinct().sorted().toList();
        return new ProfileGrid(profile, strategies, widths);
    }

    Optional<PointResult> cell(String strategy, int width) {
        return profile.point(strategy, width);
    }

    /** @return whether some planned point of this profile has no result */
    boolean hasMissingCells() {
        return strategies.stream().anyMatch(s -> widths.stream().anyMatch(w -> cell(s, w).isEmpty()));
    }

    private static int order(List<String> list, String value) {
        int i = list.indexOf(value);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
