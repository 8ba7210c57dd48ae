package dev.fanout.benchmarks.cli;

import dev.fanout.benchmarks.server.Durations;
import dev.fanout.benchmarks.server.LatencyServer;
import dev.fanout.benchmarks.server.LatencyService;
import dev.fanout.reports.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "serve", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Serves the latency server on its own, for any client: your Python, Go or",
                "JavaScript code, curl, or ./fanout run --target. GET /item/{n} answers after the",
                "injected delay, with the injected faults, exactly as in ./fanout run and bench.",
                "It listens on loopback only, unless told otherwise. It serves until Ctrl-C or",
                "--duration, then prints what it saw: requests by status, the most it had in",
                "flight at once, the delays it really slept (percentiles).",
                "",
                "The first line of output is for scripts, always in this form:",
                "  serving <base URL> items <base URL>/item/{n}",
                "for example",
                "  serving http://127.0.0.1:41234 items http://127.0.0.1:41234/item/{n}",
                "so `read -r _ base _ items` splits it: the second field is the base URL, the",
                "fourth the item URL form that ./fanout run --target and examples/asyncio/ take.",
                "",
                "While it runs:",
                "  GET  /stats        what it saw, as JSON (the document --stats-json writes)",
                "  POST /stats/reset  the same JSON, then counting starts afresh (counts, the",
                "                     in-flight peak, the delays slept): a script reads each",
                "                     run of its own so",
                "/stats and /stats/reset are not counted as requests; any other path is a 404.",
                "",
                "Example (curl, then the Python asyncio originals, then a Java strategy):",
                "  ./fanout serve --latency fixed:20ms --port 8080 &",
                "  items='http://127.0.0.1:8080/item/{n}'",
                "  curl -s http://127.0.0.1:8080/item/1 -o /dev/null -w '%%{http_code}\\n'",
                "  python3 examples/asyncio/gather_semaphore.py \"$items\" 256 16",
                "  ./fanout run --target \"$items\" --width 16 --items 256",
                "  curl -s http://127.0.0.1:8080/stats",
                ""},
        footer = {"",
                "The /stats JSON: baseUrl, itemUrl, latency, faults, since (ISO-8601), seconds,",
                "resets, requests, status{<code>:<count>}, disconnected, stalled, inFlight (now),",
                "maxInFlight, connections{accepted,open}, sleptMs{count,total,min,mean,p50,p90,",
                "p99,p999,max}, sleepOvershootMs. All since the start or the last reset.",
                "",
                "Latency profiles: fixed:20ms | uniform:10ms..30ms | lognormal:20ms,p99=200ms |",
                "bimodal:10ms,500ms,0.01 (units us, ms, s; delays drawn from --seed in arrival",
                "order).",
                "",
                "Memory stays constant however long it serves: counters, not records, and the",
                "delays in a fixed-size HdrHistogram.",
                "",
                "Exit status: 0 when it stopped as asked (--duration, or Ctrl-C: then the shell",
                "shows 130), 1 on an internal error, 2 on bad input (a port in use, an address",
                "that is not loopback without --allow-remote, ...): nothing started, nothing",
                "written."})
final class ServeCommand implements Callable<Integer> {

