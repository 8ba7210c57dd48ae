package dev.fanout.reports.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The harness compared with the baseline's: capacity and overhead from the two runs'
 * {@code calibration.json}. The harness (client, server, and the run machinery the calibration
 * drives) is the project's code too, but it moves the peers and the strategies alike, so the points
 * cannot show it getting slower; this line does.
 *
 * <p>Its rule: capacity must drop, or overhead rise, by more than {@link GateOptions#harnessTolerance()}
 * (twice the gate's tolerance), and overhead also by more than {@value #OVERHEAD_FLOOR_MS} ms and by
 * more than {@value #SCATTER_FACTOR} times its own scatter: the spread of its calibration rounds,
 * measured before the points and again after them, the larger of the two runs' (a late timer wake-up
 * moved the overhead by a tenth of a millisecond between quiet runs of unchanged code). It is
 * shown, and fails the gate only with {@link GateOptions#failOnHarness()}: the calibration is a few
 * thousand requests on whatever machine the run got, with nothing in the same run to cancel the
 * machine against (docs/gate.md).
 *
 * @param status         slower, faster, unchanged, or not compared
 * @param baseline       the baseline's calibration, when there is one
 * @param current        the current run's calibration, when there is one
 * @param capacityChange current / baseline capacity - 1; NaN when not compared
 * @param overheadDelta  current - baseline overhead, in ms; NaN when not compared
 * @param text           one line for people: the numbers and what they mean, or why nothing was compared
 */
public record HarnessComparison(Status status, Optional<HarnessCalibration> baseline, Optional<HarnessCalibration> current,
                                double capacityChange, double overheadDelta, String text) {

    /**
     * A change of overhead smaller than this is not a change: it is what one late timer wake-up
     * costs on Linux (timer slack: docs/design.md, "Harness facts"), and the overhead is a p50 of a
     * few hundred requests.
     */
    public static final double OVERHEAD_FLOOR_MS = 0.05;

    /**
     * How many times the overhead's own scatter (its calibration rounds before and after the points,
     * largest minus smallest, the larger of the two runs') a change must exceed to count: a run whose
     * overhead scattered by 0.1 ms cannot tell a 0.1 ms change between runs.
     */
    public static final double SCATTER_FACTOR = 2.0;

    /** What the comparison found. */
    public enum Status {
        /** Capacity dropped or overhead rose beyond the harness tolerance: a regression of the harness. */
        SLOWER("slower"),
        /** Capacity rose or overhead dropped beyond the harness tolerance, and nothing got slower. */
        FASTER("faster"),
        /** Both within the harness tolerance. */
        UNCHANGED("unchanged"),
        /** A side has no calibration, or the two were measured in ways that do not compare. */
        NOT_COMPARED("not compared");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public HarnessComparison {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(text, "text");
    }

    /** @return a comparison that was not made, and why */
    public static HarnessComparison notCompared(String why) {
        return new HarnessComparison(Status.NOT_COMPARED, Optional.empty(), Optional.empty(), Double.NaN, Double.NaN, why);
    }

    /**
     * @param baseline        the baseline's calibration, if it has one
     * @param baselineMissing why it has none (where it was looked for), when it has none
     * @param current         the current run's calibration, if it has one
     * @param currentMissing  why it has none, when it has none
     */
    public static HarnessComparison compare(Optional<HarnessCalibration> baseline, String baselineMissing,
                                            Optional<HarnessCalibration> current, String currentMissing, GateOptions options) {
        if (baseline.isEmpty() || current.isEmpty()) {
            List<String> why = new ArrayList<>();
            if (baseline.isEmpty()) {
                why.add(baselineMissing);
            }
            if (current.isEmpty()) {
                why.add(currentMissing);
            }
            return new HarnessComparison(Status.NOT_COMPARED, baseline, current, Double.NaN, Double.NaN,
                    "not compared: " + String.join("; ", why));
        }
        HarnessCalibration b = baseline.get();
        HarnessCalibration c = current.get();
        if (b.client().isPresent() && c.client().isPresent() && !b.client().equals(c.client())) {
            return new HarnessComparison(Status.NOT_COMPARED, baseline, current, Double.NaN, Double.NaN,
                    "not compared: measured with different clients (baseline " + b.client().get() + ", current run "
                            + c.client().get() + ")");
        }
        double tolerance = options.harnessTolerance();
        double capacityChange = c.capacityRps() / b.capacityRps() - 1;
        double baseOverhead = b.overheadMs();
        double overheadDelta = c.overheadMs() - baseOverhead;
        double scatter = Math.max(nanToZero(b.overheadSpreadMs()), nanToZero(c.overheadSpreadMs()));
        double overheadAllowed = Math.max(Math.max(OVERHEAD_FLOOR_MS, tolerance * Math.abs(baseOverhead)), SCATTER_FACTOR * scatter);
        double capacityScatter = Math.max(nanToZero(b.capacitySpread()), nanToZero(c.capacitySpread()));
        double capacityAllowed = Math.max(tolerance, SCATTER_FACTOR * capacityScatter);
        boolean capacitySlower = capacityChange < -capacityAllowed;
        boolean overheadSlower = overheadDelta > overheadAllowed;
        boolean faster = capacityChange > capacityAllowed || overheadDelta < -overheadAllowed;
        Status status = capacitySlower || overheadSlower ? Status.SLOWER : faster ? Status.FASTER : Status.UNCHANGED;

        String overhead = String.format(Locale.ROOT, "overhead %s -> %s ms (%s ms%s)", Numbers.format(b.overheadMs()),
                Numbers.format(c.overheadMs()), signed(overheadDelta), scatterText(scatter));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "capacity %s -> %s requests/s (%s%s), %s: %s",
                Numbers.format(b.capacityRps()), Numbers.format(c.capacityRps()), Numbers.signedPercent(capacityChange),
                capacityScatter > 0 ? "; before and after the points " + GateOptions.percent(capacityScatter) + " apart" : "",
                overhead, status.text()));
        if (status == Status.SLOWER) {
            List<String> what = new ArrayList<>();
            if (capacitySlower) {
                what.add("capacity down by more than " + GateOptions.percent(capacityAllowed));
            }
            if (overheadSlower) {
                what.add("overhead up by more than " + Numbers.format(overheadAllowed) + " ms");
            }
            text.append(" (").append(String.join(", ", what)).append("): a regression of the harness (client, server or run"
                    + " machinery), which moves the peers and the strategies alike, so no point can show it; or a busier machine,"
                    + " which one calibration cannot tell from it");
        } else {
            text.append(" (within ±").append(GateOptions.percent(tolerance)).append(")");
        }
        if (b.warmupRequests() >= 0 && c.warmupRequests() >= 0 && b.warmupRequests() != c.warmupRequests()) {
            text.append("; warmed up differently (").append(b.warmupRequests()).append(" and ").append(c.warmupRequests())
                    .append(" requests)");
        }
        untrustworthy("baseline", b).ifPresent(text::append);
        untrustworthy("current run", c).ifPresent(text::append);
        return new HarnessComparison(status, baseline, current, capacityChange, overheadDelta, text.toString());
    }

    /** @return whether both calibrations say their numbers can be trusted */
    public boolean trustworthy() {
        return baseline.map(HarnessCalibration::trustworthy).orElse(false) && current.map(HarnessCalibration::trustworthy).orElse(false);
    }

    /** @return whether this fails the gate: slower, both calibrations trustworthy, and asked to ({@link GateOptions#failOnHarness()}) */
    public boolean fails(GateOptions options) {
        return status == Status.SLOWER && options.failOnHarness() && trustworthy();
    }

    private static Optional<String> untrustworthy(String side, HarnessCalibration calibration) {
        if (calibration.trustworthy()) {
            return Optional.empty();
        }
        return Optional.of("; the " + side + "'s calibration says it cannot be trusted"
                + calibration.warning().map(w -> " (" + w + ")").orElse("") + ", so this never fails the gate");
    }

    private static double nanToZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    private static String scatterText(double scatter) {
        return scatter > 0 ? "; its calibration rounds " + Numbers.format(scatter) + " ms apart" : "";
    }

    private static String signed(double ms) {
        return (ms >= 0 ? "+" : "") + Numbers.format(ms);
    }
}
