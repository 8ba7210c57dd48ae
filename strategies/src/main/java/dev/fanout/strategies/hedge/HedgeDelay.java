package dev.fanout.strategies.hedge;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * When a call is late enough to hedge: a fixed delay, or a percentile of the run's own latencies,
 * trusted only after a warm-up of that many samples (by default max(20, 100 / (100 - p)): a p99 is
 * a guess before a hundred samples). One per run, read by the run's sweeper alone, so a percentile
 * read (a scan of the histogram) is cached for {@link #REFRESH_NANOS}.
 */
public final class HedgeDelay {

    /** The fewest samples a percentile delay is trusted on, whatever the percentile. */
    public static final int MIN_WARMUP = 20;
    /** How long a percentile read stays good: the sweeper may look every half millisecond. */
    static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Duration fixed;
    private final double percentile;
    private final int warmup;
    private final LatencyHistogram latencies;
    private long cached = -1;
    private long cachedAt;

    /**
     * @param fixed      the delay, or {@code null} for a percentile
     * @param percentile the percentile of the latencies, above 0 and below 100 (ignored with a fixed delay)
     * @param warmup     the samples the percentile waits for, at least 1
     * @param latencies  the run's latencies
     */
    public HedgeDelay(Duration fixed, double percentile, int warmup, LatencyHistogram latencies) {
        check(fixed, percentile, warmup);
        this.fixed = fixed;
        this.percentile = percentile;
        this.warmup = warmup;
        this.latencies = Objects.requireNonNull(latencies, "latencies must not be null");
    }

    /** @throws IllegalArgumentException naming the setting that is out of range */
    static void check(Duration fixed, double percentile, int warmup) {
        if (fixed != null && fixed.isNegative()) {
            throw new IllegalArgumentException("delay must be at least 0, was " + fixed);
        }
        if (fixed == null && !(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be above 0 and below 100, was " + percentile);
        }
        if (warmup < 1) {
            throw new IllegalArgumentException("warmup must be at least 1 sample, was " + warmup);
        }
    }

    /** @return the default warm-up of a percentile: max({@value #MIN_WARMUP}, 100 / (100 - p)) */
    public static int defaultWarmup(double percentile) {
        return (int) Math.max(MIN_WARMUP, Math.ceil(100 / (100 - percentile) - 1e-9));
    }

    /** @return the delay as the command line writes it: {@code p99} or {@code 50ms} */
    public static String spec(Duration fixed, double percentile) {
        if (fixed == null) {
            return "p" + trim(percentile);
        }
        long nanos = fixed.toNanos();
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : trim(nanos / 1e6) + "ms";
    }

    /** @return the number with at most three decimals and no trailing zeros */
    public static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /**
     * @param now the run's clock
     * @return the delay in nanoseconds now, or -1 while a percentile is still warming up
     */
    public long nanosAt(long now) {
        if (fixed != null) {
            return fixed.toNanos();
        }
        if (cached < 0 || now - cachedAt >= REFRESH_NANOS) {
            cached = latencies.percentileNanos(percentile, warmup);
            cachedAt = now;
        }
        return cached;
    }
}
