package dev.fanout.benchmarks.suite;

import dev.fanout.strategies.StrategyRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A named set of benchmark points and how long to measure each: the grid `fanout bench` runs.
 *
 * <ul>
 *   <li>{@code smoke}: the whole pipeline in about a minute; the tests and the CI gate use it.</li>
 *   <li>{@code quick}: the default; every strategy at widths 1 to 256, a fixed and a heavy-tailed
 *       profile. About ten minutes on 2 cores.</li>
 *   <li>{@code full}: for publishing; more widths and profiles, three forks, longer iterations.</li>
 * </ul>
 *
 * @param warmupIterations      JMH warm-up iterations per fork
 * @param warmupTime            length of each warm-up iteration
 * @param measurementIterations JMH measurement iterations per fork
 * @param measurementTime       length of each measurement iteration
 */
public record BenchProfile(String name, List<String> strategies, List<Integer> widths, List<String> latencies,
                           List<Integer> items, int forks, int warmupIterations, Duration warmupTime,
                           int measurementIterations, Duration measurementTime) {

    public static final List<String> NAMES = List.of("smoke", "quick", "full");

    /**
     * @throws IllegalArgumentException naming the valid profiles
     */
    public static BenchProfile named(String name) {
        List<String> every = StrategyRegistry.names();
        return switch (name.toLowerCase(Locale.ROOT)) {
            // ten short iterations, not a few long ones: the gate needs JMH's confidence intervals tight
            case "smoke" -> new BenchProfile("smoke", every, List.of(16), List.of("fixed:20ms"), List.of(48),
                    1, 2, Duration.ofMillis(500), 10, Duration.ofMillis(500));
            case "quick" -> new BenchProfile("quick", every, List.of(1, 4, 16, 64, 256),
                    List.of("fixed:20ms", "lognormal:20ms,p99=200ms"), List.of(128),
                    1, 1, Duration.ofSeconds(2), 3, Duration.ofSeconds(2));
            case "full" -> new BenchProfile("full", every, List.of(1, 2, 4, 8, 16, 32, 64, 128, 256),
                    List.of("fixed:20ms", "uniform:10ms..30ms", "lognormal:20ms,p99=200ms", "bimodal:10ms,500ms,0.01"),
                    List.of(256), 3, 2, Duration.ofSeconds(5), 5, Duration.ofSeconds(5));
            default -> throw new IllegalArgumentException("unknown profile '" + name + "'; valid profiles: " + String.join(", ", NAMES));
        };
    }

    public BenchProfile withStrategies(List<String> strategies) {
        return new BenchProfile(name, strategies, widths, latencies, items, forks, warmupIterations, warmupTime,
                measurementIterations, measurementTime);
    }

    public BenchProfile withWidths(List<Integer> widths) {
        return new BenchProfile(name, strategies, widths, latencies, items, forks, warmupIterations, warmupTime,
                measurementIterations, measurementTime);
    }

    public BenchProfile withLatencies(List<String> latencies) {
        return new BenchProfile(name, strategies, widths, latencies, items, forks, warmupIterations, warmupTime,
                measurementIterations, measurementTime);
    }

    public BenchProfile withItems(List<Integer> items) {
        return new BenchProfile(name, strategies, widths, latencies, items, forks, warmupIterations, warmupTime,
                measurementIterations, measurementTime);
    }

    public BenchProfile withMeasurement(int iterations, Duration time) {
        return new BenchProfile(name, strategies, widths, latencies, items, forks, warmupIterations, warmupTime,
                iterations, time);
    }

    public BenchProfile withForks(int forks) {
        return new BenchProfile(name, strategies, widths, latencies, items, forks, warmupIterations, warmupTime,
                measurementIterations, measurementTime);
    }

    /** @return every point of the grid: latency, then strategy, then width, then items */
    public List<BenchPoint> points() {
        return latencies.stream().flatMap(l -> strategies.stream().flatMap(s -> widths.stream()
                .flatMap(w -> items.stream().map(n -> new BenchPoint(s, w, l, n))))).toList();
    }

    @Override
    public String toString() {
        return name + ": strategies " + strategies + ", widths " + widths + ", latencies " + latencies + ", items "
                + items + ", " + forks + " fork(s), " + warmupIterations + " x " + warmupTime.toMillis() + " ms warm-up, "
                + measurementIterations + " x " + measurementTime.toMillis() + " ms measurement";
    }

}
