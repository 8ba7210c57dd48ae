package dev.fanout.reports.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How numbers read in the report: few digits for people, full ones for machines (CSV). */
final class Numbers {

    /** Shown where a number is missing or not finite. */
    static final String NONE = "—";

    private Numbers() {
    }

    /** A rate or a count: {@code 4,812}, {@code 46.5}, {@code 3.89}. */
    static String rate(double value) {
        return readable(value);
    }

    /** A latency in milliseconds: {@code 255}, {@code 21.4}, {@code 1.42}. */
    static String millis(double value) {
        return readable(value);
    }

    /** A ratio such as the efficiency: {@code 0.97}. */
    static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : NONE;
    }

    /** A whole count with grouping: {@code 5,120}. */
    static String count(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : NONE;
    }

    /**
     * Requests beyond one per item, as the server counted them: {@code +1.4% requests}; empty below
     * 0.05% (every strategy but hedged calls once per input) or when the point does not carry it.
     */
    static String extraRequests(java.util.OptionalDouble share) {
        return share(share, "+%.1f%% requests");
    }

    /** Items that ended in a failure: {@code 25.0% failed}; empty below 0.05% or when the point does not carry it. */
    static String failed(java.util.OptionalDouble share) {
        return share(share, "%.1f%% failed");
    }

    private static String share(java.util.OptionalDouble share, String format) {
        if (share.isEmpty() || !(share.getAsDouble() >= 0.0005)) {
            return "";
        }
        return String.format(Locale.ROOT, format, share.getAsDouble() * 100);
    }

    /**
     * A number for a machine: six significant digits, never an exponent; non-finite values as
     * {@code NaN}, {@code Infinity}, {@code -Infinity}, which Java, Python and spreadsheets parse.
     */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String readable(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
