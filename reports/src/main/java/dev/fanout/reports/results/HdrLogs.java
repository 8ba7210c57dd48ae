package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HdrHistogram log (.hlog, values in microseconds) into one merged distribution.
 *
 * <p>{@link HistogramLogReader} answers a line it cannot decode by returning null, exactly as it
 * does at the end of the file, so a truncated or corrupt log would read as a shorter one. The
 * interval lines are therefore counted first and every one of them must decode.
 */
final class HdrLogs {

    /** Percentile steps per halving of the distance to 100%, as the plotter's .hgrm output uses. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final double MICROS_PER_MILLI = 1000.0;

    private HdrLogs() {
    }

    static LatencyDistribution read(Path file) throws ResultsException {
        int intervalLines = countIntervalLines(file);
        if (intervalLines == 0) {
            throw new ResultsException(file, "holds no histogram interval (empty or not an HdrHistogram log)");
        }
        Histogram merged = new Histogram(3);
        int decoded = 0;
        try (InputStream in = Files.newInputStream(file); HistogramLogReader reader = new HistogramLogReader(in)) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (!(interval instanceof AbstractHistogram integerHistogram)) {
                    throw new ResultsException(file, "holds a " + interval.getClass().getSimpleName()
                            + "; expected integer microsecond histograms");
                }
                merged.add(integerHistogram);
                decoded++;
            }
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + JsonFields.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // A damaged payload can surface as an exception from the decoder rather than as a null.
            throw undecodable(file, decoded, intervalLines, e);
        }
        if (decoded < intervalLines) {
            throw undecodable(file, decoded, intervalLines, null);
        }
        return distribution(merged);
    }

    private static ResultsException undecodable(Path file, int decoded, int intervals, Throwable cause) {
        return new ResultsException(file, "not a readable HdrHistogram log: interval " + (decoded + 1) + " of " + intervals
                + " does not decode (truncated or corrupt?)", cause);
    }

    private static int countIntervalLines(Path file) throws ResultsException {
        try (BufferedReader lines = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            int count = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#") && !s.startsWith("\"StartTimestamp\"")) {
                    count++;
                }
            }
            return count;
        } catch (NoSuchFileException e) {
            throw new ResultsException(file, "no such file");
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + JsonFields.firstLine(e.getMessage()), e);
        }
    }

    private static LatencyDistribution distribution(Histogram histogram) {
        List<LatencyDistribution.Percentile> points = new ArrayList<>();
        for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double millis = histogram.highestEquivalentValue(v.getValueIteratedTo()) / MICROS_PER_MILLI;
            points.add(new LatencyDistribution.Percentile(v.getPercentileLevelIteratedTo(), millis));
        }
        return new LatencyDistribution(histogram.getTotalCount(), points);
    }
}
