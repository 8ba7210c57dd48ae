package dev.fanout.reports.results;

/**
 * One point of a run's plan, as the manifest lists it.
 *
 * @param id       the point id, {@code <strategy>-w<width>-<latency>-n<items>}; names its files
 * @param strategy the strategy's name
 * @param width    the width asked for (the strategy may have an effective width of its own)
 * @param latency  the latency spec, for example {@code fixed:20ms}
 * @param items    requests per batch
 * @param done     whether its JMH result is in jmh.json
 */
public record PlannedPoint(String id, String strategy, int width, String latency, int items, boolean done) {
}
