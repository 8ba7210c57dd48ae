package dev.fanout.benchmarks.jmh;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LatencyServer;
import dev.fanout.benchmarks.workload.Calibration;
import dev.fanout.benchmarks.workload.FanOutMeasurement;
import dev.fanout.benchmarks.workload.IdealMakespan;
import dev.fanout.benchmarks.workload.ItemClient;
import dev.fanout.benchmarks.workload.Span;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.Outcome;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.RunSummary;
import dev.fanout.strategies.SemaphoreStrategy;
import dev.fanout.strategies.StrategyRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/*
 * ONE OPERATION = ONE FAN-OUT of `items` GET requests against the local latency server, with one
 * strategy at one width.
 *
 * JMH reports operations per second; items per second is that times `items`. The LatencyProfiler
 * adds, per point, what throughput alone hides: service and sojourn latency percentiles
 * (HdrHistogram), efficiency against the calibrated ideal, and the most requests the server itself
 * saw in flight (the proof of the bound).
 *
 * The traps this class avoids:
 *  - A server started per operation would measure connection set-up: the server starts once per
 *    trial (@Setup(Level.Trial)) and its connections are warmed before JMH's own warm-up.
 *  - The benchmark must not lie about the bound: the width is the strategy's, and the server counts.
 *  - Returning the summary keeps JMH from treating the fan-out as dead code.
 *
 * Run through `./fanout bench` (profiles, results folder, report), or as plain JMH:
 *   java --enable-preview -jar benchmarks/target/benchmarks.jar FanOutBenchmark \
 *        -p strategy=semaphore -p width=16 -prof dev.fanout.benchmarks.jmh.LatencyProfiler
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {FanOutBenchmark.PREVIEW, FanOutBenchmark.HEAP_MIN, FanOutBenchmark.HEAP_MAX,
        FanOutBenchmark.QUIET_UNSAFE})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class FanOutBenchmark {

    // The forked JVMs' arguments. Options given to JMH's Runner replace the annotation's, so
    // `fanout bench` passes FORK_JVM_ARGS again; --enable-preview is needed by StructuredTaskScope.
    static final String PREVIEW = "--enable-preview";
    static final String HEAP_MIN = "-Xms512m";
    static final String HEAP_MAX = "-Xmx2g";
    /** JMH 1.37 itself touches sun.misc.Unsafe, which JDK 25 warns about in every fork. Not ours. */
    static final String QUIET_UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    public static final String[] FORK_JVM_ARGS = {PREVIEW, HEAP_MIN, HEAP_MAX, QUIET_UNSAFE};

    @Param({"sequential", "all-at-once", "semaphore", "worker-pool", "structured"})
    public String strategy;

    @Param({"1", "4", "16", "64", "256"})
    public int width;

    @Param({"fixed:20ms"})
    public String latency;

    @Param({"128"})
    public int items;

    private LatencyServer server;
    private ItemClient client;
    private FanOutStrategy fanOut;
    private FanOutOptions options;
    private LatencyProfile profile;
    private int effectiveWidth;
    private final PointRecording recording = PointRecording.CURRENT;

    private long batchStart;
    private List<Span> spans;
    private final OutcomeSink<Integer> record = this::record;

    @Setup(Level.Trial)
    public void startServer() throws Exception {
        fanOut = StrategyRegistry.create(strategy);
        profile = LatencyProfile.parse(latency);
        effectiveWidth = (int) Math.min(items, fanOut.capabilities().effectiveWidth(width));
        double capacity = BenchmarkSettings.capacityRps().isPresent()
                ? BenchmarkSettings.capacityRps().getAsDouble()
                : Calibration.measure("jdk", new SemaphoreStrategy(), 2000).capacityRps();
        server = LatencyServer.builder().latency(profile).seed(BenchmarkSettings.seed())
                .backlog(Math.max(1024, effectiveWidth)).start();
        client = ItemClient.create("jdk", server.baseUri(), Duration.ofSeconds(30));
        options = FanOutOptions.builder().width(width).build();
        warmConnections();
        recording.attach(server, capacity);
    }

    /** Opens `effectiveWidth` connections once, so no measured batch pays for TCP set-up. */
    private void warmConnections() throws InterruptedException {
        new SemaphoreStrategy().gather(LongStream.range(0, effectiveWidth).boxed().toList(), client,
                FanOutOptions.builder().width(effectiveWidth).build());
        server.drainInjectedDelays();
    }

    @Benchmark
    public RunSummary fanOut() throws InterruptedException {
        spans = recording.capturingSpans() ? new ArrayList<>(items) : null;
        batchStart = System.nanoTime();
        RunSummary summary = fanOut.stream(LongStream.range(0, items).iterator(), client, options, record);
        double makespanMs = summary.makespanNanos() / 1e6;
        double idealMs = IdealMakespan.idealMs(profile, server.drainInjectedDelays(), items, effectiveWidth);
        recording.batchDone(makespanMs, IdealMakespan.calibratedMs(idealMs, items, recording.capacityRps()), spans);
        return summary;
    }

    private void record(Outcome<Integer> outcome) {
        if (FanOutMeasurement.answered(outcome)) {
            recording.service.recordValue(Math.max(0, outcome.timing().serviceNanos() / 1000));
        }
        recording.sojourn.recordValue(Math.max(0, (outcome.timing().finishedNanos() - batchStart) / 1000));
        if (spans != null) {
            spans.add(Span.of(outcome, batchStart));
        }
    }

    @TearDown(Level.Trial)
    public void stopServer() {
        client.close();
        server.close();
    }
}
