package dev.fanout.reports.gate;

import dev.fanout.reports.jmh.JmhPoint;
import dev.fanout.reports.jmh.Metric;

import java.util.Collection;
import java.util.Optional;

/**
 * How much CPU other processes took while each run's points were measured (the benchmark's
 * {@value #OTHER_CORES} metric, docs/results-format.md), and what that means for the verdict.
 *
 * <p>The peers cancel a machine that is slower as a whole. They do not cancel a neighbour that takes
 * a core away, because strategies differ in how much a lost core costs them: measured on the
 * project's 2-core machine, with a process spinning on one core beside an unchanged smoke run,
 * {@code worker-pool} read 8 to 11% slower against the peers (three runs). The gate cannot tell that from a regression,
 * so it does not try; it says the machine was busy, so that nobody trusts such a run's regression
 * before a rerun on a quiet machine. It never changes a verdict.
 *
 * @param baselineMaxCores the most cores other processes took during one of the baseline's points; NaN when not measured
 * @param currentMaxCores  the same for the current run
 */
public record MachineLoad(double baselineMaxCores, double currentMaxCores) {

    /** The benchmark's metric: the cores the rest of the machine used while a point was measured. */
    public static final String OTHER_CORES = "machine.otherCores";

    /**
     * From this many cores on, on average over a point, the run shared its machine. A quiet machine
     * reads 0.00 to 0.08 (measured: every point of 33 smoke runs on the project's 2-core machine: the
     * kernel's own work, the JMH parent taking the fork's results, rounding to clock ticks); a
     * neighbour spinning on one core reads 1.0.
     */
    public static final double BUSY_CORES = 0.25;

    public static final MachineLoad NOT_MEASURED = new MachineLoad(Double.NaN, Double.NaN);

    /** @return the load of the points of both runs that are compared */
    static MachineLoad of(Collection<JmhPoint> baseline, Collection<JmhPoint> current) {
        return new MachineLoad(maxCores(baseline), maxCores(current));
    }

    /** @return the most cores other processes took during one of the points; NaN when none measured it */
    static double maxCores(Collection<JmhPoint> points) {
        return points.stream().map(p -> p.metric(OTHER_CORES)).flatMap(Optional::stream).mapToDouble(Metric::score)
                .filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** @return whether either run was measured while other processes took a share of the machine */
    public boolean busy() {
        return busy(currentMaxCores) || busy(baselineMaxCores);
    }

    /** @return whether a run whose busiest point saw {@code maxCores} shared its machine */
    static boolean busy(double maxCores) {
        return maxCores >= BUSY_CORES;
    }

    /** @return whether either run measured it */
    public boolean measured() {
        return !Double.isNaN(baselineMaxCores) || !Double.isNaN(currentMaxCores);
    }

    /** @return one line for the console and the Markdown */
    public String text() {
        if (!measured()) {
            return "not measured (the runs carry no " + OTHER_CORES + ": made before it, or not on Linux)";
        }
        String cores = "the CPU other processes took while a point was measured: baseline " + cores(baselineMaxCores)
                + ", current run " + cores(currentMaxCores);
        if (!busy()) {
            return cores + ": quiet";
        }
        String which = busy(currentMaxCores) && busy(baselineMaxCores) ? "both runs"
                : busy(currentMaxCores) ? "the current run" : "the baseline";
        return cores + ": BUSY (" + which + " shared the machine, " + Numbers.format(BUSY_CORES) + " cores or more): a strategy"
                + " that loses more than the peers to a missing core reads as slower, so rerun on a quiet machine before"
                + " trusting a regression (not gated)";
    }

    private static String cores(double c) {
        return Double.isNaN(c) ? "not measured" : "at most " + twoDecimals(c) + " cores";
    }

    static String twoDecimals(double cores) {
        return String.format(java.util.Locale.ROOT, "%.2f", cores);
    }
}