    @Mixin(name = ServerOptions.MIXIN_NAME)
    ServerOptions server;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "the port to listen on; 0 (the default) takes a free one, printed on the first line")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "the address to listen on; default: ${DEFAULT-VALUE} (loopback). Any other needs --allow-remote")
    String bind;

    @Option(names = "--allow-remote",
            description = "let --bind take an address that is not loopback: the server then takes requests (and answers"
                    + " /stats) from anyone who can reach it")
    boolean allowRemote;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "stop after this long (e.g. 30s); default: until Ctrl-C")
    String duration;

    @Option(names = "--stats-json", paramLabel = "FILE",
            description = "when it stops, write what it saw (the /stats JSON) to FILE, whole or not at all")
    Path statsJson;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LatencyServer.Builder builder = server.configure(LatencyServer.builder());
        InetAddress address = address();
        UsageException.check("--port: ", () -> builder.port(port));
        builder.bind(address);
        Duration stopAfter = null;
        if (duration != null) {
            stopAfter = UsageException.check("--duration: ", () -> Durations.parse(duration));
            if (stopAfter.isZero()) {
                throw new UsageException("--duration must be positive, was " + duration);
            }
        }
        if (statsJson != null) {
            UsageException.check("", () -> {
                AtomicFiles.requireWritableTarget("--stats-json", statsJson);
                return statsJson;
            });
        }

        LatencyService service = start(builder, address);
        String base = service.server().baseUri().toString();
        if (!address.isLoopbackAddress()) {
            System.err.println("WARNING: listening on " + address.getHostAddress() + ", not loopback: anyone who can reach"
                    + " this machine can send requests to it and read /stats");
        }
        if (IgnoredSigint.inThisProcess()) {
            System.err.println("WARNING: SIGINT is ignored in this process (started under nohup, or as a background job):"
                    + " Ctrl-C will not stop this server; stop it with kill -TERM " + ProcessHandle.current().pid()
                    + ", or give --duration");
        }
        System.out.println("serving " + base + " items " + base + "/item/{n}");
        System.out.printf(Locale.ROOT, "latency %s, faults %s%s, seed %d; POST %s%s starts counting afresh; %s%n",
                server.profile().spec(), server.faults().spec(),
                server.serverRate() == null ? "" : ", 429 beyond " + server.serverRate(), server.seed, base, LatencyService.RESET_PATH,
                stopAfter == null ? "Ctrl-C stops" : "stops after " + duration + " (or Ctrl-C)");
        System.out.flush();

        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            stop.countDown();
            try {
                reported.await(10, TimeUnit.SECONDS); // the JVM ends when the hooks do: let the summary out first
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "serve-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            if (stopAfter == null) {
                stop.await();
            } else {
                stop.await(stopAfter.toNanos(), TimeUnit.NANOSECONDS);
            }
        } finally {
            try {
                report(service);
            } finally {
                reported.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is already running, and waits for nothing more
                }
            }
        }
        return 0;
    }

    private InetAddress address() {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind.trim());
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: '" + bind + "' is not an address of this machine");
        }
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new UsageException("--bind " + bind + " is not a loopback address: the server would take requests from the"
                    + " network; add --allow-remote if you mean it");
        }
        return address;
    }

    private LatencyService start(LatencyServer.Builder builder, InetAddress address) throws IOException {
        try {
            return LatencyService.start(builder);
        } catch (BindException e) {
            if (port != 0 && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("in use")) {
                throw new UsageException("--port " + port + " is in use on " + address.getHostAddress() + " (" + e.getMessage()
                        + "); pick another, or 0 for a free one");
            }
            throw new UsageException("--bind " + bind + ": cannot listen there (" + e.getMessage() + ")");
        }
    }

    private void report(LatencyService service) throws IOException {
        LatencyService.Snapshot seen = service.snapshot();
        service.close();
        StringBuilder statuses = new StringBuilder();
        seen.server().byStatus().forEach((code, count) -> statuses.append(String.format(Locale.ROOT, ", %,d x %d", count, code)));
        System.out.printf(Locale.ROOT, "%-10s %.1f s%s: %,d requests%s, %,d disconnected, %,d stalled%n", "served",
                seen.seconds(), seen.resets() > 0 ? " (since the last of its " + seen.resets() + " resets)" : "",
                seen.server().requests(), statuses, seen.server().disconnected(), seen.server().stalled());
        System.out.printf(Locale.ROOT, "%-10s at most %,d at once; connections accepted: %,d%n", "in flight",
                seen.server().maxInFlight(), seen.server().connectionsAccepted());
        if (seen.slept().count() == 0) {
            System.out.printf(Locale.ROOT, "%-10s nothing%n", "slept");
        } else {
            System.out.printf(Locale.ROOT, "%-10s %,d delays: p50 %.1f   p90 %.1f   p99 %.1f   p99.9 %.1f   max %.1f ms"
                            + " (%.3f ms late on average)%n", "slept", seen.slept().count(),
                    seen.sleptPercentileMs(50), seen.sleptPercentileMs(90), seen.sleptPercentileMs(99),
                    seen.sleptPercentileMs(99.9), seen.slept().maxSleptNanos() / 1e6, seen.slept().meanOvershootMs());
        }
        if (statsJson != null) {
            AtomicFiles.writeString(statsJson, seen.json());
            System.out.printf(Locale.ROOT, "%-10s %s%n", "stats", statsJson);
        }
        System.out.flush();
    }
}
