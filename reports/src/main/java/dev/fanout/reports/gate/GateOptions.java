package dev.fanout.reports.gate;

import java.util.Locale;
import java.util.Objects;

/**
 * What the gate needs besides the two result files. Built with {@link #builder()}; every setter
 * checks its argument and names it when it refuses one.
 */
public final class GateOptions {

    /** 10%: catches a real slowdown; workable on shared machines because the machine is cancelled out first. */
    public static final double DEFAULT_TOLERANCE = 0.10;

    /** The parameter whose values are compared against each other within one run. */
    public static final String DEFAULT_PEER_PARAMETER = "strategy";

    private final double tolerance;
    private final String peerParameter;

    private GateOptions(Builder builder) {
        this.tolerance = builder.tolerance;
        this.peerParameter = builder.peerParameter;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return tolerance 10%, peers differ in {@code strategy} */
    public static GateOptions defaults() {
        return builder().build();
    }

    /** @return the relative change a metric may make without being a regression or a gain, as a fraction */
    public double tolerance() {
        return tolerance;
    }

    /**
     * @return the parameter that tells peers apart: points whose other parameters are all equal are
     *         measured in the same run under the same load, so a slower machine moves them together
     */
    public String peerParameter() {
        return peerParameter;
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
        return String.format(Locale.ROOT, "tolerance %s, peers differ in %s", percent(tolerance), peerParameter);
    }

    /** @return a fraction as a percentage with at most one decimal, like {@code 10%} or {@code 2.5%} */
    static String percent(double fraction) {
        double p = Math.round(fraction * 1000) / 10.0;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }

    public static final class Builder {
        private double tolerance = DEFAULT_TOLERANCE;
        private String peerParameter = DEFAULT_PEER_PARAMETER;

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

        /** @param name the JMH parameter whose values are the things compared, {@code strategy} here */
        public Builder peerParameter(String name) {
            Objects.requireNonNull(name, "peerParameter");
            if (name.isBlank()) {
                throw new IllegalArgumentException("peerParameter must name a JMH parameter, got a blank name");
            }
            this.peerParameter = name;
            return this;
        }

        public GateOptions build() {
            return new GateOptions(this);
        }
    }
}
