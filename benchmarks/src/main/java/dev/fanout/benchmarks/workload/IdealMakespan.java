package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.SleepRecord;

/**
 * The shortest a fan-out could possibly take (docs/design.md, "How performance is measured"), from the
 * delays the workload <em>really slept</em> ({@link SleepRecord}, {@code s_i} for request {@code i}),
 * so that a timer waking late is not charged to the strategy or the harness:
 * <ul>
 *   <li>{@code max(max_i s_i, sum_i s_i / W, ceil(N / W) x min_i s_i)}: three lower bounds at once,
 *       the longest call, the work spread evenly over {@code W} slots, and the slot that must run
 *       {@code ceil(N / W)} calls one after another. For a fixed latency L that is
 *       {@code ceil(N / W) x L} plus the timer's lateness; for a random one, the bound docs/design.md
 *       gives in "How performance is measured". Each is a true lower bound, so an efficiency above
 *       1 can only be noise.</li>
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
     * @param slept   what the workload slept for this fan-out
     * @param items   the number of items
     * @param width   the strategy's effective width (1 for sequential, items for all-at-once)
     * @return the ideal makespan in milliseconds
     */
    public static double idealMs(SleepRecord slept, long items, long width) {
        if (items == 0 || slept.count() == 0) {
            return 0;
        }
        long w = Math.max(1, Math.min(width, items));
        long rounds = (items + w - 1) / w;
        double longest = slept.maxSleptNanos();
        double spread = (double) slept.sleptNanos() / w;
        double oneSlot = (double) rounds * slept.minSleptNanos();
        return Math.max(longest, Math.max(spread, oneSlot)) / 1e6;
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
