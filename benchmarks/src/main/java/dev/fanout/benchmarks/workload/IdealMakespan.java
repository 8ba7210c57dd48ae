package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.LatencyProfile;

import java.time.Duration;
import java.util.List;

/**
 * The shortest a fan-out could possibly take (design, "How performance is measured").
 * <ul>
 *   <li>Fixed latency L: {@code ceil(N / W) x L}.</li>
 *   <li>Random latency: a lower bound from the delays the server really injected,
 *       {@code max(max_i d_i, sum_i d_i / W)}.</li>
 *   <li>Calibrated: {@code max(ideal, N / capacity)}: no strategy beats the harness's own ceiling.</li>
 * </ul>
 * Efficiency is the calibrated ideal over the measured makespan: nearly machine-independent.
 */
public final class IdealMakespan {

    private IdealMakespan() {
    }

    /**
     * @param profile  the latency profile
     * @param injected the delays the server injected for this fan-out
     * @param items    the number of items
     * @param width    the strategy's effective width (1 for sequential, items for all-at-once)
     * @return the ideal makespan in milliseconds
     */
    public static double idealMs(LatencyProfile profile, List<Duration> injected, long items, long width) {
        if (items == 0) {
            return 0;
        }
        long w = Math.max(1, Math.min(width, items));
        if (profile instanceof LatencyProfile.Fixed fixed) {
            long rounds = (items + w - 1) / w;
            return rounds * fixed.delay().toNanos() / 1e6;
        }
        long max = 0;
        long sum = 0;
        for (Duration d : injected) {
            max = Math.max(max, d.toNanos());
            sum += d.toNanos();
        }
        return Math.max(max, (double) sum / w) / 1e6;
    }

    /** @return {@code max(idealMs, items / capacityRps)} in milliseconds */
    public static double calibratedMs(double idealMs, long items, double capacityRps) {
        double harnessFloorMs = capacityRps > 0 ? items * 1000.0 / capacityRps : 0;
        return Math.max(idealMs, harnessFloorMs);
    }

    /** @return calibrated ideal over measured, or 0 when nothing was measured */
    public static double efficiency(double calibratedIdealMs, double makespanMs) {
        return makespanMs > 0 ? calibratedIdealMs / makespanMs : 0;
    }
}
