package dev.fanout.benchmarks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code benchmarks.jar} as a user's {@code ./fanout} does: a separate JVM, the same
 * JDK as the tests, {@code --enable-preview}. Its output goes to a log file beside the results.
 */
record BenchmarksJar(Path jar) {

    /** The jar `mvn package` built for this module. */
    static BenchmarksJar built() {
        Path jar = Path.of("target", "benchmarks.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package`");
        }
        return new BenchmarksJar(jar);
    }

    record Finished(int exitCode, String output) {
    }

    /**
     * @param extraClassPath folders added after the jar (a test strategy, for example)
     * @param systemProperties {@code -Dkey=value} arguments for the host JVM
     */
    Finished fanout(Path log, List<Path> extraClassPath, List<String> systemProperties, String... args)
            throws IOException, InterruptedException {
        return fanout(log, extraClassPath, systemProperties, java.util.Map.of(), args);
    }

    /** @param environment variables added to the process's environment, which JMH's forks inherit */
    Finished fanout(Path log, List<Path> extraClassPath, List<String> systemProperties, java.util.Map<String, String> environment,
                    String... args) throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        StringBuilder classPath = new StringBuilder(jar.toString());
        extraClassPath.forEach(p -> classPath.append(java.io.File.pathSeparator).append(p.toAbsolutePath()));
        List<String> command = new ArrayList<>(List.of(javaBin, "--enable-preview", "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(systemProperties);
        command.addAll(List.of("-cp", classPath.toString(), "dev.fanout.benchmarks.cli.FanoutCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) { // liveness only
            process.destroyForcibly();
            throw new AssertionError("fanout " + String.join(" ", args) + " did not finish; see " + log);
        }
        return new Finished(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
