package dev.fanout.reports.gate;

import dev.fanout.reports.jmh.Metric;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.List;

/**
 * Whether a change stands out from the noise the two runs themselves show: Welch's t-test on the
 * per-iteration samples JMH keeps ({@code rawData}), one-sided in the direction of the change.
 *
 * <p>Why not "the confidence intervals must not overlap": two 99.9% intervals apart is a test at a
 * level far stricter than 99.9%, so with the ten iterations of the smoke profile a 20% slowdown
 * often hides inside them. The t-test asks the right question of the same samples at a stated
 * level, {@value #SIGNIFICANCE}, and the gate still requires the change to exceed the tolerance.
 */
final class NoiseTest {

    /** One-sided significance: the chance that noise alone passes for a change this large. */
    static final double SIGNIFICANCE = 0.001;

    /** Fewer samples than this per side and the variance means nothing: fall back to the intervals. */
    static final int MIN_SAMPLES = 3;

    private NoiseTest() {
    }

    /** @return whether both metrics carry enough finite samples for the test */
    static boolean applicable(Metric baseline, Metric current) {
        return usable(baseline.samples()) && usable(current.samples());
    }

    private static boolean usable(List<Double> samples) {
        return samples.size() >= MIN_SAMPLES && samples.stream().allMatch(Double::isFinite);
    }

    /**
     * @param scale the baseline is multiplied by this first (the yardstick's drift, or 1)
     * @return the one-sided p-value of the current mean lying beyond the scaled baseline mean, in the
     *         direction it moved; 1 when the means are equal
     */
    static double pValue(Metric baseline, Metric current, double scale) {
        double[] b = stats(baseline.samples(), scale);
        double[] c = stats(current.samples(), 1);
        double vb = b[1] / b[2];
        double vc = c[1] / c[2];
        double difference = Math.abs(c[0] - b[0]);
        if (difference == 0) {
            return 1;
        }
        double se = Math.sqrt(vb + vc);
        if (se == 0) {
            return 0; // no noise at all, and the means differ
        }
        double df = (vb + vc) * (vb + vc) / (vb * vb / (b[2] - 1) + vc * vc / (c[2] - 1));
        return 1 - new TDistribution(null, df).cumulativeProbability(difference / se);
    }

    /** @return mean, sample variance and count, of the samples times scale */
    private static double[] stats(List<Double> samples, double scale) {
        int n = samples.size();
        double mean = 0;
        for (double x : samples) {
            mean += x * scale;
        }
        mean /= n;
        double sum = 0;
        for (double x : samples) {
            double d = x * scale - mean;
            sum += d * d;
        }
        return new double[]{mean, sum / (n - 1), n};
    }
}
