package dev.fanout.benchmarks.jmh;

import com.google.gson.GsonBuilder;
import dev.fanout.benchmarks.workload.IdealMakespan;
import dev.fanout.benchmarks.workload.Percentiles;
import dev.fanout.benchmarks.workload.Span;
import dev.fanout.benchmarks.workload.Workload;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark point records inside its forked JVM, shared between the benchmark (which
 * records every request) and {@link LatencyProfiler} (which turns each measurement iteration into
 * JMH secondary results and HdrHistogram files). One point runs per fork at a time, so one instance
 * per JVM is enough.
 *
 * <p>Latencies go into {@link Recorder}s, in microseconds: each iteration takes an interval histogram,
 * writes it to the point's {@code .hlog} and adds it to the point's total for the {@code .hgrm}.
 */
final class PointRecording {

    static final PointRecording CURRENT = new PointRecording();

    /** Upper bound of the histograms: an hour, in microseconds. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    final Recorder service = new Recorder(HIGHEST_MICROS, 3);
    final Recorder sojourn = new Recorder(HIGHEST_MICROS, 3);

    private volatile Workload workload;
    private volatile double capacityRps;
    private volatile long warmupCalls;
    private volatile boolean captureSpans;
    private final List<Span> spans = new ArrayList<>();
    private double makespanMsOfSpans;

    // per iteration, touched by the benchmark thread between the profiler's before/after calls
    private double efficiencySum;
    private double idealMsSum;
    private long batches;

    // per point, touched by the profiler only
    private Histogram serviceTotal;
    private Histogram sojournTotal;
    private Histogram serviceInterval;
    private Histogram sojournInterval;
    private HistogramLogWriter serviceLog;
    private HistogramLogWriter sojournLog;
    private PrintStream serviceLogStream;
    private PrintStream sojournLogStream;

    private PointRecording() {
    }

    // ------------------------------------------------------------ the benchmark's side

    /**
     * @param capacityRps the harness capacity of the point's client, or 0 for none (the sim)
     * @param warmupCalls the calls the fork made to warm up before JMH's iterations
     */
    void attach(Workload workload, double capacityRps, long warmupCalls) {
        this.workload = workload;
        this.capacityRps = capacityRps;
        this.warmupCalls = warmupCalls;
    }

    double capacityRps() {
        return capacityRps;
    }

    boolean capturingSpans() {
        return captureSpans;
    }

    synchronized void batchDone(double makespanMs, double calibratedIdealMs, List<Span> batchSpans) {
        if (makespanMs > 0) {
            efficiencySum += IdealMakespan.efficiency(calibratedIdealMs, makespanMs);
            idealMsSum += calibratedIdealMs;
            batches++;
        }
        if (batchSpans != null && captureSpans) {
            spans.clear();
            spans.addAll(batchSpans);
            makespanMsOfSpans = makespanMs;
            captureSpans = false;
        }
    }

    // ------------------------------------------------------------ the profiler's side

    /** Calls that did not succeed (a refusal, a 429, a timeout...), counted per iteration for {@code bench --target}. */
    final java.util.concurrent.atomic.LongAdder failed = new java.util.concurrent.atomic.LongAdder();

    /** Starts an iteration: forget what the previous one (or the warm-up) recorded. */
    synchronized void startIteration(boolean captureSpansThisIteration) {
        failed.reset();
        serviceInterval = service.getIntervalHistogram(serviceInterval);
        sojournInterval = sojourn.getIntervalHistogram(sojournInterval);
        efficiencySum = 0;
        idealMsSum = 0;
        batches = 0;
        if (workload != null) {
            workload.resetStats();
        }
        if (captureSpansThisIteration) {
            spans.clear();
            captureSpans = true;
        }
    }

    /** What one measurement iteration showed. */
    record Iteration(Percentiles service, Percentiles sojourn, double efficiency, double idealMs, int maxInFlight,
                     long batches, long requests) {
    }

