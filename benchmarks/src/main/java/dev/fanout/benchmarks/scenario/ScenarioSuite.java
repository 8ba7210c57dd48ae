package dev.fanout.benchmarks.scenario;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.benchmarks.jmh.FanOutBenchmarkBase;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.suite.BenchSuite;
import dev.fanout.benchmarks.suite.ResultsFolder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs benchmark scenarios contender by contender, each in a forked JVM ({@link ScenarioFork}) with
 * the same seed, and keeps the results folder's manifest up to date after each, so an interrupted
 * run keeps what finished. A fork's output goes to a {@code .log} file beside its result.
 */
public final class ScenarioSuite {

    /** A fork that has not finished after this long is stopped, and the suite fails. */
    static final Duration FORK_TIMEOUT = Duration.ofMinutes(5);
    /** What a fork costs besides its run: the JVM, the server and client, the warm-up. Measured here: 2-3 s. */
    static final Duration FORK_OVERHEAD = Duration.ofMillis(2500);

    private final List<Scenario> scenarios;
    private final ResultsFolder folder;
    private final PrintStream out;
    private final long seed;

    public ScenarioSuite(List<Scenario> scenarios, ResultsFolder folder, PrintStream out, long seed) {
        this.scenarios = List.copyOf(scenarios);
        this.folder = folder;
        this.out = out;
        this.seed = seed;
    }

    /** Runs every contender of every scenario; returns when all are done. */
    public void run() throws IOException, InterruptedException {
        int total = scenarios.stream().mapToInt(s -> s.contenders().size()).sum();
        int done = 0;
        long started = System.nanoTime();
        for (Scenario scenario : scenarios) {
            for (Contender contender : scenario.contenders()) {
                Path result = folder.scenarioFile(scenario, contender.id());
                Files.createDirectories(result.getParent());
                fork(scenario, contender, result);
                folder.scenarioDone(scenario, contender.id());
                done++;
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                Duration left = elapsed.dividedBy(done).multipliedBy(total - done);
                out.println(progressLine(done, total, scenario, contender, result, left));
            }
        }
    }

    private void fork(Scenario scenario, Contender contender, Path result) throws IOException, InterruptedException {
        Path log = result.resolveSibling(contender.id() + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(FanOutBenchmarkBase.FORK_JVM_ARGS));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScenarioFork.class.getName(),
                scenario.name(), contender.id(), result.toAbsolutePath().toString(), String.valueOf(seed)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(FORK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(scenario.name() + " / " + contender.id() + ": the fork did not finish in "
                        + FORK_TIMEOUT.toMinutes() + " minutes; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(result)) {
            throw new IOException(scenario.name() + " / " + contender.id() + ": the fork failed (exit " + process.exitValue()
                    + "); see " + log);
        }
    }

    private static String progressLine(int done, int total, Scenario scenario, Contender contender, Path result, Duration left)
            throws IOException {
        JsonObject doc = JsonParser.parseString(Files.readString(result)).getAsJsonObject();
        JsonObject after = doc.getAsJsonObject("afterFirstSecond");
        String refused = after.get("tooManyShare").isJsonNull() ? "-"
                : String.format(Locale.ROOT, "%.1f%%", 100 * after.get("tooManyShare").getAsDouble());
        return String.format(Locale.ROOT, "[scenario %d/%d] %-11s %-24s %,8.0f ok/s  429s after 1 s %6s  p99 after 1 s %7.1f ms   %s left",
                done, total, scenario.name(), contender.label(), doc.get("goodputPerSecond").getAsDouble(), refused,
                after.getAsJsonObject("serviceMs").get("p99").getAsDouble(), BenchSuite.human(left));
    }

    /**
     * @return about how long the scenarios take: per contender, a fork's start and warm-up, then its
     *         run at the smaller of its width and the server's first K, at the latency's mean
     */
    public static Duration estimate(List<Scenario> scenarios) {
        double seconds = 0;
        for (Scenario s : scenarios) {
            LatencyProfile latency = LatencyProfile.parse(s.latency());
            SplittableRandom random = new SplittableRandom(42);
            double mean = 0;
            for (int i = 0; i < 1000; i++) {
                mean += latency.sampleNanos(random) / 1e9 / 1000;
            }
            int k = s.target().initial() > 0 ? s.target().initial() : Integer.MAX_VALUE;
            for (Contender c : s.contenders()) {
                int inFlight = Math.max(1, Math.min(c.width(), k));
                seconds += FORK_OVERHEAD.toNanos() / 1e9 + s.items() * mean / inFlight;
            }
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
