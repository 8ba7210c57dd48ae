package dev.fanout.benchmarks.suite;

import dev.fanout.benchmarks.jmh.BenchmarkSettings;
import dev.fanout.benchmarks.jmh.FanOutBenchmark;
import dev.fanout.benchmarks.jmh.LatencyProfiler;
import dev.fanout.benchmarks.workload.Calibration;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a {@link BenchProfile} point by point, each point its own JMH run in forked JVMs, and keeps
 * the results folder complete after every point. Point by point because JMH writes its JSON only at
 * the end of a run: this way an interrupted suite keeps what it finished, and progress (points done,
 * time left) is known.
 */
public final class BenchSuite {

    public static final String BENCHMARK = FanOutBenchmark.class.getName() + ".fanOut";

    /** System properties forwarded to every fork: strategy substitutions ({@code fanout.strategy.<name>}). */
    private static final String FORWARDED_PREFIX = dev.fanout.strategies.StrategyRegistry.SUBSTITUTE_PREFIX;

    private final BenchProfile profile;
    private final Calibration calibration;
    private final ResultsFolder folder;
    private final PrintStream out;

    public BenchSuite(BenchProfile profile, Calibration calibration, ResultsFolder folder, PrintStream out) {
        this.profile = profile;
        this.calibration = calibration;
        this.folder = folder;
        this.out = out;
    }

    /** Runs every point; returns when all are done. */
    public void run() throws RunnerException, IOException {
        List<BenchPoint> points = folder.points();
        long started = System.nanoTime();
        for (int i = 0; i < points.size(); i++) {
            BenchPoint point = points.get(i);
            RunResult result = new Runner(options(point).build()).runSingle();
            folder.pointDone(i, result);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Duration left = elapsed.dividedBy(i + 1).multipliedBy(points.size() - i - 1);
            out.println(progressLine(i + 1, points.size(), point, result, left));
        }
        folder.finished();
    }

    private ChainedOptionsBuilder options(BenchPoint point) {
        List<String> jvmArgs = new ArrayList<>(List.of(FanOutBenchmark.FORK_JVM_ARGS));
        jvmArgs.add("-D" + BenchmarkSettings.RESULTS_DIR + "=" + folder.dir().toAbsolutePath());
        jvmArgs.add("-D" + BenchmarkSettings.CAPACITY_RPS + "=" + calibration.capacityRps());
        for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
            if (p.getKey().toString().startsWith(FORWARDED_PREFIX)) {
                jvmArgs.add("-D" + p.getKey() + "=" + p.getValue());
            }
        }
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(BENCHMARK) + "$")
                .forks(profile.forks())
                .warmupIterations(profile.warmupIterations())
                .warmupTime(TimeValue.milliseconds(profile.warmupTime().toMillis()))
                .measurementIterations(profile.measurementIterations())
                .measurementTime(TimeValue.milliseconds(profile.measurementTime().toMillis()))
                .addProfiler(LatencyProfiler.class)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        point.params().forEach(b::param);
        return b;
    }

    private static String progressLine(int done, int total, BenchPoint p, RunResult r, Duration left) {
        Result<?> primary = r.getPrimaryResult();
        Map<String, Result> secondary = r.getSecondaryResults();
        double efficiency = secondary.containsKey("efficiency") ? secondary.get("efficiency").getScore() : Double.NaN;
        boolean harnessBound = secondary.containsKey("harnessBound") && secondary.get("harnessBound").getScore() > 0;
        return String.format(Locale.ROOT, "[%" + digits(total) + "d/%d] %-12s w=%-4d %-26s n=%-4d %9.2f ops/s ±%-7.2f %,9.0f items/s  eff %.2f%s   %s left",
                done, total, p.strategy(), p.width(), p.latency(), p.items(), primary.getScore(),
                Double.isFinite(primary.getScoreError()) ? primary.getScoreError() : 0, primary.getScore() * p.items(),
                efficiency, harnessBound ? "  harness-bound" : "", human(left));
    }

    private static int digits(int n) {
        return String.valueOf(n).length();
    }

    public static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02ds", s % 60) : s + "s";
    }

    /** @return a rough duration of the profile, for the line printed before it starts */
    public static Duration estimate(BenchProfile profile) {
        Duration perFork = profile.warmupTime().multipliedBy(profile.warmupIterations())
                .plus(profile.measurementTime().multipliedBy(profile.measurementIterations()))
                .plusSeconds(2); // JVM start, server, connection warm-up
        return perFork.multipliedBy((long) profile.forks() * profile.points().size());
    }
}
