package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.SleepRecord;

/**
 * The shortest a fan-out could possibly take (design, "How performance is measured"), from the
 * delays the workload <em>really slept</em> ({@link SleepRecord}), so that a timer waking late is not
 * charged to the strategy or the harness:
 * <ul>
 *   <li>Fixed latency: {@code max(max_i s_i, ceil(N / W) x mean_i s_i)}, with {@code s_i} the time
 *       request {@code i} really slept: as many rounds as the width allows, each as long as a sleep.</li>
 *   <li>Random latency: the lower bound {@code max(max_i s_i, sum_i s_i / W)}.</li>
 *   <li>Calibrated: {@code max(ideal, N / capacity)}: no strategy beats the harness's own ceiling.</li>
 * </ul>
 * Efficiency is the calibrated ideal over the measured makespan: nearly machine-independent. It is
 * not defined (NaN) where the ideal is zero: no latency and no harness ({@code sim} at
 * {@code fixed:0ms}, where items/s is the measure).
 */
public final class IdealMakespan {

    private IdealMakespan() {
    }

    /**
     * @param profile the latency profile (decides the formula)
     * @param slept   what the workload slept for this fan-out
     * @param items   the number of items
     * @param width   the strategy's effective width (1 for sequential, items for all-at-once)
     * @return the ideal makespan in milliseconds
     */
    public static double idealMs(LatencyProfile profile, SleepRecord slept, long items, long width) {
        if (items == 0 || slept.count() == 0) {
            return 0;
        }
        long w = Math.max(1, Math.min(width, items));
        double longest = slept.maxSleptNanos();
        if (profile instanceof LatencyProfile.Fixed) {
            long rounds = (items + w - 1) / w;
            return Math.max(longest, rounds * slept.meanSleptNanos()) / 1e6;
        }
        return Math.max(longest, (double) slept.sleptNanos() / w) / 1e6;
    }

    /** @return {@code max(idealMs, items / capacityRps)} in milliseconds; a capacity of 0 means none */
    public static double calibratedMs(double idealMs, long items, double capacityRps) {
        double harnessFloorMs = capacityRps > 0 ? items * 1000.0 / capacityRps : 0;
        return Math.max(idealMs, harnessFloorMs);
    }

    /** @return calibrated ideal over measured; NaN when either is not above zero (nothing to compare with) */
    public static double efficiency(double calibratedIdealMs, double makespanMs) {
        return makespanMs > 0 && calibratedIdealMs > 0 ? calibratedIdealMs / makespanMs : Double.NaN;
    }
}