    /** Ends a measurement iteration: its percentiles, written to the point's logs. */
    synchronized Iteration endMeasurementIteration(Path dir, String pointId) {
        serviceInterval = service.getIntervalHistogram(serviceInterval);
        sojournInterval = sojourn.getIntervalHistogram(sojournInterval);
        try {
            openLogs(dir, pointId, serviceInterval.getStartTimeStamp());
            writeInterval(serviceLog, serviceInterval);
            writeInterval(sojournLog, sojournInterval);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        serviceTotal.add(serviceInterval);
        sojournTotal.add(sojournInterval);
        int maxInFlight = workload == null ? 0 : workload.stats().maxInFlight();
        long requests = workload == null ? 0 : workload.stats().requests();
        double efficiency = batches == 0 ? Double.NaN : efficiencySum / batches;
        double idealMs = batches == 0 ? Double.NaN : idealMsSum / batches;
        return new Iteration(Percentiles.ofMicros(serviceInterval), Percentiles.ofMicros(sojournInterval),
                efficiency, idealMs, maxInFlight, batches, requests);
    }

    /** Ends the point: closes the logs, writes the percentile distributions and the timeline. */
    synchronized void finishPoint(Path dir, String pointId, Map<String, Object> pointParams) {
        try {
            if (serviceLog != null) {
                serviceLogStream.close();
                sojournLogStream.close();
                writeDistribution(dir.resolve("hdr").resolve(pointId + ".service.hgrm"), serviceTotal);
                writeDistribution(dir.resolve("hdr").resolve(pointId + ".sojourn.hgrm"), sojournTotal);
            }
            if (!spans.isEmpty()) {
                Map<String, Object> timeline = new LinkedHashMap<>(pointParams);
                timeline.put("makespanMs", makespanMsOfSpans);
                timeline.put("warmupCalls", warmupCalls);
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Span s : spans) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("index", s.index());
                    row.put("queuedMs", s.queuedMs());
                    row.put("startMs", Double.isNaN(s.startMs()) ? null : s.startMs());
                    row.put("endMs", s.endMs());
                    row.put("outcome", s.outcome());
                    rows.add(row);
                }
                timeline.put("spans", rows);
                Path file = dir.resolve("timelines").resolve(pointId + ".json");
                Files.createDirectories(file.getParent());
                Files.writeString(file, new GsonBuilder().serializeNulls().create().toJson(timeline));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            serviceLog = null;
            sojournLog = null;
            serviceTotal = null;
            sojournTotal = null;
            spans.clear();
            captureSpans = false;
        }
    }

    /** One interval: timestamps in seconds from the log's base time, the max printed in milliseconds. */
    private static void writeInterval(HistogramLogWriter log, Histogram micros) {
        long base = log.getBaseTime();
        log.outputIntervalHistogram((micros.getStartTimeStamp() - base) / 1000.0, (micros.getEndTimeStamp() - base) / 1000.0,
                micros, 1000.0);
    }

    private void openLogs(Path dir, String pointId, long startMillis) throws IOException {
        if (serviceLog != null) {
            return;
        }
        Path hdr = dir.resolve("hdr");
        Files.createDirectories(hdr);
        serviceLogStream = new PrintStream(Files.newOutputStream(hdr.resolve(pointId + ".service.hlog")), true);
        sojournLogStream = new PrintStream(Files.newOutputStream(hdr.resolve(pointId + ".sojourn.hlog")), true);
        serviceLog = startLog(serviceLogStream, startMillis, pointId + " service latency, microseconds: request sent -> response received");
        sojournLog = startLog(sojournLogStream, startMillis, pointId + " sojourn latency, microseconds: batch start -> item done");
        serviceTotal = new Histogram(HIGHEST_MICROS, 3);
        sojournTotal = new Histogram(HIGHEST_MICROS, 3);
    }

    private static HistogramLogWriter startLog(PrintStream out, long startMillis, String comment) {
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputComment(comment);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.outputBaseTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        return writer;
    }

    private static void writeDistribution(Path file, Histogram micros) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false)) {
            micros.outputPercentileDistribution(out, 1000.0); // microseconds recorded, printed in milliseconds
        }
    }
}
