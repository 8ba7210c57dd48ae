package dev.fanout.core;

import java.util.Locale;

/**
 * A requests-per-second limit: {@code perSecond} permits a second on average, of which up to
 * {@code burst} may be taken at once after a quiet spell. Over any stretch of time {@code t}
 * seconds, at most {@code burst + perSecond * t} calls start. The written form, which
 * {@link #parse} reads and {@link #toString} writes, is {@code R/s} (the default burst) or
 * {@code R/s,burst=B}.
 *
 * @param perSecond the average rate, permits per second: positive and finite, at most 10^9
 * @param burst     how many permits may be taken at once, at least 1 (1: evenly spaced; default
 *                  {@link #DEFAULT_BURST})
 */
public record Rate(double perSecond, int burst) {

    /**
     * The burst when none is given: one permit of slack, so that a call woken a little late (a busy
     * machine, a timer's slack) does not lose its permit and the average rate holds. Measured: with
     * a burst of 1, every strategy against a quota of 100/s on this 2-core VM with other builds
     * running kept 73 to 93 a second; each late wake-up lost the time it was late. A burst of 1
     * spaces calls exactly, at that price.
     */
    public static final int DEFAULT_BURST = 2;

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

    /** @return a rate of {@code perSecond} with the {@linkplain #DEFAULT_BURST default burst} */
    public static Rate perSecond(double perSecond) {
        return new Rate(perSecond, DEFAULT_BURST);
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
        int burst = DEFAULT_BURST;
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
        return burst == DEFAULT_BURST ? r + "/s" : r + "/s,burst=" + burst;
    }
}
