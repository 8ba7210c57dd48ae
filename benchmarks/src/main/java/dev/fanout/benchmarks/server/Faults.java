package dev.fanout.benchmarks.server;

import java.util.Locale;

/**
 * What goes wrong on the server, by design. Rates are fractions of requests, drawn per request
 * from the server's seeded generator.
 *
 * @param errorRate      answered with HTTP 500
 * @param disconnectRate the connection is closed before any response
 * @param stallRate      no response at all, until the client gives up
 * @param serverLimits   a request arriving while this many are in flight is answered 429 at once,
 *                       the way a real service protects itself; it may change during the run
 *                       ({@code 48,16@2s}); 0 for no limit
 * @param serverCapacity at most this many requests are served at once; the rest wait their turn
 *                       (first come, first served), so latency rises with load, the way a slow
 *                       downstream behaves; it may change during the run too; 0 for no limit
 */
public record Faults(double errorRate, double disconnectRate, double stallRate, LimitSchedule serverLimits,
                     LimitSchedule serverCapacity) {

    /** No faults. */
    public static final Faults NONE = new Faults(0, 0, 0, 0);

    /** The grammar of {@link #parse}, for messages and help. */
    public static final String GRAMMAR = "none | error=0.05,disconnect=0.01,stall=0.001,limit=32,capacity=24 (any subset;"
            + " limit and capacity may change: limit=48,16@2s)";

    public Faults {
        rate("--error-rate", errorRate);
        rate("--disconnect-rate", disconnectRate);
        rate("--stall-rate", stallRate);
        if (errorRate + disconnectRate + stallRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("--error-rate + --disconnect-rate + --stall-rate must not exceed 1, was "
                    + (errorRate + disconnectRate + stallRate));
        }
        java.util.Objects.requireNonNull(serverLimits, "serverLimits must not be null (LimitSchedule.NONE for none)");
        java.util.Objects.requireNonNull(serverCapacity, "serverCapacity must not be null (LimitSchedule.NONE for none)");
    }

    /** Faults with a constant 429 limit (0 for none) and no queueing limit. */
    public Faults(double errorRate, double disconnectRate, double stallRate, int serverLimit) {
        this(errorRate, disconnectRate, stallRate, constantLimit(serverLimit), LimitSchedule.NONE);
    }

    private static LimitSchedule constantLimit(int serverLimit) {
        if (serverLimit < 0) {
            throw new IllegalArgumentException("--server-limit must be 0 (no limit) or more, was " + serverLimit);
        }
        return LimitSchedule.constant(serverLimit);
    }

    /** @return the 429 limit at the start of the run; 0 for none */
    public int serverLimit() {
        return serverLimits.initial();
    }

    /** @return these faults with another 429 limit */
    public Faults withServerLimits(LimitSchedule limits) {
        return new Faults(errorRate, disconnectRate, stallRate, limits, serverCapacity);
    }

    /** @return these faults with another queueing limit */
    public Faults withServerCapacity(LimitSchedule capacity) {
        return new Faults(errorRate, disconnectRate, stallRate, serverLimits, capacity);
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }

    /** @return whether any fault is switched on */
    public boolean any() {
        return errorRate > 0 || disconnectRate > 0 || stallRate > 0 || serverLimits.any() || serverCapacity.any();
    }

    /**
     * @param spec {@code none}, or comma-separated {@code error=}, {@code disconnect=}, {@code stall=},
     *             {@code limit=}, {@code capacity=} (a limit schedule's own commas are kept with it:
     *             {@code error=0.1,limit=48,16@2s})
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
        LimitSchedule limit = LimitSchedule.NONE;
        LimitSchedule capacity = LimitSchedule.NONE;
        try {
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (String part : s.split(",")) {
                if (!part.contains("=") && !parts.isEmpty() && part.contains("@")) {
                    parts.set(parts.size() - 1, parts.getLast() + "," + part); // a schedule's next step
                } else {
                    parts.add(part);
                }
            }
            for (String part : parts) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("'" + part + "' is not key=value");
                }
                switch (kv[0].trim()) {
                    case "error" -> error = Double.parseDouble(kv[1]);
                    case "disconnect" -> disconnect = Double.parseDouble(kv[1]);
                    case "stall" -> stall = Double.parseDouble(kv[1]);
                    case "limit" -> limit = LimitSchedule.parse("limit", kv[1]);
                    case "capacity" -> capacity = LimitSchedule.parse("capacity", kv[1]);
                    default -> throw new IllegalArgumentException("unknown fault '" + kv[0] + "'");
                }
            }
            return new Faults(error, disconnect, stall, limit, capacity);
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
        if (serverLimits.any()) b.append(",limit=").append(serverLimits.spec());
        if (serverCapacity.any()) b.append(",capacity=").append(serverCapacity.spec());
        return b.substring(1);
    }
}
