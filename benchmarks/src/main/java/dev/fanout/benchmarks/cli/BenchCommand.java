package dev.fanout.benchmarks.cli;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.suite.BenchProfile;
import dev.fanout.benchmarks.suite.BenchSuite;
import dev.fanout.benchmarks.suite.ResultsFolder;
import dev.fanout.benchmarks.workload.Calibration;
import dev.fanout.strategies.SemaphoreStrategy;
import dev.fanout.strategies.StrategyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "bench", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Benchmarks every strategy at every width against the local latency server:",
                "JMH measures throughput (one operation = one fan-out of `items` requests, each",
                "point in its own forked JVM), HdrHistogram records service and sojourn latency",
                "per request, and the server counts what it had in flight. The harness is",
                "calibrated first. Results go to bench-results/<timestamp>/ (bench-results/latest",
                "points at the newest): jmh.json, .hlog/.hgrm files, timelines, calibration,",
                "environment; then the report.",
                "",
                "Profiles:",
                "  smoke   every strategy at width 16, fixed:20ms, 48 items: about a minute",
                "  quick   every strategy, widths 1 4 16 64 256, fixed:20ms and",
                "          lognormal:20ms,p99=200ms, 128 items: about ten minutes (the default)",
                "  full    widths 1..256 in powers of two, four latency profiles, 256 items,",
                "          3 forks, 5 x 5 s iterations: for publishing; hours",
                ""},
        footer = {"",
                "Points whose request rate reaches 80%% of the harness capacity are marked",
                "harness-bound: there the harness, not the strategy, is the limit.",
                "Ctrl-C keeps the points already finished; ./fanout report DIR renders them.",
                "",
                "Exit status: 0 done, 1 a benchmark failed, 2 bad input."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "quick",
            description = "smoke, quick or full; default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--strategies", paramLabel = "A,B", split = ",", description = "only these strategies")
    List<String> strategies;

    @Option(names = "--widths", paramLabel = "1,4,16", split = ",", description = "only these widths")
    List<Integer> widths;

    @Option(names = "--latency", paramLabel = "PROFILE",
            description = "a latency profile (repeat the option for several), e.g. --latency fixed:20ms --latency lognormal:20ms,p99=200ms")
    List<String> latencies;

    @Option(names = "--items", paramLabel = "N,M", split = ",", description = "items per fan-out")
    List<Integer> items;

    @Option(names = "--forks", paramLabel = "N", description = "forked JVMs per point")
    Integer forks;

    @Option(names = "--iterations", paramLabel = "N", description = "measurement iterations per fork (JMH's -i)")
    Integer iterations;

    @Option(names = "--iteration-time", paramLabel = "DURATION", description = "length of each measurement iteration (JMH's -r), e.g. 1s")
    String iterationTime;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "where results folders go; default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2000",
            description = "warm-up requests before calibrating the harness; default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--no-report", description = "leave the results without rendering the report")
    boolean noReport;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Override
    public Integer call() throws Exception {
        requireJdk25();
        BenchProfile plan = plan();

        System.out.printf("fanout bench: %s%n", plan);
        System.out.printf("%d points, about %s; calibrating the harness first...%n",
                plan.points().size(), BenchSuite.human(BenchSuite.estimate(plan)));
        Calibration calibration = Calibration.measure("jdk", new SemaphoreStrategy(), warmup);
        System.out.print(RunReport.harnessLine(calibration));
        ResultsFolder folder = ResultsFolder.create(out, plan, calibration);
        System.out.println("results    " + folder.dir());

        AtomicBoolean finished = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            if (!finished.get()) {
                // the forked JVM of the point in progress must not outlive us
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
                System.err.printf("%nfanout bench: interrupted; %d of %d points finished and are in %s"
                                + " (./fanout report %s renders them)%n",
                        folder.pointsDone(), folder.points().size(), folder.dir(), folder.dir());
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        new BenchSuite(plan, calibration, folder, System.out).run();
        finished.set(true);
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
        System.out.println("done       " + folder.dir());
        if (!noReport) {
            System.out.println("report     " + ReportCommand.render(folder.dir(), dev.fanout.reports.ReportOptions.defaults()));
        }
        return 0;
    }

    private BenchProfile plan() {
        BenchProfile plan = UsageException.check("--profile: ", () -> BenchProfile.named(profile));
        if (strategies != null) {
            for (String s : strategies) {
                if (!StrategyRegistry.contains(s)) {
                    throw new UsageException("--strategies: unknown strategy '" + s + "'; valid names: "
                            + String.join(", ", StrategyRegistry.names()));
                }
            }
            plan = plan.withStrategies(List.copyOf(strategies));
        }
        if (widths != null) {
            for (int w : widths) {
                if (w < 1) {
                    throw new UsageException("--widths: every width must be at least 1, was " + w);
                }
            }
            plan = plan.withWidths(List.copyOf(widths));
        }
        if (latencies != null) {
            List<String> canonical = new ArrayList<>();
            for (String l : latencies) {
                canonical.add(UsageException.check("--latency: ", () -> LatencyProfile.parse(l).spec()));
            }
            plan = plan.withLatencies(canonical);
        }
        if (items != null) {
            for (int n : items) {
                if (n < 1) {
                    throw new UsageException("--items: every item count must be at least 1, was " + n);
                }
            }
            plan = plan.withItems(List.copyOf(items));
        }
        if (forks != null) {
            if (forks < 1) {
                throw new UsageException("--forks must be at least 1 (every point runs in its own JVM), was " + forks);
            }
            plan = plan.withForks(forks);
        }
        if (iterations != null || iterationTime != null) {
            int n = iterations == null ? plan.measurementIterations() : iterations;
            if (n < 1) {
                throw new UsageException("--iterations must be at least 1, was " + n);
            }
            java.time.Duration time = plan.measurementTime();
            if (iterationTime != null) {
                time = UsageException.check("--iteration-time: ", () -> dev.fanout.benchmarks.server.Durations.parse(iterationTime));
                if (time.toMillis() < 1) {
                    throw new UsageException("--iteration-time must be at least 1ms, was " + iterationTime);
                }
            }
            plan = plan.withMeasurement(n, time);
        }
        if (warmup < 0) {
            throw new UsageException("--warmup must be at least 0, was " + warmup);
        }
        return plan;
    }

    /** The forks run StructuredTaskScope, a JDK 25 preview API: any other JDK cannot run them. */
    private static void requireJdk25() {
        int feature = Runtime.version().feature();
        if (feature != 25) {
            throw new UsageException("needs JDK 25 with preview features (the structured strategy uses the JDK 25"
                    + " preview API StructuredTaskScope); this is Java " + feature + ". Set JAVA_HOME to a JDK 25.");
        }
        try {
            Class.forName("dev.fanout.strategies.StructuredStrategy").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | UnsupportedClassVersionError e) {
            throw new UsageException("this JVM cannot load the structured strategy (" + e
                    + "); run it with --enable-preview, as ./fanout does");
        }
    }
}
