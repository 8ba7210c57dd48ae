package dev.fanout.benchmarks.cli;

import dev.fanout.reports.AtomicFiles;
import dev.fanout.benchmarks.server.Durations;
import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.workload.Calibration;
import dev.fanout.benchmarks.workload.FanOutMeasurement;
import dev.fanout.benchmarks.workload.Hedging;
import dev.fanout.benchmarks.workload.IdealMakespan;
import dev.fanout.benchmarks.workload.ItemClient;
import dev.fanout.benchmarks.workload.Span;
import dev.fanout.benchmarks.workload.Workload;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.Outcome;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.ThreadKind;
import dev.fanout.strategies.HedgedStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
                "  units: us, ms, s",
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
                "1 on an internal error, 2 on bad input (then nothing is written)."})
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

    @Option(names = "--client", paramLabel = "okhttp|jdk", defaultValue = ItemClient.DEFAULT,
            description = "the HTTP client: okhttp (cheaper per request, the default) or jdk (java.net.http)")
    String client;

    @Option(names = "--workload", paramLabel = "http|sim", defaultValue = "http",
            description = "http: the client against the local server; sim: the same latency in-process, no sockets"
                    + " (no faults, no client); default: ${DEFAULT-VALUE}")
    String workload;

    @Option(names = "--latency", paramLabel = "PROFILE", defaultValue = "fixed:20ms",
            description = "the injected latency profile (see below); default: ${DEFAULT-VALUE}")
    String latency;

    @Option(names = "--error-rate", paramLabel = "RATE", defaultValue = "0",
            description = "fraction of requests answered HTTP 500, 0..1")
    double errorRate;

    @Option(names = "--disconnect-rate", paramLabel = "RATE", defaultValue = "0",
            description = "fraction of requests whose connection is closed before a response, 0..1."
                    + " okhttp does not retry (configured so): the item fails. The JDK client retries a GET once when a"
                    + " kept-alive connection closes like this: the server counts both requests.")
    double disconnectRate;

    @Option(names = "--stall-rate", paramLabel = "RATE", defaultValue = "0",
            description = "fraction of requests never answered, until the client gives up (--timeout or --request-timeout), 0..1")
    double stallRate;

    @Option(names = "--server-limit", paramLabel = "K", defaultValue = "0",
            description = "the server answers 429 at once to a request arriving while K are in flight; 0: no limit")
    int serverLimit;

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

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "seed of the injected delays and faults; default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10000",
            description = "warm-up requests before the harness is calibrated (JIT); default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON to FILE (whole, or not at all)")
    Path json;

    @Option(names = "--show-outcomes", description = "print one line per outcome, in the --order chosen")
    boolean showOutcomes;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Override
    public Integer call() throws Exception {
        FanOutStrategy chosen = strategy();
        if (!Workload.NAMES.contains(workload)) {
            throw new UsageException("--workload: " + Workload.unknown(workload));
        }
        if (!ItemClient.NAMES.contains(client)) {
            throw new UsageException("--client: " + ItemClient.unknown(client));
        }
        boolean http = workload.equals("http");
        LatencyProfile profile = UsageException.check("", () -> LatencyProfile.parse(latency));
        Faults faults = UsageException.check("", () -> new Faults(errorRate, disconnectRate, stallRate, serverLimit));
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

        Calibration harness = null;
        if (http) {
            System.err.printf("calibrating the harness with the %s client (%d warm-up requests)...%n", client, warmup);
            harness = Calibration.measure(client, warmup);
            if (!harness.trustworthy()) {
                System.err.println("WARNING: " + harness.warning());
            }
        }

        int effectiveWidth = chosen.capabilities().effectiveWidth(width);
        int inFlight = (int) Math.max(1, Math.min(items, effectiveWidth));
        options.expectedTotal(items).progress(ProgressDisplay.forConsole(chosen.name()));
        try (Workload work = Workload.builder().workload(workload).client(http ? client : Workload.NO_CLIENT).latency(profile)
                .faults(faults).seed(seed).maxInFlight(inFlight).requestTimeout(clientTimeout).start()) {
            OutcomeSink<Integer> show = showOutcomes ? RunCommand::printOutcome : o -> { };
            FanOutMeasurement.Result result = FanOutMeasurement.measure(chosen, options.build(), work, items,
                    outcomeOrder, false, show);
            double ideal = IdealMakespan.idealMs(result.slept(), items, result.summary().width());
            double calibrated = IdealMakespan.calibratedMs(ideal, items, harness == null ? 0 : harness.capacityRps());
            RunReport report = new RunReport(chosen.name(), width, items, profile.spec(), faults.spec(), seed,
                    workload, work.client(), result, ideal, calibrated, harness,
                    chosen instanceof HedgedStrategy hedged ? RunReport.Hedges.of(hedged) : null);
            System.out.print(report.human());
            if (json != null) {
                AtomicFiles.writeString(json, report.json());
                System.out.println("json       " + json);
            }
        }
        return 0;
    }

    private FanOutStrategy strategy() {
        BenchCommand.requireStrategy("--strategy", strategy);
        if (strategy.equals(HedgedStrategy.NAME)) {
            return UsageException.check("", () -> Hedging.strategy(hedgeDelay, hedgeBudget, hedgeCancelLosers));
        }
        if (hedgeDelay != null || hedgeBudget != null || hedgeCancelLosers) {
            throw new UsageException((hedgeDelay != null ? "--hedge-delay" : hedgeBudget != null ? "--hedge-budget" : "--hedge-cancel-losers")
                    + " applies to --strategy hedged only, not " + strategy);
        }
        return UsageException.check("--strategy: ", () -> dev.fanout.strategies.StrategyRegistry.create(strategy));
    }

    private static Duration duration(String option, String text) {
        Duration d = UsageException.check("", () -> Durations.parse(text));
        if (d.isZero()) {
            throw new UsageException(option + " must be positive, was " + text);
        }
        return d;
    }

    private static void printOutcome(Outcome<Integer> o) {
        String detail = o instanceof Outcome.Failure<Integer> f ? "  " + f.error().getMessage() : "";
        System.out.printf(Locale.ROOT, "item %6d  %-9s  waited %8.1f ms  ran %8.1f ms%s%n", o.index(), Span.kind(o),
                o.timing().waitNanos() / 1e6, o.timing().serviceNanos() / 1e6, detail);
    }
}
