package dev.fanout.benchmarks.workload;

import dev.fanout.core.Outcome;

/**
 * One request of one batch, for the timeline picture: times in milliseconds from the batch start.
 *
 * @param startMs {@code NaN} when the request never started
 * @param outcome {@code success}, {@code failed}, {@code timedOut} or {@code cancelled}
 */
public record Span(long index, double queuedMs, double startMs, double endMs, String outcome) {

    /** @return the span of an outcome, relative to {@code batchStartNanos} */
    public static Span of(Outcome<?> o, long batchStartNanos) {
        double start = o.timing().started() ? (o.timing().startedNanos() - batchStartNanos) / 1e6 : Double.NaN;
        return new Span(o.index(), (o.timing().queuedNanos() - batchStartNanos) / 1e6, start,
                (o.timing().finishedNanos() - batchStartNanos) / 1e6, kind(o));
    }

    /** @return the outcome's kind as the results files name it */
    public static String kind(Outcome<?> o) {
        return switch (o) {
            case Outcome.Success<?> s -> "success";
            case Outcome.Failure<?> f -> "failed";
            case Outcome.TimedOut<?> t -> "timedOut";
            case Outcome.Cancelled<?> c -> "cancelled";
        };
    }
}
