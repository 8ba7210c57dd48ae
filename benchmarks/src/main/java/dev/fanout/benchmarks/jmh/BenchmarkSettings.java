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

    private BenchmarkSettings() {
    }

    static Path resultsDir() {
        return Path.of(System.getProperty(RESULTS_DIR, "bench-results/jmh"));
    }

    static OptionalDouble capacityRps() {
        String value = System.getProperty(CAPACITY_RPS);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
    }

    static long seed() {
        return Long.getLong(SEED, 42);
    }
}
