package dev.fanout.benchmarks.jmh;

import java.util.Locale;

/**
 * The name of one benchmark point in file names: {@code <strategy>-w<width>-<latency>-n<items>},
 * the latency spec with every character outside {@code [a-z0-9.]} replaced by {@code _}
 * (docs/results-format.md).
 */
public final class PointId {

    private PointId() {
    }

    public static String of(String strategy, int width, String latency, int items) {
        String slug = latency.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "_");
        return strategy + "-w" + width + "-" + slug + "-n" + items;
    }
}
