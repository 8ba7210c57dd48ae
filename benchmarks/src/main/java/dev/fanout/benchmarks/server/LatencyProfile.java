package dev.fanout.benchmarks.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the server waits before it answers each request. Written as a spec:
 *
 * <pre>
 *   fixed:20ms                  every request waits 20 ms
 *   uniform:10ms..30ms          uniformly between 10 and 30 ms
 *   lognormal:20ms,p99=200ms    log-normal with median 20 ms and 99th percentile 200 ms (a heavy tail)
 *   bimodal:10ms,500ms,0.01     10 ms, except a fraction 0.01 of requests that take 500 ms
 *   hdr:service.hlog            drawn from latencies recorded by run --save-latency (an HdrHistogram log)
 * </pre>
 * Units are {@code us}, {@code ms} or {@code s}. Samples come from a seeded generator, so a profile
 * with a seed injects the same delays in the same order every time.
 */
public sealed interface LatencyProfile {

    /** The grammar, for error messages and {@code --help}. */
    String GRAMMAR = "fixed:20ms | uniform:10ms..30ms | lognormal:20ms,p99=200ms | bimodal:10ms,500ms,0.01 | hdr:FILE";

    /** The z-score of the 99th percentile of a standard normal distribution. */
    double Z_99 = 2.3263478740408408;

    /** @return one delay, drawn with {@code random} */
    Duration sample(SplittableRandom random);

    /** @return one delay in nanoseconds, drawn with {@code random} exactly as {@link #sample} draws it */
    default long sampleNanos(SplittableRandom random) {
        return sample(random).toNanos();
    }

    /** @return the median delay (half of the requests wait less) */
    Duration median();

    /** @return whether every request waits the same */
    default boolean isFixed() {
        return this instanceof Fixed;
    }

    /** @return the spec this profile was parsed from, in canonical form */
    String spec();

    record Fixed(Duration delay) implements LatencyProfile {
        public Duration sample(SplittableRandom random) {
            return delay;
        }

        @Override
        public long sampleNanos(SplittableRandom random) {
            return delay.toNanos();
        }

        public Duration median() {
            return delay;
        }

        public String spec() {
            return "fixed:" + Durations.format(delay);
        }
    }

    record Uniform(Duration low, Duration high) implements LatencyProfile {
        public Duration sample(SplittableRandom random) {
            return Duration.ofNanos(low.toNanos() + (long) (random.nextDouble() * (high.toNanos() - low.toNanos())));
        }

        public Duration median() {
            return Duration.ofNanos((low.toNanos() + high.toNanos()) / 2);
        }

        public String spec() {
            return "uniform:" + Durations.format(low) + ".." + Durations.format(high);
        }
    }

    record LogNormal(Duration median, Duration p99) implements LatencyProfile {
        public Duration sample(SplittableRandom random) {
            double sigma = Math.log((double) p99.toNanos() / median.toNanos()) / Z_99;
            return Duration.ofNanos((long) (median.toNanos() * Math.exp(sigma * gaussian(random))));
        }

        public String spec() {
            return "lognormal:" + Durations.format(median) + ",p99=" + Durations.format(p99);
        }

        /** Box-Muller: SplittableRandom has no nextGaussian of its own in every JDK. */
        private static double gaussian(SplittableRandom random) {
            double u = 1.0 - random.nextDouble();
            double v = random.nextDouble();
            return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
        }
    }

    record Bimodal(Duration fast, Duration slow, double slowFraction) implements LatencyProfile {
        public Duration sample(SplittableRandom random) {
            return random.nextDouble() < slowFraction ? slow : fast;
        }

        public Duration median() {
            return slowFraction < 0.5 ? fast : slow;
        }

        public String spec() {
            return "bimodal:" + Durations.format(fast) + "," + Durations.format(slow) + "," + slowFraction;
        }
    }

    /**
     * Delays drawn from a recorded distribution ({@link LatencyLog}): a service's own, measured by
     * {@code run --target URL --save-latency FILE}. The spec names the file by its absolute path, so
     * a benchmark fork started elsewhere reads the same one.
     */
    final class Recorded implements LatencyProfile {
        private final Path file;
        private final LatencyLog log;

        /** @throws IllegalArgumentException naming the file, if it is unreadable or empty */
        public Recorded(Path file) {
            this.file = file.toAbsolutePath().normalize();
            this.log = LatencyLog.read(this.file);
        }

        public Duration sample(SplittableRandom random) {
            return Duration.ofNanos(log.sampleNanos(random));
        }

        @Override
        public long sampleNanos(SplittableRandom random) {
            return log.sampleNanos(random);
        }

        public Duration median() {
            return Duration.ofNanos(log.percentileMicros(50) * 1000);
        }

        public String spec() {
            return "hdr:" + file;
        }

        @Override
        public String toString() {
            return spec();
        }
    }

    /**
     * @param spec a latency spec such as {@code fixed:20ms}
     * @return the profile
     * @throws IllegalArgumentException with the grammar, if the spec is malformed
     */
    static LatencyProfile parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.startsWith("hdr:")) {
            if (s.length() == 4) {
                throw new IllegalArgumentException("malformed latency spec 'hdr:': name the file, hdr:FILE");
            }
            try {
                return new Recorded(Path.of(s.substring(4)));
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("--latency hdr: '" + s.substring(4) + "' is not a file name", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--latency hdr: " + e.getMessage(), e);
            }
        }
        try {
            Matcher m;
            if ((m = Pattern.compile("fixed:([^,]+)").matcher(s)).matches()) {
                return new Fixed(Durations.parse(m.group(1)));
            }
            if ((m = Pattern.compile("uniform:([^.]+)\\.\\.(.+)").matcher(s)).matches()) {
                Duration low = Durations.parse(m.group(1));
                Duration high = Durations.parse(m.group(2));
                require(low.compareTo(high) <= 0, "the low end must not exceed the high end");
                return new Uniform(low, high);
            }
            if ((m = Pattern.compile("lognormal:([^,]+),p99=(.+)").matcher(s)).matches()) {
                Duration median = Durations.parse(m.group(1));
                Duration p99 = Durations.parse(m.group(2));
                require(!median.isZero() && p99.compareTo(median) > 0, "p99 must be larger than a non-zero median");
                return new LogNormal(median, p99);
            }
            if ((m = Pattern.compile("bimodal:([^,]+),([^,]+),(.+)").matcher(s)).matches()) {
                double fraction = Double.parseDouble(m.group(3));
                require(fraction >= 0 && fraction <= 1, "the slow fraction must be between 0 and 1");
                return new Bimodal(Durations.parse(m.group(1)), Durations.parse(m.group(2)), fraction);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed latency spec '" + spec + "': " + e.getMessage()
                    + "; expected " + GRAMMAR, e);
        }
        throw new IllegalArgumentException("malformed latency spec '" + spec + "'; expected " + GRAMMAR);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
