package dev.fanout.benchmarks.server;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A service's latency, recorded and replayed: {@code run --save-latency FILE} writes the round trips
 * it measured as an HdrHistogram log (the format of the suite's {@code .hlog} files, microseconds,
 * one interval), and {@code --latency hdr:FILE} draws delays from it ({@link LatencyProfile.Recorded}).
 *
 * <p>A draw picks a recorded value with probability proportional to its count (the inverse of the
 * recorded distribution: a binary search over cumulative counts, no allocation), then a point
 * uniformly within that value's bucket (the histogram keeps 3 significant digits, so the bucket is
 * at most 0.1% wide), from the caller's seeded generator: the same seed draws the same delays.
 */
public final class LatencyLog {

    private static final long HIGHEST_MICROS = 3_600_000_000L;

    /** The lowest microsecond of each recorded bucket, its highest, and the counts up to and with it. */
    private final long[] lows;
    private final long[] highs;
    private final long[] cumulative;
    private final Histogram micros;

    private LatencyLog(Histogram micros) {
        this.micros = micros;
        int n = 0;
        for (HistogramIterationValue ignored : micros.recordedValues()) {
            n++;
        }
        lows = new long[n];
        highs = new long[n];
        cumulative = new long[n];
        int i = 0;
        long sum = 0;
        for (HistogramIterationValue v : micros.recordedValues()) {
            long value = v.getValueIteratedTo();
            lows[i] = micros.lowestEquivalentValue(value);
            highs[i] = micros.highestEquivalentValue(value);
            sum += v.getCountAtValueIteratedTo();
            cumulative[i++] = sum;
        }
    }

    /**
     * Reads every interval of an HdrHistogram log into one distribution.
     *
     * @throws IllegalArgumentException naming the file, if it cannot be read, is not such a log, or
     *                                  holds no recorded value
     */
    public static LatencyLog read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file + " (no such readable file)");
        }
        Histogram all = new Histogram(HIGHEST_MICROS, 3);
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                if (h instanceof Histogram interval) {
                    all.add(interval);
                } else {
                    throw new IllegalArgumentException(file + " holds a histogram of doubles; expected microseconds as integers");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith(file.toString())) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot read " + file + " as an HdrHistogram log: " + e, e);
        }
        if (all.getTotalCount() == 0) {
            throw new IllegalArgumentException(file + " holds no recorded latency (an empty HdrHistogram log)");
        }
        return new LatencyLog(all);
    }

    /**
     * @param micros  round trips in microseconds
     * @param comment one line saying where they come from
     * @return an HdrHistogram log of one interval holding them
     */
    public static String write(Histogram micros, String comment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            long now = System.currentTimeMillis();
            writer.outputComment(comment);
            writer.outputComment("values in microseconds; replay with --latency hdr:FILE");
            writer.outputLogFormatVersion();
            writer.outputStartTime(now);
            writer.outputBaseTime(now);
            writer.setBaseTime(now);
            writer.outputLegend();
            Histogram copy = micros.copy();
            copy.setStartTimeStamp(now);
            copy.setEndTimeStamp(now);
            writer.outputIntervalHistogram(0, 0, copy, 1000.0);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return one delay in nanoseconds, drawn with {@code random} */
    long sampleNanos(SplittableRandom random) {
        long pick = random.nextLong(cumulative[cumulative.length - 1]);
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) { // the first bucket whose cumulative count exceeds the pick
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > pick) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long micros = lows[lo] + (highs[lo] > lows[lo] ? random.nextLong(highs[lo] - lows[lo] + 1) : 0);
        return micros * 1000;
    }

    /** @return the recorded value at this percentile, in microseconds */
    long percentileMicros(double percentile) {
        return micros.getValueAtPercentile(percentile);
    }

    /** @return how many values were recorded */
    public long count() {
        return micros.getTotalCount();
    }
}
