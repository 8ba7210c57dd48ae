package dev.fanout.reports.jmh;

import java.util.List;

/**
 * One metric of one JMH point: the primary metric or a secondary one.
 *
 * @param name  {@code primary} for the primary metric, else the secondary metric's label
 * @param score the score; may be NaN or infinite (JMH writes those as "NaN", "+INF", "-INF")
 * @param error the half-width of the 99.9% confidence interval JMH reports; NaN when JMH had too
 *              few samples to compute one
 * @param unit  the unit as JMH wrote it: {@code ops/s}, {@code ms/op}, {@code ms}, {@code ratio}...
 * @param samples the per-iteration values JMH kept ({@code rawData}, all forks together); empty
 *              when the file has none
 */
public record Metric(String name, double score, double error, String unit, List<Double> samples) {

    public Metric {
        samples = List.copyOf(samples);
    }

    /** A metric without per-iteration samples. */
    public Metric(String name, double score, double error, String unit) {
        this(name, score, error, unit, List.of());
    }

    /** @return whether the score is a finite number */
    public boolean finite() {
        return Double.isFinite(score);
    }

    /** @return the error, or 0 when JMH gave none (NaN) */
    public double errorOrZero() {
        return Double.isFinite(error) ? error : 0;
    }

    /** @return score - error */
    public double low() {
        return score - errorOrZero();
    }

    /** @return score + error */
    public double high() {
        return score + errorOrZero();
    }
}
