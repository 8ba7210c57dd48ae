package dev.fanout.reports.render;

import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The line under a table that holds http next to sim: what the difference means, and how large it
 * was. sim runs the same strategies and peers on the same latencies in-process, with no sockets, so
 * its efficiency is the code's own cost; what http loses beyond it is the harness's (the client, the
 * loopback, the server). The difference is taken point by point: same name, same width.
 */
final class HarnessCost {

    static final String MEANING = "sim runs the same points in-process with no sockets, so its efficiency is the code's "
            + "own cost, and the drop from sim to http is what the harness (client, loopback, server) costs";

    private HarnessCost() {
    }

    private record Gap(PointResult http, PointResult sim) {
        double value() {
            return sim.score(PointMetric.EFFICIENCY) - http.score(PointMetric.EFFICIENCY);
        }
    }

    /** @return the line, or empty when the two share no measured point */
    static Optional<String> line(Profile http, Profile sim) {
        List<Gap> gaps = new ArrayList<>();
        for (PointResult h : http.points()) {
            sim.point(h.name(), h.width()).ifPresent(s -> {
                Gap g = new Gap(h, s);
                if (Double.isFinite(g.value())) {
                    gaps.add(g);
                }
            });
        }
        if (gaps.isEmpty()) {
            return Optional.empty();
        }
        double[] values = gaps.stream().mapToDouble(Gap::value).sorted().toArray();
        double median = values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        Gap largest = gaps.stream().max(Comparator.comparingDouble(Gap::value)).orElseThrow();
        return Optional.of(http.workloadLabel() + " − sim: " + MEANING + ". Here sim efficiency minus " + http.workloadLabel()
                + " efficiency, point by point, is " + Numbers.ratio(values[0]) + " to " + Numbers.ratio(values[values.length - 1])
                + " (median " + Numbers.ratio(median) + "); the largest at " + largest.http().name() + ", width "
                + largest.http().width() + ": " + Numbers.ratio(largest.sim().score(PointMetric.EFFICIENCY)) + " on sim, "
                + Numbers.ratio(largest.http().score(PointMetric.EFFICIENCY)) + " on " + http.workloadLabel() + ".");
    }
}
