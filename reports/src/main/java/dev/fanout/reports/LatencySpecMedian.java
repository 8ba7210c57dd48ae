package dev.fanout.reports;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The median of a latency spec, which is all the report needs of one: it sets the default latency
 * bound of the recommendation, and for a fixed latency it draws the ideal throughput line. The
 * benchmarks module has the full parser (sampling, validation); this one reads the same grammar and
 * nothing more.
 *
 * <pre>
 * fixed:20ms                   median 20 ms
 * uniform:10ms..30ms           median 20 ms (the midpoint)
 * lognormal:20ms,p99=200ms     median 20 ms
 * bimodal:10ms,500ms,0.01      median 10 ms (the fast mode while the slow fraction is below one half)
 * hdr:/path/service.hlog       the median of the recorded latencies (an HdrHistogram log in
 *                              microseconds, as run --save-latency writes one), if the file is here
 * </pre>
 * Durations are a number with the unit {@code us}, {@code ms} or {@code s}.
 *
 * @param spec     the spec as written
 * @param medianMs its median in milliseconds
 * @param fixed    whether every request gets exactly the median (a {@code fixed:} spec)
 */
public record LatencySpecMedian(String spec, double medianMs, boolean fixed) {

    private static final String DURATION = "([0-9]+(?:\\.[0-9]+)?)(us|ms|s)";
    private static final Pattern FIXED = Pattern.compile("fixed:" + DURATION);
    private static final Pattern UNIFORM = Pattern.compile("uniform:" + DURATION + "\\.\\." + DURATION);
    private static final Pattern LOGNORMAL = Pattern.compile("lognormal:" + DURATION + ",p99=" + DURATION);
    private static final Pattern BIMODAL = Pattern.compile("bimodal:" + DURATION + "," + DURATION + ",([0-9]+(?:\\.[0-9]+)?)");

    /**
     * Reads a latency spec.
     *
     * @throws IllegalArgumentException naming the spec when it is not of the grammar above
     */
    public static LatencySpecMedian parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("latency spec must not be null");
        }
        if (spec.strip().equals("target")) {
            throw new IllegalArgumentException("latency 'target' is a real service's own, not known before the run"
                    + " (bench --target); its efficiency is judged against the round trips measured");
        }
        if (spec.strip().startsWith("hdr:")) {
            return new LatencySpecMedian(spec, recordedMedianMs(spec.strip().substring(4)), false);
        }
        String s = spec.strip().toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = FIXED.matcher(s)).matches()) {
            return new LatencySpecMedian(spec, millis(m, 1), true);
        }
        if ((m = UNIFORM.matcher(s)).matches()) {
            return new LatencySpecMedian(spec, (millis(m, 1) + millis(m, 3)) / 2, false);
        }
        if ((m = LOGNORMAL.matcher(s)).matches()) {
            return new LatencySpecMedian(spec, millis(m, 1), false);
        }
        if ((m = BIMODAL.matcher(s)).matches()) {
            double fast = millis(m, 1);
            double slow = millis(m, 3);
            double slowFraction = Double.parseDouble(m.group(5));
            if (slowFraction > 1) {
                throw new IllegalArgumentException("latency spec '" + spec + "': the slow fraction must be between 0 and 1, got " + m.group(5));
            }
            // Exactly half and half has no single median value; the midpoint is the usual convention.
            double median = slowFraction < 0.5 ? fast : slowFraction > 0.5 ? slow : (fast + slow) / 2;
            return new LatencySpecMedian(spec, median, false);
        }
        throw new IllegalArgumentException("latency spec '" + spec + "' is not one of fixed:20ms, uniform:10ms..30ms, "
                + "lognormal:20ms,p99=200ms, bimodal:10ms,500ms,0.01 (units us, ms, s)");
    }

    /** @throws IllegalArgumentException naming the file, if it is not here or holds no latency */
    private static double recordedMedianMs(String file) {
        org.HdrHistogram.Histogram all = new org.HdrHistogram.Histogram(3);
        try (org.HdrHistogram.HistogramLogReader reader = new org.HdrHistogram.HistogramLogReader(file)) {
            for (org.HdrHistogram.EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                if (h instanceof org.HdrHistogram.Histogram interval) {
                    all.add(interval);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("latency spec 'hdr:" + file + "': cannot read " + file + " (" + e + ")", e);
        }
        if (all.getTotalCount() == 0) {
            throw new IllegalArgumentException("latency spec 'hdr:" + file + "': " + file + " holds no recorded latency");
        }
        return all.getValueAtPercentile(50) / 1000.0;
    }

    private static double millis(Matcher m, int group) {
        double value = Double.parseDouble(m.group(group));
        return switch (m.group(group + 1)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }
}
