package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.server.SleepRecord;
import dev.fanout.core.FanOutException;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.Outcome;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.RunSummary;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;

/**
 * One fan-out of {@code items} calls to a {@link Workload}, measured: the run's summary, service and
 * sojourn latencies (HdrHistogram, microseconds), what the server (or the sim) saw, what it really
 * slept, and optionally every request's span.
 *
 * <ul>
 *   <li>service latency: the task's start to its end, a request sent to its response received;
 *       recorded for every request that got an answer (any HTTP status);</li>
 *   <li>sojourn latency: the batch start to the item's outcome, so queueing inside the strategy
 *       counts; recorded for every item.</li>
 * </ul>
 */
public final class FanOutMeasurement {

    /** How outcomes come back: {@code gather} (input order) or {@code stream} (completion order). */
    public enum Order { INPUT, COMPLETION }

    /**
     * @param summary       the strategy's own totals
     * @param failure       the fail-fast or input failure the run ended with, or null
     * @param service       service latencies, microseconds
     * @param sojourn       sojourn latencies, microseconds
     * @param server        what the server (or the sim) saw during this fan-out
     * @param slept         what it really slept during this fan-out
     * @param spans         every request's span, if asked for, else empty
     */
    public record Result(RunSummary summary, FanOutException failure, Histogram service, Histogram sojourn,
                         ServerStats server, SleepRecord slept, List<Span> spans) {

        public double makespanMs() {
            return summary.makespanNanos() / 1e6;
        }
    }

    private FanOutMeasurement() {
    }

    /**
     * Runs one fan-out and measures it. The workload's statistics are reset first.
     *
     * @param also      hears every outcome in the chosen order (for printing); may be a no-op
     * @param keepSpans whether to keep every request's span (memory O(items))
     */
    public static Result measure(FanOutStrategy strategy, FanOutOptions options, Workload workload,
                                 long items, Order order, boolean keepSpans, OutcomeSink<Integer> also)
            throws InterruptedException {
        workload.resetStats();
        dev.fanout.core.FanOutTask<Long, Integer> task = workload.task();
        Histogram service = new Histogram(3_600_000_000L, 3);
        Histogram sojourn = new Histogram(3_600_000_000L, 3);
        List<Span> spans = keepSpans ? new ArrayList<>() : List.of();
        long batchStart = options.clock().nanoTime();
        OutcomeSink<Integer> record = outcome -> {
            if (answered(outcome)) {
                service.recordValue(Math.max(0, outcome.timing().serviceNanos() / 1000));
            }
            sojourn.recordValue(Math.max(0, (outcome.timing().finishedNanos() - batchStart) / 1000));
            if (keepSpans) {
                spans.add(Span.of(outcome, batchStart));
            }
            also.accept(outcome);
        };
        Iterator<Long> inputs = LongStream.range(0, items).iterator();
        RunSummary summary;
        FanOutException failure = null;
        try {
            if (order == Order.COMPLETION) {
                summary = strategy.stream(inputs, task, options, record);
            } else {
                FanOutResult<Integer> result = strategy.gather(inputs, task, options);
                result.outcomes().forEach(record::accept);
                summary = result.summary();
            }
        } catch (FanOutException e) {
            failure = e;
            summary = e.summary();
            @SuppressWarnings("unchecked")
            List<Outcome<Integer>> kept = (List<Outcome<Integer>>) e.outcomes();
            kept.forEach(record::accept);
        }
        return new Result(summary, failure, service, sojourn, workload.stats(), workload.drainSlept(), spans);
    }

    /** @return whether a request got an answer (of any status), so its service time is a round trip */
    public static boolean answered(Outcome<?> outcome) {
        return outcome instanceof Outcome.Success<?>
                || outcome instanceof Outcome.Failure<?> f && f.error() instanceof HttpStatusException;
    }
}
