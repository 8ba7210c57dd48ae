package dev.fanout.core;

import java.util.Locale;

/**
 * A requests-per-second limit: {@code perSecond} permits a second on average, of which up to
 * {@code burst} may be taken at once after a quiet spell. Over any stretch of time {@code t}
 * seconds, at most {@code burst + perSecond * t} calls start. The written form, which
 * {@link #parse} reads and {@link #toString} writes, is {@code R/s} or {@code R/s,burst=B}.
 *
 * @param perSecond the average rate, permits per second: positive and finite, at most 10^9
 * @param burst     how many permits may be taken at once, at least 1 (1: evenly spaced)
 */
public record Rate(double perSecond, int burst) {

    /** The most permits a second: one a nanosecond, the clock's resolution. */
    public static final double MAX_PER_SECOND = 1e9;

    public Rate {
        if (!(perSecond > 0) || perSecond > MAX_PER_SECOND) { // also rejects NaN
            throw new IllegalArgumentException("rate must be more than 0 and at most 1e9 per second, was " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
    }

    /** @return a rate of {@code perSecond} with a burst of 1: calls evenly spaced */
    public static Rate perSecond(double perSecond) {
        return new Rate(perSecond, 1);
    }

    /** @return this rate with the given burst */
    public Rate withBurst(int burst) {
        return new Rate(perSecond, burst);
    }

    /**
     * @return the time between two permits in nanoseconds, rounded up so the rate is never
     *         exceeded (at least 1)
     */
    public long intervalNanos() {
        return Math.max(1, (long) Math.ceil(1e9 / perSecond));
    }

    /**
     * Reads {@code R/s} or {@code R/s,burst=B}, e.g. {@code 100/s}, {@code 0.5/s},
     * {@code 100/s,burst=10}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Rate parse(String text) {
        String s = text.strip();
        int comma = s.indexOf(',');
        String ratePart = comma < 0 ? s : s.substring(0, comma);
        int burst = 1;
        if (comma >= 0) {
            String rest = s.substring(comma + 1).strip();
            if (!rest.startsWith("burst=")) {
                throw new IllegalArgumentException("expected R/s or R/s,burst=B, got '" + text + "'");
            }
            try {
                burst = Integer.parseInt(rest.substring("burst=".length()).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("burst must be a whole number, got '" + text + "'");
            }
        }
        if (!ratePart.endsWith("/s")) {
            throw new IllegalArgumentException("expected R/s or R/s,burst=B (requests per second), got '" + text + "'");
        }
        double perSecond;
        try {
            perSecond = Double.parseDouble(ratePart.substring(0, ratePart.length() - 2).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number before /s, got '" + text + "'");
        }
        return new Rate(perSecond, burst);
    }

    @Override
    public String toString() {
        String r = perSecond == Math.rint(perSecond) && perSecond < 1e15
                ? Long.toString((long) perSecond) : String.format(Locale.ROOT, "%s", perSecond);
        return burst == 1 ? r + "/s" : r + "/s,burst=" + burst;
    }
}
