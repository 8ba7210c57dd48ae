package dev.fanout.benchmarks.cli;

import dev.fanout.benchmarks.workload.FanOutMeasurement;
import dev.fanout.core.Rate;

import java.util.Locale;

/**
 * The line {@code run} adds under its report when a rate is in play ({@code --rate},
 * {@code --server-rate}): the pace the calls really kept and the share the server refused, by the
 * server's own count when there is a local server.
 */
final class RateLine {

    private RateLine() {
    }

    /**
     * @param clientRate the {@code --rate} as given, or null
     * @param serverRate the server's rate, or null (then no 429 share of its own is shown)
     */
    static String of(String clientRate, Rate serverRate, FanOutMeasurement.Result result) {
        long started = result.summary().succeeded() + result.summary().failed() + result.summary().timedOut();
        double seconds = result.summary().makespanNanos() / 1e9;
        double pace = seconds > 0 ? started / seconds : 0;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %s%s: %,d requests in %.2f s = %.1f/s",
                "rate", clientRate == null ? "no --rate" : "--rate " + clientRate,
                serverRate == null ? "" : ", server " + serverRate, started, seconds, pace));
        if (serverRate != null && result.server() != null) {
            long refused = result.server().status(429);
            long requests = result.server().requests();
            line.append(String.format(Locale.ROOT, "; the server refused %,d of %,d (%.2f%%), accepted %.1f/s",
                    refused, requests, requests == 0 ? 0 : 100.0 * refused / requests,
                    seconds > 0 ? result.server().status(200) / seconds : 0));
        }
        return line.append(System.lineSeparator()).toString();
    }
}
