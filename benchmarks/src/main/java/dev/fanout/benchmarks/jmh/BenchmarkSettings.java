package dev.fanout.benchmarks.jmh;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * What {@code fanout bench} tells each forked JVM, as system properties (JMH forks do not inherit
 * the host's): where to write HdrHistogram files and timelines, the seed, and the harness capacity
 * of the point's client, measured once before the run. A plain {@code java -jar benchmarks.jar} run
 * works without them: files go to {@code bench-results/jmh}, and each {@code http} fork calibrates
 * its client on its own.
 */
public final class BenchmarkSettings {

    public static final String RESULTS_DIR = "fanout.results.dir";
    public static final String CAPACITY_RPS = "fanout.capacityRps";
    public static final String SEED = "fanout.seed";
    /** {@code bench --target}: the URL template of the service every point fans out to instead of the local server. */
    public static final String TARGET = "fanout.target";
    /** {@code bench --target}: the most requests one fork may send the target; beyond it a call fails unsent. */
    public static final String TARGET_MAX_REQUESTS = "fanout.target.maxRequests";
    /** {@code bench --target}: the client's stall guard against the target. */
    public static final String TARGET_REQUEST_TIMEOUT = "fanout.target.requestTimeoutMs";

    private BenchmarkSettings() {
    }

    static Path resultsDir() {
        return Path.of(System.getProperty(RESULTS_DIR, "bench-results/jmh"));
    }

    static OptionalDouble capacityRps() {
        String value = System.getProperty(CAPACITY_RPS);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
    }

    /** @return the target's URL template, when the forks measure a real service ({@code bench --target}) */
    static java.util.Optional<String> target() {
        return java.util.Optional.ofNullable(System.getProperty(TARGET));
    }

    static long targetMaxRequests() {
        return Long.getLong(TARGET_MAX_REQUESTS, Long.MAX_VALUE);
    }

    static java.time.Duration targetRequestTimeout() {
        return java.time.Duration.ofMillis(Long.getLong(TARGET_REQUEST_TIMEOUT, 10_000));
    }

    static long seed() {
        return Long.getLong(SEED, 42);
    }
}
