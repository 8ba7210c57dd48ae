package dev.fanout.reports.gate;

import dev.fanout.reports.jmh.JmhPoint;

import java.util.Locale;
import java.util.Objects;

/**
 * What the gate needs besides the two result files. Built with {@link #builder()}; every setter
 * checks its argument and names it when it refuses one.
 */
public final class GateOptions {

    /** 10%: catches a real slowdown; workable on shared machines because the machine is cancelled out first. */
    public static final double DEFAULT_TOLERANCE = 0.10;

    /** The parameter that names the project's strategies: the points the gate judges. */
    public static final String DEFAULT_STRATEGY_PARAMETER = JmhPoint.STRATEGY;

    /** The parameter that names the peers: the yardstick points, measured in the same run. */
    public static final String DEFAULT_PEER_PARAMETER = JmhPoint.PEER;

    /**
     * How far, in multiples of the tolerance, the harness's capacity or overhead must move before
     * the gate calls the harness slower or faster: the calibration is a few thousand requests, with
     * nothing in the same run to cancel the machine against (docs/gate.md).
     */
    public static final double HARNESS_TOLERANCE_FACTOR = 2.0;

    private final double tolerance;
    private final String strategyParameter;
    private final String peerParameter;
    private final boolean failOnHarness;

    private GateOptions(Builder builder) {
        this.tolerance = builder.tolerance;
        this.strategyParameter = builder.strategyParameter;
        this.peerParameter = builder.peerParameter;
        this.failOnHarness = builder.failOnHarness;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return tolerance 10%, strategies named by {@code strategy}, peers by {@code peer}, a slower harness shown but not failed */
    public static GateOptions defaults() {
        return builder().build();
    }

    /** @return the relative change a metric may make without being a regression or a gain, as a fraction */
    public double tolerance() {
        return tolerance;
    }

    /**
     * @return the parameter that names the things judged: points whose other parameters are all
     *         equal are measured in the same run under the same load
     */
    public String strategyParameter() {
        return strategyParameter;
    }

    /**
     * @return the parameter that names the yardsticks: a point with it is a peer, and the peers with
     *         a strategy point's other parameters measure how the machine moved for it
     */
    public String peerParameter() {
        return peerParameter;
    }

    /** @return whether a slower harness (calibration.json against the baseline's) fails the gate, exit 1 */
    public boolean failOnHarness() {
        return failOnHarness;
    }

    /** @return the relative change of the harness's capacity or overhead that counts */
    public double harnessTolerance() {
        return tolerance * HARNESS_TOLERANCE_FACTOR;
    }

    /**
     * Parses the command line's {@code --tolerance}: a percentage ({@code 10%}) or a fraction
     * ({@code 0.1}), more than 0 and less than 100%.
     *
     * @throws IllegalArgumentException with a one-line message naming {@code --tolerance}
     */
    public static double parseTolerance(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--tolerance: missing value; give a percentage like 10% or a fraction like 0.1");
        }
        String t = text.trim();
        boolean percent = t.endsWith("%");
        double value;
        try {
            value = Double.parseDouble(percent ? t.substring(0, t.length() - 1).trim() : t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--tolerance: '" + t + "' is not a percentage like 10% or a fraction like 0.1");
        }
        double fraction = percent ? value / 100 : value;
        if (!(fraction > 0 && fraction < 1)) {
            String hint = !percent && value >= 1 && value < 100 ? "; did you mean " + t + "%?" : "";
            throw new IllegalArgumentException("--tolerance: '" + t + "' is out of range: use more than 0% and less than 100%" + hint);
        }
        return fraction;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "tolerance %s, strategies named by %s, peers by %s, %s", percent(tolerance),
                strategyParameter, peerParameter, failOnHarness ? "a slower harness fails" : "a slower harness is shown");
    }

    /** @return a fraction as a percentage with at most one decimal, like {@code 10%} or {@code 2.5%} */
    static String percent(double fraction) {
        double p = Math.round(fraction * 1000) / 10.0;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }

    public static final class Builder {
        private double tolerance = DEFAULT_TOLERANCE;
        private String strategyParameter = DEFAULT_STRATEGY_PARAMETER;
        private String peerParameter = DEFAULT_PEER_PARAMETER;
        private boolean failOnHarness;

        private Builder() {
        }

        /** @param tolerance a fraction, more than 0 and less than 1 (0.1 is 10%) */
        public Builder tolerance(double tolerance) {
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be a fraction more than 0 and less than 1 (0.1 is 10%): " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** @param name the JMH parameter that names the things judged, {@code strategy} here */
        public Builder strategyParameter(String name) {
            this.strategyParameter = parameterName("strategyParameter", name);
            return this;
        }

        /** @param name the JMH parameter that names the yardsticks, {@code peer} here */
        public Builder peerParameter(String name) {
            this.peerParameter = parameterName("peerParameter", name);
            return this;
        }

        /** @param fail whether a slower harness fails the gate (exit 1); by default it is shown, not failed */
        public Builder failOnHarness(boolean fail) {
            this.failOnHarness = fail;
            return this;
        }

        private static String parameterName(String what, String name) {
            Objects.requireNonNull(name, what);
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " must name a JMH parameter, got a blank name");
            }
            return name;
        }

        public GateOptions build() {
            if (strategyParameter.equals(peerParameter)) {
                throw new IllegalArgumentException("strategyParameter and peerParameter must differ, both are " + peerParameter);
            }
            return new GateOptions(this);
        }
    }
}
