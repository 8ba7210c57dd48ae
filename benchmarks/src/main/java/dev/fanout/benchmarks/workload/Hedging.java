package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.Durations;
import dev.fanout.strategies.HedgedStrategy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code hedged} strategy as the command line and the benchmarks set it up: its delay
 * ({@code --hedge-delay 50ms} or {@code p95}) and budget ({@code --hedge-budget 0.05}), and the
 * server's HTTP 429 as its overload signal. {@code fanout bench} hands the two options to its forked
 * JVMs as the system properties below.
 */
public final class Hedging {

    /** The forks' system property for {@code --hedge-delay}. */
    public static final String DELAY_PROPERTY = "fanout.hedge.delay";
    /** The forks' system property for {@code --hedge-budget}. */
    public static final String BUDGET_PROPERTY = "fanout.hedge.budget";
    /** The forks' system property for {@code --hedge-cancel-losers}. */
    public static final String CANCEL_LOSERS_PROPERTY = "fanout.hedge.cancelLosers";
    /** The prefix that {@code fanout bench} forwards to every fork. */
    public static final String PROPERTY_PREFIX = "fanout.hedge.";

    private static final Pattern PERCENTILE = Pattern.compile("p(\\d+(?:\\.\\d+)?)");

    private Hedging() {
    }


    /**
     * @param delay  {@code 50ms}, {@code 0ms}, {@code p95}..., or null for the default (p99)
     * @param budget the fraction of calls that may be hedged, or null for the default (0.05)
     * @param cancelLosers interrupt a losing attempt at once (see {@link HedgedStrategy.Builder#cancelLosers})
     * @return the strategy; HTTP 429 throttles it ({@link HttpStatusException} is an OverloadSignal, the default)
     * @throws IllegalArgumentException naming the option ({@code --hedge-delay}, {@code --hedge-budget})
     */
    public static HedgedStrategy strategy(String delay, Double budget, boolean cancelLosers) {
        HedgedStrategy.Builder builder = HedgedStrategy.builder().cancelLosers(cancelLosers);
        if (delay != null) {
            delay(builder, delay.trim().toLowerCase(Locale.ROOT));
        }
        if (budget != null) {
            if (!(budget >= 0 && budget <= 1)) {
                throw new IllegalArgumentException("--hedge-budget must be between 0 and 1, was " + budget);
            }
            builder.budget(budget);
        }
        return builder.build();
    }

    private static void delay(HedgedStrategy.Builder builder, String spec) {
        Matcher percentile = PERCENTILE.matcher(spec);
        if (percentile.matches()) {
            double p = Double.parseDouble(percentile.group(1));
            if (!(p > 0 && p < 100)) {
                throw new IllegalArgumentException("--hedge-delay: a percentile must be above p0 and below p100, was " + spec);
            }
            builder.delayPercentile(p);
            return;
        }
        if (spec.startsWith("-")) {
            throw new IllegalArgumentException("--hedge-delay must be at least 0, was " + spec);
        }
        try {
            builder.delay(Durations.parse(spec));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--hedge-delay must be a duration (50ms) or a percentile of the run's latencies"
                    + " (p95), was '" + spec + "'");
        }
    }

    /** @return the strategy as {@code fanout bench} set it up for this fork, or with the defaults */
    public static HedgedStrategy fromSystemProperties() {
        String budget = System.getProperty(BUDGET_PROPERTY);
        return strategy(System.getProperty(DELAY_PROPERTY), budget == null ? null : Double.valueOf(budget),
                Boolean.getBoolean(CANCEL_LOSERS_PROPERTY));
    }
}
