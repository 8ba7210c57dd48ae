package dev.fanout.benchmarks.cli;

import dev.fanout.reports.AtomicFiles;
import dev.fanout.benchmarks.server.Durations;
import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.workload.Calibration;
import dev.fanout.benchmarks.workload.FanOutMeasurement;
import dev.fanout.benchmarks.workload.HeapFootprint;
import dev.fanout.benchmarks.workload.ThreadCensus;
import dev.fanout.benchmarks.workload.Hedging;
import dev.fanout.benchmarks.workload.IdealMakespan;
import dev.fanout.benchmarks.workload.ItemClient;
import dev.fanout.benchmarks.workload.RunTimeline;
import dev.fanout.benchmarks.workload.Span;
import dev.fanout.benchmarks.workload.Workload;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.Outcome;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.ThreadKind;
import dev.fanout.benchmarks.workload.TargetWorkload;
import dev.fanout.benchmarks.workload.UrlTemplate;
import dev.fanout.core.FanOutException;
import dev.fanout.strategies.AdaptiveStrategy;
import dev.fanout.strategies.HedgedStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import java.util.concurrent.Callable;

@Command(name = "run", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Runs ONE fan-out of --items requests against a local latency server (or, with",
                "--workload sim, in-process with no sockets) and explains what happened:",
                "makespan against the ideal, outcome counts, service and sojourn latency",
                "percentiles, what the server saw (its own request count and the most it had in",
                "flight), and the harness's own overhead and capacity, measured first.",
                "",
                "Example (the Python articles' Semaphore(5) over 20 calls of 0.5 s; ~2 s):",
                "  ./fanout run --strategy semaphore --width 5 --items 20 --latency fixed:500ms",
                "",
                "With --target URL it fans out to another HTTP service instead (./fanout serve,",
                "or your own): REAL traffic, so --width is required and --items is small unless",
                "given. What only the local server knows (its counts, the delays it injected) is",
                "then not shown, and the ideal comes from the round trips measured:",
                "  ./fanout run --target 'http://127.0.0.1:8080/item/{n}' --width 8 --items 100",
                "",
                "The adaptive strategy finding a limit the client does not know (the limit over",
                "time is drawn, with the 429s before and after the first second):",
                "  ./fanout run --strategy adaptive --width 256 --server-limit 24 --items 5000",
                "  ./fanout run --strategy adaptive --limit gradient --width 256 \\",
                "      --server-capacity 24 --items 5000",
                "  ./fanout run --strategy adaptive --width 256 --server-limit 48,16@2s \\",
                "      --items 8000",
                "",
                "Example (hedged requests cut the tail: 1%% of the calls take 500 ms; run it",
                "again with --strategy semaphore, and compare the service p99.9, the hedges and",
                "the server's own request count):",
                "  ./fanout run --strategy hedged --latency bimodal:10ms,500ms,0.01 \\",
                "      --items 5000 --width 32",
                ""},
        footer = {
                "",
                "Latency profiles (delays are drawn from --seed, so a run is reproducible):",
                "  fixed:20ms                 every request waits 20 ms",
                "  uniform:10ms..30ms         uniformly between 10 and 30 ms",
                "  lognormal:20ms,p99=200ms   median 20 ms, 99th percentile 200 ms",
                "  bimodal:10ms,500ms,0.01    10 ms, but 1%% of requests take 500 ms",
                "  hdr:FILE                   drawn from a recording made with --save-latency",
                "  units: us, ms, s",
                "",
                "Server limits (--server-limit, --server-capacity): K, or K then changes K@TIME,",
                "  times from the server's first request: 24 | 48,16@2s | 48,16@2s,32@4s.",
                "  --server-limit refuses (429) what arrives while K are in hand;",
                "  --server-capacity serves K at once and queues the rest (first come, first",
                "  served).",
                "",
                "Terms:",
                "  service latency  request sent -> response received",
                "  sojourn latency  start of the fan-out -> this item done (queueing counts)",
                "  ideal            ceil(items / width) x latency (for a random profile, the",
                "                   bound max(max d, sum d / width)), from the delays the server",
                "                   really slept, raised to items / capacity",
                "  efficiency       ideal / makespan",
                "",
                "Exit status: 0 when the run was measured (whatever its outcomes),",
                "1 on an internal error (or, with --target, when not one item succeeded),",
                "2 on bad input (then nothing is written, nothing is sent)."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "semaphore",
            description = "the strategy (./fanout list shows them all); default: ${DEFAULT-VALUE}")
    String strategy;

    @Option(names = "--width", paramLabel = "W", defaultValue = "16",
            description = "the most requests in flight at once; default: ${DEFAULT-VALUE}")
    int width;

    @Option(names = "--items", paramLabel = "N", defaultValue = "100",
            description = "the number of requests (one GET /item/{n} each); default: ${DEFAULT-VALUE}")
    long items;

    @Option(names = "--client", paramLabel = "okhttp|jetty|jdk",
            description = "the HTTP client: okhttp (cheaper per request), jetty (non-blocking: one selector and "
                    + "a few threads at any width) or jdk (java.net.http); default: jetty for async, okhttp for the rest")
    String client;

    @Option(names = "--workload", paramLabel = "http|sim", defaultValue = "http",
            description = "http: the client against the local server; sim: the same latency in-process, no sockets"
                    + " (no faults, no client); default: ${DEFAULT-VALUE}")
    String workload;

    @Option(names = "--target", paramLabel = "URL",
            description = "fan out to this HTTP service instead of the local server: item n is a GET of URL with {n}"
                    + " replaced by n, e.g. http://127.0.0.1:8080/item/{n} (fanout serve prints one). It sends REAL"
                    + " traffic: --width is required, --items defaults to " + TARGET_ITEMS + ". The --warmup requests"
                    + " then go to an in-process server that answers at once (the JIT warms up; the target sees none"
                    + " of them). The ideal comes from the round trips measured; exit 1 when not one item succeeded")
    String target;

    @Mixin(name = ServerOptions.MIXIN_NAME)
    ServerOptions server;

    @Option(names = "--limit", paramLabel = "aimd|gradient",
            description = "the adaptive strategy's limit algorithm: aimd (loss-based: backs off on 429s and timeouts) or"
                    + " gradient (delay-based too: backs off when round trips grow); default: aimd")
    String limit;

    @Option(names = "--hedge-delay", paramLabel = "DURATION|pNN",
            description = "hedged only: start a second attempt of a call that has run this long (50ms), or longer than"
                    + " this percentile of the run's latencies so far (p95); default: p99")
    String hedgeDelay;

    @Option(names = "--hedge-budget", paramLabel = "FRACTION",
            description = "hedged only: the most hedges, as a fraction of the calls started, 0..1; default: 0.05")
    Double hedgeBudget;

    @Option(names = "--hedge-cancel-losers",
            description = "hedged only: interrupt the losing attempt at once and give its slot to the next call; default:"
                    + " the loser runs to its end holding its slot, so the server never has more than --width of them")
    boolean hedgeCancelLosers;

    @Option(names = "--rate", paramLabel = "R/s[,burst=B]",
            description = "at most R requests a second, on top of --width: a request starts only when it has a slot and a"
                    + " permit (a token bucket of B permits, default 2: one of slack for a late wake-up; 1: evenly spaced). Waiting for a permit is not part of"
                    + " --timeout; --deadline ends it (the request is cancelled). E.g. 100/s, 100/s,burst=10")
    String rate;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "per-task timeout: a request running longer is interrupted and counted as timed out (e.g. 2s)")
    String timeout;

    @Option(names = "--deadline", paramLabel = "DURATION",
            description = "overall deadline for the whole fan-out: running requests time out, the rest are cancelled")
    String deadline;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "the HTTP client's own limit per request, so a stall never hangs: a guard thread aborts a request"
                    + " unanswered for this long (it fires within 1 to 1.5 times it; no timer per request); default: ${DEFAULT-VALUE}")
    String requestTimeout;

    @Option(names = "--fail-fast", description = "the first failure cancels the rest (asyncio's TaskGroup); default: collect every outcome")
    boolean failFast;

    @Option(names = "--order", paramLabel = "input|completion", defaultValue = "completion",
            description = "take outcomes in input order (gather) or as they finish (as_completed); default: ${DEFAULT-VALUE}")
    String order;

    @Option(names = "--threads", paramLabel = "virtual|platform",
            description = "thread kind for strategies that start threads; default: each strategy's own")
    String threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10000",
            description = "warm-up requests before the harness is calibrated (JIT), or with --target before the run"
                    + " (to an in-process server, not the target); default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON to FILE (whole, or not at all)")
    Path json;

    @Option(names = "--save-latency", paramLabel = "FILE",
            description = "also write the round trips measured (every answered request) as an HdrHistogram log, microseconds"
                    + " (whole, or not at all): --latency hdr:FILE then draws delays from it in run, serve, bench and the"
                    + " scenarios. With --target, your service's latency, replayed without sending it another request")
    Path saveLatency;

    @Option(names = "--footprint",
            description = "also measure the live heap per call in flight: a full GC before the fan-out and another when it"
                    + " first has its full width in flight (that pause makes the run's times unfit to compare)")
    boolean footprint;

    @Option(names = "--show-outcomes", description = "print one line per outcome, in the --order chosen")
    boolean showOutcomes;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    /** {@code --items} with {@code --target}, unless given: a real service is sent a little by default. */
    static final long TARGET_ITEMS = 20;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunTimeline timeline = new RunTimeline();
        FanOutStrategy chosen = strategy(timeline);
        if (client == null) {
            client = ItemClient.defaultFor(chosen.name());
        }
        UrlTemplate targetUrl = target == null ? null : checkTarget();
        if (!Workload.NAMES.contains(workload)) {
            throw new UsageException("--workload: " + Workload.unknown(workload));
        }
        if (!ItemClient.NAMES.contains(client)) {
            throw new UsageException("--client: " + ItemClient.unknown(client));
        }
        boolean http = workload.equals("http");
        LatencyProfile profile = server.profile();
        Faults faults = server.faults();
        if (!http && faults.any()) {
            throw new UsageException("--workload sim injects no faults (no server to misbehave); drop " + faults.spec()
                    + " or use --workload http");
        }
        FanOutOptions.Builder options = UsageException.check("", () -> FanOutOptions.builder().width(width).failFast(failFast));
        if (items < 0) {
            throw new UsageException("--items must be at least 0, was " + items);
        }
        if (warmup < 0) {
            throw new UsageException("--warmup must be at least 0, was " + warmup);
        }
        if (timeout != null) {
            options.taskTimeout(duration("--timeout", timeout));
        }
        if (deadline != null) {
            options.deadline(duration("--deadline", deadline));
        }
        if (rate != null) {
            options.rate(UsageException.check("--rate: ", () -> dev.fanout.core.Rate.parse(rate)));
        }
        dev.fanout.core.Rate serverRate = server.serverRate();
        if (!http && serverRate != null) {
            throw new UsageException("--workload sim has no server to refuse anything; drop --server-rate or use --workload http");
        }
        Duration clientTimeout = duration("--request-timeout", requestTimeout);
        FanOutMeasurement.Order outcomeOrder = switch (order.toLowerCase(Locale.ROOT)) {
            case "input" -> FanOutMeasurement.Order.INPUT;
            case "completion" -> FanOutMeasurement.Order.COMPLETION;
            default -> throw new UsageException("--order must be input or completion, was '" + order + "'");
        };
        if (threads != null) {
            options.threads(switch (threads.toLowerCase(Locale.ROOT)) {
                case "virtual" -> ThreadKind.VIRTUAL;
                case "platform" -> ThreadKind.PLATFORM;
                default -> throw new UsageException("--threads must be virtual or platform, was '" + threads + "'");
            });
        }
        if (json != null) {
            UsageException.check("", () -> {
                AtomicFiles.requireWritableTarget("--json", json);
                return json;
            });
        }
        if (saveLatency != null) {
            UsageException.check("", () -> {
                AtomicFiles.requireWritableTarget("--save-latency", saveLatency);
                return saveLatency;
            });
        }

        Calibration harness = null;
        if (http && targetUrl == null) {
            System.err.printf("calibrating the harness with the %s client (%d warm-up requests)...%n", client, warmup);
            harness = Calibration.measure(client, warmup);
            if (!harness.trustworthy()) {
                System.err.println("WARNING: " + harness.warning());
            }
        }

        int effectiveWidth = chosen.capabilities().effectiveWidth(width);
        int inFlight = (int) Math.max(1, Math.min(items, effectiveWidth));
        if (targetUrl != null && warmup > 0) {
            warmUpLocally(chosen, inFlight, clientTimeout);
        }
        options.expectedTotal(items).progress(ProgressDisplay.forConsole(chosen.name()));
        try (Workload work = targetUrl != null ? TargetWorkload.start(client, targetUrl, inFlight, clientTimeout)
                : Workload.builder().workload(workload).client(http ? client : Workload.NO_CLIENT).latency(profile)
                .faults(faults).serverRate(serverRate).seed(server.seed).maxInFlight(inFlight).requestTimeout(clientTimeout).start()) {
            OutcomeSink<Integer> print = showOutcomes ? RunCommand::printOutcome : o -> { };
            TargetRun.Failures failures = targetUrl == null ? null : new TargetRun.Failures(targetUrl);
            OutcomeSink<Integer> show = o -> {
                timeline.outcome(o);
                if (failures != null) {
                    failures.accept(o);
                }
                print.accept(o);
            };
            HeapFootprint footprintWatch = footprint ? HeapFootprint.start(work, inFlight) : null;
            ThreadCensus census = ThreadCensus.start();
            FanOutMeasurement.Result result;
            ThreadCensus.Count threadCount;
            HeapFootprint.Reading heap;
            try {
                result = FanOutMeasurement.measure(chosen, options.build(), work, items, outcomeOrder, false, show);
            } finally {
                threadCount = census.stop();
                census.close();
                heap = footprintWatch == null ? null : footprintWatch.stop();
            }
            double ideal = IdealMakespan.idealMs(targetUrl != null ? TargetWorkload.roundTrips(result.service()) : result.slept(),
                    items, result.summary().width());
            if (options.build().rate().isPresent()) { // no run beats its own quota: the burst, then R a second
                dev.fanout.core.Rate quota = options.build().rate().get();
                ideal = Math.max(ideal, Math.max(0, items - quota.burst()) / quota.perSecond() * 1000);
            }
            double calibrated = IdealMakespan.calibratedMs(ideal, items, harness == null ? 0 : harness.capacityRps());
            timeline.start(result.summary().startNanos());
            LimitReport limits = chosen instanceof AdaptiveStrategy adaptive
                    ? new LimitReport(adaptive.algorithm(), width, timeline, faults)
                    : faults.serverLimits().any() || faults.serverCapacity().any() ? new LimitReport(null, width, timeline, faults) : null;
            RunReport report = new RunReport(chosen.name(), width, items, profile.spec(), faults.spec(), server.seed,
                    workload, work.client(), result, ideal, calibrated, harness,
                    targetUrl == null ? null : new TargetRun(targetUrl.template(), failures.counts()), threadCount, heap,
                    limits, work.queueStats().orElse(null),
                    chosen instanceof HedgedStrategy hedged ? RunReport.Hedges.of(hedged) : null);
            System.out.print(report.human());
            System.out.printf(Locale.ROOT, "%-10s %s%n", "cpu", threadCount.describeCpu(items));
            if (rate != null || serverRate != null) {
                System.out.print(RateLine.of(rate, serverRate, result));
            }
            if (json != null) {
                AtomicFiles.writeString(json, report.json());
                System.out.println("json       " + json);
            }
            if (saveLatency != null) {
                saveLatency(result.service(), targetUrl == null ? "the local server, latency " + profile.spec() : targetUrl.template());
            }
            if (targetUrl != null && items > 0 && result.summary().succeeded() == 0) {
                System.err.println("run: not one of " + items + " items succeeded against " + targetUrl
                        + (failures.first() == null ? "" : "; first failure: " + failures.first()));
                return 1;
            }
        }
        return 0;
    }

    /**
     * Checks what {@code --target} needs and takes its defaults: a well-formed URL template, an explicit
     * {@code --width} (real traffic: the user says how much), no option of the local server, a
     * small {@code --items}; the warm-up sends the target nothing ({@link #warmUpLocally}).
     */
    private UrlTemplate checkTarget() {
        UrlTemplate url = UsageException.check("--target: ", () -> UrlTemplate.parse(target));
        ParseResult parsed = spec.commandLine().getParseResult();
        if (!parsed.hasMatchedOption("--width")) {
            throw new UsageException("--target needs --width: how many requests the service may have in flight at once"
                    + " (it is real traffic)");
        }
        List<String> serverOnly = ServerOptions.given(spec);
        if (!serverOnly.isEmpty()) {
            throw new UsageException("--target: " + String.join(", ", serverOnly) + " configure the local server, which"
                    + " --target does not start; drop " + (serverOnly.size() == 1 ? "it" : "them"));
        }
        if (!workload.equals("http")) {
            throw new UsageException("--target fans out over HTTP to the service; drop --workload " + workload);
        }
        if (!parsed.hasMatchedOption("--items")) {
            items = TARGET_ITEMS;
        }
        return url;
    }

    /**
     * Warms the JIT up for a run against a service without sending it anything: {@code --warmup}
     * requests to an in-process server that answers at once, with the chosen strategy, width and
     * client, in batches of at most {@code --items} (so even an unbounded strategy has no more in flight
     * than the run will).
     */
    private void warmUpLocally(FanOutStrategy chosen, int inFlight, Duration requestTimeout) throws Exception {
        System.err.printf("warming up: %d requests to an in-process server with the %s client (the target sees none)...%n",
                warmup, client);
        FanOutOptions warmUp = FanOutOptions.builder().width(width).build();
        long batch = Math.max(1, items);
        try (Workload local = Workload.builder().client(client).maxInFlight(inFlight).requestTimeout(requestTimeout).start()) {
            local.answerAtOnce(true);
            for (long sent = 0; sent < warmup; sent += batch) {
                try {
                    chosen.gather(LongStream.range(sent, Math.min(warmup, sent + batch)).iterator(), local.task(), warmUp);
                } catch (FanOutException e) {
                    // fail-fast strategies aside, nothing fails here; and a warm-up is not measured
                }
            }
        }
    }

    /** Writes the round trips measured for {@code --latency hdr:FILE}; none measured, nothing written. */
    private void saveLatency(org.HdrHistogram.Histogram serviceMicros, String source) throws java.io.IOException {
        if (serviceMicros.getTotalCount() == 0) {
            System.err.println("run: no request was answered, so no latency to save; " + saveLatency + " not written");
            return;
        }
        AtomicFiles.writeString(saveLatency, dev.fanout.benchmarks.server.LatencyLog.write(serviceMicros,
                "fanout run --save-latency: " + serviceMicros.getTotalCount() + " round trips to " + source));
        System.out.printf(Locale.ROOT, "latency    %,d round trips saved to %s (replay: --latency hdr:%s)%n",
                serviceMicros.getTotalCount(), saveLatency, saveLatency);
    }

    private FanOutStrategy strategy(RunTimeline timeline) {
        BenchCommand.requireStrategy("--strategy", strategy);
        if (strategy.equals(AdaptiveStrategy.NAME)) {
            String algorithm = limit == null ? AdaptiveStrategy.DEFAULT_ALGORITHM.label() : limit;
            return UsageException.check("--limit: ", () -> AdaptiveStrategy.builder().limit(algorithm).listener(timeline).build());
        }
        if (limit != null) {
            throw new UsageException("--limit chooses the adaptive strategy's algorithm; --strategy " + strategy
                    + " has no limit to move (use --strategy adaptive)");
        }
        if (strategy.equals(HedgedStrategy.NAME)) {
            return UsageException.check("", () -> Hedging.strategy(hedgeDelay, hedgeBudget, hedgeCancelLosers));
        }
        if (hedgeDelay != null || hedgeBudget != null || hedgeCancelLosers) {
            throw new UsageException((hedgeDelay != null ? "--hedge-delay" : hedgeBudget != null ? "--hedge-budget" : "--hedge-cancel-losers")
                    + " applies to --strategy hedged only, not " + strategy);
        }
        return UsageException.check("--strategy: ", () -> dev.fanout.strategies.StrategyRegistry.create(strategy));
    }

    /** The server's faults; a plain --server-limit K keeps its old message, a schedule names its option. */
    private static Duration duration(String option, String text) {
        Duration d = UsageException.check("", () -> Durations.parse(text));
        if (d.isZero()) {
            throw new UsageException(option + " must be positive, was " + text);
        }
        return d;
    }

    private static void printOutcome(Outcome<Integer> o) {
        String detail = o instanceof Outcome.Failure<Integer> f ? "  " + TargetRun.describe(f.error()) : "";
        System.out.printf(Locale.ROOT, "item %6d  %-9s  waited %8.1f ms  ran %8.1f ms%s%n", o.index(), Span.kind(o),
                o.timing().waitNanos() / 1e6, o.timing().serviceNanos() / 1e6, detail);
    }
}
