package dev.fanout.benchmarks.jmh;

import java.util.Locale;

/**
 * The name of one benchmark point in file names (docs/results-format.md, format 2):
 * {@code <name>-<workload>[_<client>]-w<width>-<latency>-n<items>}, where {@code name} is the
 * strategy's or the peer's, the client part appears for {@code http} only, and the latency spec has
 * every character outside {@code [a-z0-9.]} replaced by {@code _}. For example
 * {@code semaphore-http_okhttp-w16-fixed_20ms-n128}, {@code jdk-fixed-pool-sim-w1024-fixed_20ms-n4096}.
 */
public final class PointId {

    private PointId() {
    }

    public static String of(String name, String workload, String client, int width, String latency, int items) {
        String slug = latency.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "_");
        String where = workload.equals("http") ? workload + "_" + client : workload;
        return name + "-" + where + "-w" + width + "-" + slug + "-n" + items;
    }
}
