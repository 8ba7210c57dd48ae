package dev.fanout.reports.results;

import java.util.List;
import java.util.Optional;

/**
 * The finished points of one latency spec and batch size: one table of the report, one chart of
 * each kind.
 *
 * @param latency the latency spec
 * @param items   requests per batch
 * @param points  its finished points, by the manifest's order of strategies, then by width
 */
public record Profile(String latency, int items, List<PointResult> points) {

    public Profile {
        points = List.copyOf(points);
    }

    /** @return the heading the report gives it, for example {@code fixed:20ms, 200 items} */
    public String title() {
        return latency + ", " + items + " items";
    }

    public Optional<PointResult> point(String strategy, int width) {
        return points.stream().filter(p -> p.strategy().equals(strategy) && p.width() == width).findFirst();
    }

    /** @return the measured widths, rising */
    public List<Integer> widths() {
        return points.stream().map(PointResult::width).distinct().sorted().toList();
    }

    /** @return the strategies measured, in the manifest's order */
    public List<String> strategies() {
        return points.stream().map(PointResult::strategy).distinct().toList();
    }
}
