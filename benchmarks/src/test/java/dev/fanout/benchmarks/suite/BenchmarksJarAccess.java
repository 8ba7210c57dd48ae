package dev.fanout.benchmarks.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link BenchmarksJar} for tests in other packages: a bench run into a folder, and the gate. */
public final class BenchmarksJarAccess {

    private final BenchmarksJar jar;

    private BenchmarksJarAccess(BenchmarksJar jar) {
        this.jar = jar;
    }

    public static BenchmarksJarAccess built() {
        return new BenchmarksJarAccess(BenchmarksJar.built());
    }

    /** Runs {@code fanout <args> --out <out>} with the test classes on the class path; returns the exit code. */
    public int bench(Path out, List<String> systemProperties, String... args) throws Exception {
        return bench(out, systemProperties, java.util.Map.of(), args);
    }

    /** As {@link #bench(Path, List, String...)}, with these environment variables, which JMH's forks inherit. */
    public int bench(Path out, List<String> systemProperties, java.util.Map<String, String> environment, String... args) throws Exception {
        Files.createDirectories(out);
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--out", out.toString()))
                .toArray(String[]::new);
        return jar.fanout(out.resolve("bench.log"), List.of(Path.of("target", "test-classes")), systemProperties, environment, all)
                .exitCode();
    }

    public record Gate(int exitCode, String output) {
    }

    public Gate gate(Path log, Path baseline, Path current, Path markdown) throws Exception {
        BenchmarksJar.Finished f = jar.fanout(log, List.of(), List.of(), "gate", "--baseline", baseline.toString(),
                "--current", current.toString(), "--markdown", markdown.toString());
        return new Gate(f.exitCode(), f.output());
    }
}
