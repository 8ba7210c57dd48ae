package dev.fanout.benchmarks.cli;

import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LatencyServer;
import dev.fanout.benchmarks.server.LimitSchedule;
import dev.fanout.core.Rate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

import java.util.List;

/**
 * The latency server's options, in one place for every command that starts the server ({@code run},
 * {@code serve}): a picocli mixin. A new server option is one field here and one line in
 * {@link #configure}.
 */
final class ServerOptions {

    /** The name commands give this mixin (picocli's {@code @Mixin(name = ...)}). */
    static final String MIXIN_NAME = "server";

    @Option(names = "--latency", paramLabel = "PROFILE", defaultValue = "fixed:20ms",
            description = "the injected latency profile (see below); default: ${DEFAULT-VALUE}")
    String latency;

    @Option(names = "--error-rate", paramLabel = "RATE", defaultValue = "0",
            description = "fraction of requests answered HTTP 500, 0..1")
    double errorRate;

    @Option(names = "--disconnect-rate", paramLabel = "RATE", defaultValue = "0",
            description = "fraction of requests whose connection is closed before a response, 0..1."
                    + " okhttp (configured so) and jetty do not retry: the item fails. The JDK client retries a GET once when a"
                    + " kept-alive connection closes like this: the server counts both requests.")
    double disconnectRate;

    @Option(names = "--stall-rate", paramLabel = "RATE", defaultValue = "0",
            description = "fraction of requests never answered, until the client gives up (--timeout or --request-timeout), 0..1")
    double stallRate;

    @Option(names = "--server-limit", paramLabel = "K", defaultValue = "0",
            description = "the server answers 429 at once to a request arriving while K are in flight; 0: no limit."
                    + " It may change during the run: 48,16@2s is 48, then 16 from 2 s after the first request")
    String serverLimit;

    @Option(names = "--server-capacity", paramLabel = "K", defaultValue = "0",
            description = "the server serves at most K requests at once; the rest wait their turn, so latency rises with"
                    + " load, as at a slow downstream; 0: no limit. May change during the run like --server-limit")
    String serverCapacity;

    @Option(names = "--server-rate", paramLabel = "R/s[,burst=B]",
            description = "the server answers 429 at once to requests beyond R a second: one token bucket for the server,"
                    + " of B permits (default: a tenth of a second's worth, at least 1, so the jitter of a client kept at"
                    + " R/s is absorbed), refilled at R a second, full at the start; default: no limit")
    String serverRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "seed of the injected delays and faults; default: ${DEFAULT-VALUE}")
    long seed;

    /** @throws UsageException naming the option, for a malformed profile */
    LatencyProfile profile() {
        return UsageException.check("", () -> LatencyProfile.parse(latency));
    }

    /** @throws UsageException naming the option, for a rate or limit out of range */
    Faults faults() {
        return UsageException.check("", () -> {
            boolean constant = serverLimit.trim().matches("-?\\d+");
            Faults faults = new Faults(errorRate, disconnectRate, stallRate, constant ? Integer.parseInt(serverLimit.trim()) : 0);
            if (!constant) {
                faults = faults.withServerLimits(LimitSchedule.parse("--server-limit", serverLimit));
            }
            return faults.withServerCapacity(LimitSchedule.parse("--server-capacity", serverCapacity));
        });
    }

    /**
     * @return the {@code --server-rate}, or null for none
     * @throws UsageException naming the option, for a malformed or non-positive rate
     */
    Rate serverRate() {
        if (serverRate == null) {
            return null;
        }
        Rate rate = UsageException.check("--server-rate: ", () -> Rate.parse(serverRate));
        return serverRate.contains("burst=") ? rate : rate.withBurst((int) Math.max(1, Math.ceil(rate.perSecond() / 10)));
    }

    /** @return {@code builder} with every server option applied (checked first) */
    LatencyServer.Builder configure(LatencyServer.Builder builder) {
        return builder.latency(profile()).faults(faults()).rateLimit(serverRate()).seed(seed);
    }

    /** @return the server options given on this command line (by their longest name), in declaration order */
    static List<String> given(CommandSpec command) {
        CommandSpec mixin = command.mixins().get(MIXIN_NAME);
        ParseResult parsed = command.commandLine().getParseResult();
        return mixin.options().stream().filter(parsed::hasMatchedOption).map(OptionSpec::longestName).toList();
    }
}
