package dev.fanout.benchmarks.server;

import java.util.Locale;

/**
 * What goes wrong on the server, by design. Rates are fractions of requests, drawn per request
 * from the server's seeded generator.
 *
 * @param errorRate      answered with HTTP 500
 * @param disconnectRate the connection is closed before any response
 * @param stallRate      no response at all, until the client gives up
 * @param serverLimit    a request arriving while this many are in flight is answered 429 at once,
 *                       the way a real service protects itself; 0 for no limit
 */
public record Faults(double errorRate, double disconnectRate, double stallRate, int serverLimit) {

    /** No faults. */
    public static final Faults NONE = new Faults(0, 0, 0, 0);

    /** The grammar of {@link #parse}, for messages and help. */
    public static final String GRAMMAR = "none | error=0.05,disconnect=0.01,stall=0.001,limit=32 (any subset)";

    public Faults {
        rate("--error-rate", errorRate);
        rate("--disconnect-rate", disconnectRate);
        rate("--stall-rate", stallRate);
        if (errorRate + disconnectRate + stallRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("--error-rate + --disconnect-rate + --stall-rate must not exceed 1, was "
                    + (errorRate + disconnectRate + stallRate));
        }
        if (serverLimit < 0) {
            throw new IllegalArgumentException("--server-limit must be 0 (no limit) or more, was " + serverLimit);
        }
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }

    /** @return whether any fault is switched on */
    public boolean any() {
        return errorRate > 0 || disconnectRate > 0 || stallRate > 0 || serverLimit > 0;
    }

    /**
     * @param spec {@code none}, or comma-separated {@code error=}, {@code disconnect=}, {@code stall=},
     *             {@code limit=}
     * @throws IllegalArgumentException showing the grammar, if malformed
     */
    public static Faults parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("none")) {
            return NONE;
        }
        double error = 0;
        double disconnect = 0;
        double stall = 0;
        int limit = 0;
        try {
            for (String part : s.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("'" + part + "' is not key=value");
                }
                switch (kv[0].trim()) {
                    case "error" -> error = Double.parseDouble(kv[1]);
                    case "disconnect" -> disconnect = Double.parseDouble(kv[1]);
                    case "stall" -> stall = Double.parseDouble(kv[1]);
                    case "limit" -> limit = Integer.parseInt(kv[1].trim());
                    default -> throw new IllegalArgumentException("unknown fault '" + kv[0] + "'");
                }
            }
            return new Faults(error, disconnect, stall, limit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed fault spec '" + spec + "': " + e.getMessage() + "; expected " + GRAMMAR, e);
        }
    }

    /** @return the spec form, {@code none} when there are no faults */
    public String spec() {
        if (!any()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        if (errorRate > 0) b.append(",error=").append(errorRate);
        if (disconnectRate > 0) b.append(",disconnect=").append(disconnectRate);
        if (stallRate > 0) b.append(",stall=").append(stallRate);
        if (serverLimit > 0) b.append(",limit=").append(serverLimit);
        return b.substring(1);
    }
}
