package dev.fanout.benchmarks.cli;

import dev.fanout.benchmarks.peers.PeerRegistry;
import dev.fanout.benchmarks.scenario.Scenario;
import dev.fanout.benchmarks.scenario.ScenarioFork;
import dev.fanout.benchmarks.scenario.ScenarioSuite;
import dev.fanout.benchmarks.scenario.Scenarios;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.suite.BenchPoint;
import dev.fanout.benchmarks.suite.BenchProfile;
import dev.fanout.benchmarks.suite.BenchSuite;
import dev.fanout.benchmarks.suite.ResultsFolder;
import dev.fanout.benchmarks.suite.Shard;
import dev.fanout.benchmarks.workload.Calibration;
import dev.fanout.benchmarks.workload.Hedging;
import dev.fanout.benchmarks.workload.ItemClient;
import dev.fanout.benchmarks.workload.Workload;
import dev.fanout.strategies.StrategyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "bench", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Benchmarks every strategy, and the peers (plain JDK and Reactor fan-outs, the",
                "yardsticks), at every width: against the local latency server through a real",
                "HTTP client (workload http), or in-process with no sockets (workload sim).",
                "JMH measures throughput (one operation = one fan-out of `items` calls, each",
                "point in its own forked JVM, warmed up with at least 2,000 calls first),",
                "HdrHistogram records service and sojourn latency per call, and the server (or",
                "the sim) counts what it had in flight. The harness is calibrated first, per",
                "client. Results go to bench-results/<timestamp>/ (bench-results/latest points",
                "at the newest): jmh.json, .hlog/.hgrm files, timelines, calibration,",
                "environment; then the report.",
                "",
                "Profiles (sections):",
                "  smoke   the regression gate's input, under two minutes on 2 cores:",
                "          http  strategies and 4 peers at width 16, fixed:20ms, 48 items",
                "          cost  no-op tasks at width 16, 2000 items, 2 peers",
                "          sim   width 1024, fixed:20ms, 2048 items, no sockets: semaphore,",
                "                worker-pool and async, 2 peers",
                "  quick   (the default, about ten minutes on 2 cores)",
                "          http       widths 16 64 256, fixed:20ms, 256 items",
                "          http-tail  width 16, lognormal:20ms,p99=200ms, 256 items",
                "          sim        widths 64 256 1024, fixed:20ms, 4096 items, no sockets",
                "          cost       widths 1 16 256 1024, fixed:0ms (no-op tasks), 10000 items:",
                "                     what a strategy costs per item",
                "  full    more widths and latency profiles, 3 forks, 5 x 5 s iterations: hours",
                "  threads-or-futures  virtual threads or futures, about 8 minutes: semaphore,",
                "          structured, async and the peers at widths 1024 4096 10000 on sim,",
                "          and at width 256 on http (okhttp for threads, jetty for futures)",
                "  scenarios  the benchmark scenarios alone, about 3 minutes: the adaptive",
                "          strategy, Netflix concurrency-limits and fixed semaphores against a",
                "          server whose limit the client does not know (a 429 limit of 24, a",
                "          queue that serves 24 at once, a 429 limit that drops from 48 to 16),",
                "          each contender one run in a JVM of its own: the limit over time, the",
                "          429s after the first second, the service latency, the goodput",
                "sequential and all-at-once do not take the width: each section measures them",
                "once, at its smallest width. hedged cuts a tail: quick measures it in http-tail",
                "only.",
                ""},
        footer = {"",
                "Points whose request rate reaches 80%% of the harness capacity are marked",
                "harness-bound: there the harness, not the strategy, is the limit.",
                "Ctrl-C keeps the points already finished; ./fanout report DIR renders them.",
                "",
                "Exit status: 0 done, 1 a benchmark failed, 2 bad input."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "quick",
            description = "smoke, quick, full, threads-or-futures or scenarios; default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--strategies", paramLabel = "NAME", split = ",", description = "only these strategies (./fanout list)")
    List<String> strategies;

    @Option(names = "--peers", paramLabel = "NAME", split = ",",
            description = "only these peers, or none (./fanout list); the regression gate needs them")
    List<String> peers;

    @Option(names = "--client", paramLabel = "CLIENT", split = ",",
            description = "the HTTP client(s) of the http sections: okhttp (the default), jetty (non-blocking) or jdk, or several")
    List<String> clients;

    @Option(names = "--workload", paramLabel = "WORKLOAD", split = ",",
            description = "only the sections on this workload: http (real client and server) or sim (in-process)")
    List<String> workloads;

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

    @Option(names = "--scenarios", paramLabel = "NAME", split = ",",
            description = "also run these benchmark scenarios (or all, or none): runs over time against a server whose limit"
                    + " the client does not know, each contender in a JVM of its own; the scenarios profile runs them alone")
    List<String> scenarios;

    @Option(names = "--hedge-delay", paramLabel = "DURATION|pNN",
            description = "the hedged strategy's delay in every fork: 50ms, or a percentile of the run's latencies (p95); default: p99")
    String hedgeDelay;

    @Option(names = "--hedge-budget", paramLabel = "FRACTION",
            description = "the hedged strategy's budget in every fork, 0..1; default: 0.05")
    Double hedgeBudget;

    @Option(names = "--hedge-cancel-losers",
            description = "the hedged strategy interrupts a losing attempt at once (default: it runs to its end, holding its slot)")
    boolean hedgeCancelLosers;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "where results folders go; default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10000",
            description = "warm-up requests before calibrating the harness; default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--no-report", description = "leave the results without rendering the report")
    boolean noReport;

    @Option(names = "--target", paramLabel = "URL",
            description = "measure the plan's strategies and widths against this HTTP service instead of the local server"
                    + " (item n is a GET of URL with {n} replaced by n). REAL traffic: needs --send-real-traffic, and stops"
                    + " before it starts if the plan would send more than --max-requests. Each JMH iteration is one fan-out"
                    + " (1 warm-up, --iterations measured, default " + BenchTargetDefaults.ITERATIONS + "); the forks warm up"
                    + " against an in-process server; the ideal comes from the round trips measured")
    String target;

    @Option(names = "--send-real-traffic", description = "with --target: yes, send the service real requests")
    boolean sendRealTraffic;

    @Option(names = "--max-requests", paramLabel = "N", defaultValue = "" + BenchTargetDefaults.MAX_REQUESTS,
            description = "with --target: the most requests the whole run may send it, probes included; default: ${DEFAULT-VALUE}")
    long maxRequests;

    @Option(names = "--section", paramLabel = "NAME", split = ",",
            description = "only these sections of the profile (smoke: http, cost, sim; ./fanout bench --plan lists them)")
    List<String> sectionNames;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "only the K-th of N deterministic, balanced slices of the plan (a CI matrix; a point's peers at"
                    + " its parameters in the same slice); ./fanout report DIR1 DIR2 ... merges the N folders")
    String shardText;

    @Option(names = "--plan",
            description = "print the plan (every point, its section and, with --shard, its slice) and its estimate; run nothing")
    boolean printPlan;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchProfile plan = plan();
        BenchTarget against = target == null ? null : targetPlan(plan);
        if (against != null) {
            plan = against.plan();
        }
        Shard shard = shard(plan);
        List<BenchPoint> points = shard.slice(plan);
        if (points.isEmpty() && !shard.whole()) {
            throw new UsageException("--shard: slice " + shard + " of the " + plan.name() + " profile has no point: its "
                    + plan.points().size() + " points make fewer groups (a point and its peers) than " + shard.count() + " slices");
        }
        if (printPlan) {
            System.out.print(planListing(plan, shard, points));
            return 0;
        }
        requireJdk25();

        System.out.printf("fanout bench: %s%n", plan);
        List<Scenario> chosenScenarios = plan.scenarios().stream().map(Scenarios::named).toList();
        if (against != null) {
            against.announce(BenchTarget.client(plan), System.out);
            System.out.println("calibrating the harness first (locally)...");
        } else {
            System.out.printf("%d points%s%s, about %s; calibrating the harness first...%n", points.size(),
                    shard.whole() ? "" : " (shard " + shard + " of the plan's " + plan.points().size() + ")",
                    chosenScenarios.isEmpty() ? "" : " and " + chosenScenarios.stream().mapToInt(sc -> sc.contenders().size()).sum()
                            + " scenario runs",
                    BenchSuite.human(BenchSuite.estimate(plan, points).plus(ScenarioSuite.estimate(chosenScenarios))));
        }
        // Every client the plan uses; at least the default, so calibration.json always describes the harness.
        List<String> calibrated = plan.httpClients().isEmpty() ? List.of(ItemClient.DEFAULT) : plan.httpClients();
        Map<String, Calibration> calibrations = new LinkedHashMap<>();
        for (String client : calibrated) {
            Calibration calibration = Calibration.measure(client, warmup);
            calibrations.put(client, calibration);
            System.out.print(RunReport.harnessLine(calibration));
        }
        ResultsFolder folder = ResultsFolder.create(out, plan, shard, calibrations);
        System.out.println("results    " + folder.dir());
        if (against != null) {
            dev.fanout.reports.AtomicFiles.writeString(folder.dir().resolve("target.json"), against.json());
        }

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
        if (!chosenScenarios.isEmpty()) {
            new ScenarioSuite(chosenScenarios, folder, System.out, ScenarioFork.DEFAULT_SEED).run();
        }
        Map<String, String> hedging = hedgingProperties();
        if (against != null) {
            hedging.putAll(against.properties(against.perFork()));
        }
        hedging.forEach(System::setProperty);
        try {
            new BenchSuite(plan, calibrations, folder, System.out).run();
        } finally {
            hedging.keySet().forEach(System::clearProperty);
        }
        // the overhead and the capacity again, after the points: the gate's harness line reads their scatter over the run
        for (Map.Entry<String, Calibration> c : calibrations.entrySet()) {
            c.setValue(c.getValue().withRoundsAfter(Calibration.overheadRounds(c.getKey()), Calibration.capacityAgain(c.getKey())));
        }
        folder.recalibrated(calibrations);
        finished.set(true);
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
        System.out.println("done       " + folder.dir());
        if (!noReport) {
            System.out.println("report     " + ReportCommand.render(folder.dir(), dev.fanout.reports.ReportOptions.defaults()));
        }
        return 0;
    }

    /** @return the slice --shard asks for, or the whole plan; refuses a plan with scenarios, which run whole */
    private Shard shard(BenchProfile plan) {
        if (shardText == null) {
            return Shard.WHOLE;
        }
        Shard shard = UsageException.check("--shard: ", () -> Shard.parse(shardText));
        if (target != null) {
            throw new UsageException("--shard: a --target run is one run against one service, capped as a whole; run it unsharded");
        }
        if (!plan.scenarios().isEmpty()) {
            throw new UsageException("--shard: the benchmark scenarios run whole, not in slices; leave them out (--scenarios none)"
                    + " or run them on one machine");
        }
        return shard;
    }

    /** The plan without running it: what --plan prints, one point a line, then the total and the estimate. */
    static String planListing(BenchProfile plan, Shard shard, List<BenchPoint> points) {
        StringBuilder b = new StringBuilder("plan ").append(plan.name()).append(" ").append(Shard.planId(plan));
        b.append(shard.whole() ? "" : ", shard " + shard).append('\n');
        for (BenchPoint p : points) {
            b.append(String.format(java.util.Locale.ROOT, "%-9s %-8s %s%n", p.section(), p.kind(), p.id()));
        }
        b.append(String.format(java.util.Locale.ROOT, "%d points%s, about %s%n", points.size(),
                shard.whole() ? "" : " of the plan's " + plan.points().size(), BenchSuite.human(BenchSuite.estimate(plan, points))));
        return b.toString();
    }

    private BenchProfile plan() {
        BenchProfile plan = UsageException.check("--profile: ", () -> BenchProfile.named(profile));
        if (target == null && (sendRealTraffic || spec.commandLine().getParseResult().hasMatchedOption("--max-requests"))) {
            throw new UsageException((sendRealTraffic ? "--send-real-traffic" : "--max-requests") + " applies to --target only");
        }
        if (sectionNames != null) {
            List<String> known = plan.sections().stream().map(s -> s.name()).toList();
            for (String name : sectionNames) {
                if (!known.contains(name)) {
                    throw new UsageException("--section: the " + plan.name() + " profile has no section '" + name + "' (its sections: "
                            + String.join(", ", known) + ")");
                }
            }
            plan = plan.withSections(List.copyOf(sectionNames));
        }
        if (workloads != null) {
            for (String w : workloads) {
                if (!Workload.NAMES.contains(w)) {
                    throw new UsageException("--workload: " + Workload.unknown(w));
                }
            }
            BenchProfile kept = plan.withWorkloads(List.copyOf(workloads));
            if (kept.sections().isEmpty()) {
                throw new UsageException("--workload: the " + plan.name() + " profile has no section on " + String.join(", ", workloads)
                        + " (its sections: " + String.join(", ", plan.sections().stream().map(s -> s.name() + " on " + s.workload()).toList()) + ")");
            }
            plan = kept;
        }
        if (strategies != null) {
            for (String s : strategies) {
                requireStrategy("--strategies", s);
            }
            plan = plan.withStrategies(List.copyOf(strategies));
        }
        if (peers != null) {
            List<String> chosen = peers.equals(List.of("none")) ? List.of() : List.copyOf(peers);
            for (String p : chosen) {
                requirePeer("--peers", p);
            }
            plan = plan.withPeers(chosen);
        }
        if (clients != null) {
            for (String c : clients) {
                if (!ItemClient.NAMES.contains(c)) {
                    throw new UsageException("--client: " + ItemClient.unknown(c));
                }
            }
            plan = plan.withClients(List.copyOf(clients));
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
        if (scenarios != null) {
            List<String> names = scenarios.equals(List.of("none")) ? List.of()
                    : scenarios.equals(List.of("all")) ? Scenarios.names() : List.copyOf(scenarios);
            for (String name : names) {
                UsageException.check("--scenarios: ", () -> Scenarios.named(name));
            }
            plan = plan.withScenarios(names);
        }
        if (plan.points().isEmpty() && plan.scenarios().isEmpty()) {
            throw new UsageException("nothing to measure: the choices leave the " + plan.name() + " profile without a point");
        }
        if (forks != null) {
            if (forks < 1) {
                throw new UsageException("--forks must be at least 1 (every point runs in its own JVM), was " + forks);
            }
            plan = plan.withForks(forks);
        }
        if ((iterations != null || iterationTime != null || forks != null) && plan.sections().isEmpty()) {
            throw new UsageException("--iterations, --iteration-time and --forks measure JMH points; the " + plan.name()
                    + " profile has none (its scenarios run each contender once)");
        }
        if (iterations != null || iterationTime != null) {
            int n = iterations == null ? plan.sections().getFirst().iterations().measurement() : iterations;
            if (n < 1) {
                throw new UsageException("--iterations must be at least 1, was " + n);
            }
            java.time.Duration time = plan.sections().getFirst().iterations().measurementTime();
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
        UsageException.check("", () -> Hedging.strategy(hedgeDelay, hedgeBudget, hedgeCancelLosers));
        return plan;
    }

    /** Checks what {@code --target} rules out, then plans it; without --target, its options are refused. */
    private BenchTarget targetPlan(BenchProfile plan) {
        if (latencies != null) {
            throw new UsageException("--target: the service's latency is its own; drop --latency");
        }
        if (workloads != null && !workloads.equals(List.of("http"))) {
            throw new UsageException("--target fans out over HTTP to the service; drop --workload " + String.join(",", workloads));
        }
        if (scenarios != null && !scenarios.equals(List.of("none"))) {
            throw new UsageException("--target runs no scenarios (they need the local server's limits); drop --scenarios");
        }
        if (peers != null && !peers.equals(List.of("none"))) {
            throw new UsageException("--target measures strategies only: a peer stops at its first failure, and a real"
                    + " service refuses now and then; drop --peers");
        }
        if (forks != null || iterationTime != null) {
            throw new UsageException("--target runs one fork per point and one fan-out per iteration; drop "
                    + (forks != null ? "--forks" : "--iteration-time"));
        }
        return BenchTarget.of(target, sendRealTraffic, maxRequests, iterations == null ? BenchTargetDefaults.ITERATIONS : iterations, plan);
    }

    /** The defaults of {@code --target}, for the options' descriptions. */
    static final class BenchTargetDefaults {
        static final int ITERATIONS = 3;
        static final long MAX_REQUESTS = 1000;

        private BenchTargetDefaults() {
        }
    }

    /**
     * The hedged strategy's options for the forks, which build the strategy from them
     * ({@link Hedging#fromSystemProperties}); the suite forwards every {@code fanout.hedge.*} system
     * property. Set only while the suite runs, so nothing is left behind in this JVM.
     */
    private Map<String, String> hedgingProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (hedgeDelay != null) {
            properties.put(Hedging.DELAY_PROPERTY, hedgeDelay);
        }
        if (hedgeBudget != null) {
            properties.put(Hedging.BUDGET_PROPERTY, String.valueOf(hedgeBudget));
        }
        if (hedgeCancelLosers) {
            properties.put(Hedging.CANCEL_LOSERS_PROPERTY, "true");
        }
        return properties;
    }

    /** A strategy's name, or the one-line reason it is not one (a peer's name, say) with the valid names. */
    static void requireStrategy(String option, String name) {
        if (StrategyRegistry.contains(name)) {
            return;
        }
        String valid = "valid strategies: " + String.join(", ", StrategyRegistry.names());
        throw new UsageException(option + ": " + (PeerRegistry.contains(name)
                ? "'" + name + "' is a peer, not a strategy (peers go to --peers in ./fanout bench); " + valid
                : "unknown strategy '" + name + "'; " + valid));
    }

    /** A peer's name, or the one-line reason it is not one (a strategy's name, say) with the valid names. */
    static void requirePeer(String option, String name) {
        if (PeerRegistry.contains(name)) {
            return;
        }
        String valid = "valid peers: " + String.join(", ", PeerRegistry.names()) + ", or none";
        throw new UsageException(option + ": " + (StrategyRegistry.contains(name)
                ? "'" + name + "' is a strategy, not a peer (strategies go to --strategies); " + valid
                : "unknown peer '" + name + "'; " + valid));
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
