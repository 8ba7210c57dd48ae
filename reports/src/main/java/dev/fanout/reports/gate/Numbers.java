package dev.fanout.reports.gate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the gate writes numbers: three significant digits, JMH's spelling of the non-finite ones. */
final class Numbers {

    private Numbers() {
    }

    /** @return the number with three significant digits ({@code 3.89}, {@code 778}, {@code 0.0123}), or NaN, +INF, -INF */
    static String format(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "+INF" : "-INF";
        }
        if (Math.abs(x) >= 1000) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        return new BigDecimal(x).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** @return a fraction as a signed percentage with one decimal: {@code -20.0%}, {@code +3.1%}; {@code n/a} for NaN */
    static String signedPercent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return Double.isNaN(fraction) ? "n/a" : format(fraction);
        }
        double percent = Math.abs(fraction) < 0.0005 ? 0 : fraction * 100; // no "-0.0%"
        return String.format(Locale.ROOT, "%+.1f%%", percent);
    }

    /** @return the median of sorted values; NaN when there are none */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
