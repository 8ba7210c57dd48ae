package dev.fanout.benchmarks.suite;

import dev.fanout.benchmarks.jmh.BenchmarkSettings;
import dev.fanout.benchmarks.jmh.FanOutBenchmark;
import dev.fanout.benchmarks.jmh.FanOutBenchmarkBase;
import dev.fanout.benchmarks.jmh.LatencyProfiler;
import dev.fanout.benchmarks.jmh.PeerBenchmark;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.workload.Calibration;
import dev.fanout.core.Capabilities;
import dev.fanout.strategies.StrategyRegistry;
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
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Runs a {@link BenchProfile} point by point, each point its own JMH run in forked JVMs, and keeps
 * the results folder complete after every point. Point by point because JMH writes its JSON only at
 * the end of a run: this way an interrupted suite keeps what it finished, and progress (points done,
 * time left) is known.
 */
public final class BenchSuite {

    public static final String STRATEGY_BENCHMARK = FanOutBenchmark.class.getName() + ".fanOut";
    public static final String PEER_BENCHMARK = PeerBenchmark.class.getName() + ".fanOut";

    /**
     * System properties forwarded to every fork: strategy substitutions ({@code fanout.strategy.<name>})
     * and the hedged strategy's settings ({@code fanout.hedge.*}).
     */
    private static final List<String> FORWARDED_PREFIXES = List.of(StrategyRegistry.SUBSTITUTE_PREFIX,
            dev.fanout.benchmarks.workload.Hedging.PROPERTY_PREFIX, dev.fanout.benchmarks.jmh.BenchmarkSettings.TARGET);

    /**
     * What a point costs besides its iterations, for the estimate: a forked JVM's start (JMH, the
     * classes of OkHttp, Kotlin, MockWebServer, Reactor), the workload, the fork's warm-up of at least
     * 2,000 calls, the connections opened, the tear-down. Measured on 2 cores: 2.5-3.5 s.
     */
    static final Duration POINT_OVERHEAD = Duration.ofMillis(3000);
    /** The harness rate the estimate assumes for {@code http} before calibration. */
    static final double ASSUMED_CAPACITY_RPS = 8000;

    private final BenchProfile profile;
    private final Map<String, Calibration> calibrations;
    private final ResultsFolder folder;
    private final PrintStream out;

    /** @param calibrations the harness calibration of each HTTP client the plan uses */
    public BenchSuite(BenchProfile profile, Map<String, Calibration> calibrations, ResultsFolder folder, PrintStream out) {
        this.profile = profile;
        this.calibrations = calibrations;
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
        BenchSection.Iterations it = profile.section(point.section()).iterations();
        List<String> jvmArgs = new ArrayList<>(List.of(FanOutBenchmarkBase.FORK_JVM_ARGS));
        jvmArgs.add("-D" + BenchmarkSettings.RESULTS_DIR + "=" + folder.dir().toAbsolutePath());
        Calibration calibration = calibrations.get(point.client());
        if (point.workload().equals("http") && calibration != null) {
            jvmArgs.add("-D" + BenchmarkSettings.CAPACITY_RPS + "=" + calibration.capacityRps());
        }
        for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
            if (FORWARDED_PREFIXES.stream().anyMatch(p.getKey().toString()::startsWith)) {
                jvmArgs.add("-D" + p.getKey() + "=" + p.getValue());
            }
        }
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(point.benchmark()) + "$")
                .forks(profile.forks())
                .warmupIterations(it.warmup())
                .warmupTime(TimeValue.milliseconds(it.warmupTime().toMillis()))
                .measurementIterations(it.measurement())
                .measurementTime(TimeValue.milliseconds(it.measurementTime().toMillis()))
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
        // items that ended in a failure (a 429, a refused connection, a timeout) still count in items/s
        double failed = secondary.containsKey("failedPerItem") ? secondary.get("failedPerItem").getScore() : Double.NaN;
        String failures = failed >= 0.0005 ? String.format(Locale.ROOT, "  %.1f%% failed", failed * 100) : "";
        String where = p.workload().equals("http") ? "http/" + p.client() : p.workload();
        return String.format(Locale.ROOT, "[%" + digits(total) + "d/%d] %-19s %-11s w=%-4d %-24s n=%-5d %9.2f ops/s ±%-7.2f %,10.0f items/s  eff %s%s%s   %s left",
                done, total, p.name(), where, p.width(), p.latency(), p.items(), primary.getScore(),
                Double.isFinite(primary.getScoreError()) ? primary.getScoreError() : 0, primary.getScore() * p.items(),
                Double.isFinite(efficiency) ? String.format(Locale.ROOT, "%.2f", efficiency) : "-",
                failures, harnessBound ? "  harness-bound" : "", human(left));
    }

    private static int digits(int n) {
        return String.valueOf(n).length();
    }

    public static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02ds", s % 60) : s + "s";
    }

    /**
     * @return the profile's expected duration, point by point: the fixed cost of a fork, then each
     *         JMH iteration, which lasts its set time or one whole operation, whichever is longer
     *         (a width-1 operation of 128 x 20 ms takes 2.6 s on its own)
     */
    public static Duration estimate(BenchProfile profile) {
        return estimate(profile, profile.points());
    }

    /** @return the expected duration of these points of the profile (a shard's, say) */
    public static Duration estimate(BenchProfile profile, List<BenchPoint> points) {
        double seconds = points.stream().mapToDouble(p -> pointSeconds(profile, p)).sum();
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** @return the expected seconds of one point, every fork of it */
    static double pointSeconds(BenchProfile profile, BenchPoint p) {
        BenchSection.Iterations it = profile.section(p.section()).iterations();
        double op = operationSeconds(p);
        double perFork = POINT_OVERHEAD.toNanos() / 1e9
                + it.warmup() * Math.max(it.warmupTime().toNanos() / 1e9, op)
                + it.measurement() * Math.max(it.measurementTime().toNanos() / 1e9, op);
        return perFork * profile.forks();
    }

    /** @return about how long one operation (one fan-out) of the point takes, in seconds */
    static double operationSeconds(BenchPoint p) {
        long width = p.isPeer() ? p.width()
                : Math.min(p.items(), StrategyRegistry.create(p.name()).capabilities().effectiveWidth(p.width()));
        if (!p.isPeer() && StrategyRegistry.create(p.name()).capabilities().width() == Capabilities.Width.UNBOUNDED) {
            width = p.items();
        }
        width = Math.max(1, Math.min(width, p.items()));
        LatencyProfile latency = LatencyProfile.parse(p.latency());
        SplittableRandom random = new SplittableRandom(42);
        double mean = 0;
        for (int i = 0; i < 1000; i++) {
            mean += latency.sampleNanos(random) / 1e9 / 1000;
        }
        long rounds = (p.items() + width - 1) / width;
        double sleeping = rounds * mean;
        double harness = p.workload().equals("http") ? p.items() / ASSUMED_CAPACITY_RPS : 0;
        return Math.max(sleeping, harness);
    }
}
