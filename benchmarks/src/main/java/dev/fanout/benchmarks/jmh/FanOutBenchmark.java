package dev.fanout.benchmarks.jmh;

import dev.fanout.benchmarks.workload.FanOutMeasurement;
import dev.fanout.benchmarks.workload.Hedging;
import dev.fanout.benchmarks.workload.Span;
import dev.fanout.benchmarks.workload.TimedTask;
import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.Outcome;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.Timing;
import dev.fanout.strategies.HedgedStrategy;
import dev.fanout.strategies.StrategyRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import java.util.stream.LongStream;

/*
 * ONE OPERATION = ONE FAN-OUT of `items` calls with one STRATEGY at one width, on the `http` or the
 * `sim` workload (FanOutBenchmarkBase has the set-up and the traps it avoids).
 *
 * JMH reports operations per second; items per second is that times `items`. The LatencyProfiler
 * adds, per point, what throughput alone hides: service and sojourn latency percentiles
 * (HdrHistogram), efficiency against the calibrated ideal, and the most calls the server (or the
 * sim) itself saw in flight: the proof of the bound, taken by the workload, not by the strategy.
 * Each call's latencies are taken as the peers' are, by the shared wrapper around the call
 * (TimedTask), on the thread that ran it: the measurement then costs strategies and peers the same,
 * in the same place. (It used to be recorded from each outcome in the sink, on the caller's thread,
 * while the peers recorded on their workers: the strategies' one thread that reads and delivers
 * carried the histograms' work alone, which measured the benchmark, not the strategy.) The sink
 * still sees every outcome on the caller's thread, as a user's sink would; it keeps the timeline's
 * spans from the strategy's own outcome timing (queued, started, finished), and the sojourn of an
 * input that never started (no call, so no wrapper, saw it).
 *
 * Run through `./fanout bench` (profiles, results folder, report), or as plain JMH:
 *   java --enable-preview -jar benchmarks/target/benchmarks.jar FanOutBenchmark \
 *        -p strategy=semaphore -p width=16 -prof dev.fanout.benchmarks.jmh.LatencyProfiler
 */
public class FanOutBenchmark extends FanOutBenchmarkBase {

    @Param({"sequential", "all-at-once", "semaphore", "worker-pool", "structured"})
    public String strategy;

    private FanOutStrategy fanOut;
    private FanOutOptions options;
    private int effectiveWidth;
    private final OutcomeSink<Integer> record = this::record;
    private final TimedTask.Sink timed = (item, start, end, result, failure) -> recordLatency(start, end, answered(failure));

    @Override
    protected void prepare() {
        fanOut = StrategyRegistry.create(strategy);
        if (fanOut instanceof HedgedStrategy) {
            fanOut = Hedging.fromSystemProperties(); // fanout bench's --hedge-* options, and HTTP 429 as its overload signal
        }
        options = FanOutOptions.builder().width(width).build();
        effectiveWidth = (int) Math.min(items, fanOut.capabilities().effectiveWidth(width));
    }

    @Override
    protected int bound() {
        return effectiveWidth;
    }

    @Override
    protected long runBatch(AsyncFanOutTask<Long, Integer> task) throws InterruptedException {
        return fanOut.stream(LongStream.range(0, items).iterator(), new TimedTask(task, timed), options, record).makespanNanos();
    }

    private void record(Outcome<Integer> outcome) {
        if (!(outcome instanceof Outcome.Success<Integer>)) {
            recordFailure();
        }
        Timing t = outcome.timing();
        if (t.startedNanos() == Timing.NOT_STARTED) {
            recordLatency(Timing.NOT_STARTED, t.finishedNanos(), false);
        }
        if (capturingSpans()) {
            recordSpan(outcome.index(), t.queuedNanos(), t.startedNanos(), t.finishedNanos(), Span.kind(outcome));
        }
    }

    @Benchmark
    public long fanOut() throws Exception {
        return batch();
    }
}
