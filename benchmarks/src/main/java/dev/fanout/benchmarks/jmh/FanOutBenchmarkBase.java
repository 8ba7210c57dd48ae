package dev.fanout.benchmarks.jmh;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.workload.Calibration;
import dev.fanout.benchmarks.workload.HttpStatusException;
import dev.fanout.benchmarks.workload.IdealMakespan;
import dev.fanout.benchmarks.workload.Percentiles;
import dev.fanout.benchmarks.workload.Span;
import dev.fanout.benchmarks.workload.Workload;
import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.Timing;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/*
 * ONE OPERATION = ONE FAN-OUT of `items` calls to the workload, by one strategy (FanOutBenchmark) or
 * one peer (PeerBenchmark) at one width. This base holds what both share, so both are measured
 * alike: the workload (`http`: a real client against the local latency server; `sim`: the same
 * latency profiles in-process, no sockets), its warm-up, and the per-item recording of service and
 * sojourn latency into the same HdrHistogram recorders (PointRecording), which LatencyProfiler turns
 * into JMH secondary metrics.
 *
 * The traps this class avoids:
 *  - Measuring the JIT: before JMH's own warm-up iterations, each fork runs the point's very
 *    fan-out against the workload answering at once (no delay) until at least 2,000 calls have been
 *    made and the p50 service time has stopped moving, then opens as many connections as the point
 *    will keep in flight, at the real latency. (A fork used to warm only `width` connections before a
 *    single warm-up iteration: a sequential point measured 0.84 where 0.95 was due.)
 *  - Measuring connection set-up: the workload starts once per trial, its pool sized for the point.
 *  - Charging sleep overshoot: the ideal makespan comes from what the workload really slept.
 *  - Paying for a stall guard nobody needs: the benchmarks inject no stall, so the client has no
 *    request timeout (JMH's own iteration timeout is the last resort).
 *  - Dead code: the operation returns the makespan, which JMH consumes.
 *  - Against a real service (`bench --target`, BenchmarkSettings.TARGET): the fork's warm-up goes to
 *    an in-process server answering at once (the target sees none of it), no connection is opened
 *    ahead, the ideal comes from each batch's measured round trips, the client has a stall guard,
 *    and the fork never sends more than its share of the request cap (a call beyond it fails unsent).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {FanOutBenchmarkBase.PREVIEW, FanOutBenchmarkBase.HEAP_MIN, FanOutBenchmarkBase.HEAP_MAX,
        FanOutBenchmarkBase.QUIET_UNSAFE, FanOutBenchmarkBase.QUIET_SLF4J, FanOutBenchmarkBase.JDK_CLIENT_KEEP_ALIVE})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class FanOutBenchmarkBase {

    // The forked JVMs' arguments. Options given to JMH's Runner replace the annotation's, so
    // `fanout bench` passes FORK_JVM_ARGS again; --enable-preview is needed by StructuredTaskScope.
    static final String PREVIEW = "--enable-preview";
    static final String HEAP_MIN = "-Xms512m";
    static final String HEAP_MAX = "-Xmx2g";
    /** JMH 1.37 itself touches sun.misc.Unsafe, which JDK 25 warns about in every fork. Not ours. */
    static final String QUIET_UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    /**
     * Reactor and Jetty log through slf4j-api, which has no provider here (nothing of theirs is
     * logged) and says so in three lines on stderr in every fork that touches them: a peer's
     * progress line would carry them.
     */
    static final String QUIET_SLF4J = "-Dslf4j.internal.verbosity=ERROR";
    /** The JDK HttpClient reads its keep-alive timeout once, at class load: on the command line it cannot be late. */
    static final String JDK_CLIENT_KEEP_ALIVE = "-Djdk.httpclient.keepalive.timeout=3600";
    public static final String[] FORK_JVM_ARGS = {PREVIEW, HEAP_MIN, HEAP_MAX, QUIET_UNSAFE, QUIET_SLF4J, JDK_CLIENT_KEEP_ALIVE};

    /** The fork's warm-up: at least this many calls, and until the p50 service time moves less than 10%. */
    static final int WARMUP_MIN_CALLS = 2_000;
    static final int WARMUP_ROUND_CALLS = 500;
    static final int WARMUP_MAX_CALLS = 50_000;
    static final Duration WARMUP_MAX_TIME = Duration.ofSeconds(10);
    /** Timelines of batches larger than this are not written (the cost section's are pointless and large). */
    static final int MAX_TIMELINE_ITEMS = 4096;

    @Param({"16"})
    public int width;

    @Param({"fixed:20ms"})
    public String latency;

    @Param({"128"})
    public int items;

    /** {@code http} or {@code sim}. */
    @Param({"http"})
    public String workload;

    /** {@code okhttp} or {@code jdk} for {@code http}; ignored by {@code sim} ({@code none}). */
    @Param({"okhttp"})
    public String client;

    private final PointRecording recording = PointRecording.CURRENT;
    private Workload work;
    private LatencyProfile profile;
    private long batchStart;
    private List<Span> spans;
    private long warmupCalls;
    /** Against a target: each batch's round trips, for its ideal. */
    private org.HdrHistogram.Recorder roundTrips;

    /** Creates the strategy or the peer from its param. */
    protected abstract void prepare();

    /** @return the most calls this point's fan-out will have in flight */
    protected abstract int bound();

    /**
     * Runs one fan-out of {@link #items} calls of {@code task}, each call wrapped in a
     * {@link dev.fanout.benchmarks.workload.TimedTask} that hands its timing to {@link #recordLatency}.
     *
     * @return the makespan, nanoseconds
     */
    protected abstract long runBatch(AsyncFanOutTask<Long, Integer> task) throws Exception;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        prepare();
        if (BenchmarkSettings.target().isPresent()) {
            setUpTarget(BenchmarkSettings.target().get());
            return;
        }
        profile = LatencyProfile.parse(latency);
        boolean http = workload.equals("http");
        double capacity = 0;
        if (http) {
            capacity = BenchmarkSettings.capacityRps().isPresent() ? BenchmarkSettings.capacityRps().getAsDouble()
                    : Calibration.measure(client, 10_000).capacityRps();
        }
        work = Workload.builder().workload(workload).client(http ? client : Workload.NO_CLIENT).latency(profile)
                .seed(BenchmarkSettings.seed()).maxInFlight(Math.max(1, bound())).requestTimeout(Duration.ZERO).start();
        warmUp();
        if (http) {
            openConnections();
        }
        recording.attach(work, capacity, warmupCalls);
    }

    /** {@code bench --target}: warm up against an in-process server, then measure against the target. */
    private void setUpTarget(String url) throws Exception {
        double capacity = BenchmarkSettings.capacityRps().isPresent() ? BenchmarkSettings.capacityRps().getAsDouble()
                : Calibration.measure(client, 10_000).capacityRps();
        int inFlight = Math.max(1, bound());
        try (Workload local = Workload.builder().client(client).maxInFlight(inFlight).requestTimeout(Duration.ZERO).start()) {
            work = local;
            warmUp();
        }
        roundTrips = new org.HdrHistogram.Recorder(3_600_000_000L, 3);
        work = new CappedWorkload(dev.fanout.benchmarks.workload.TargetWorkload.start(client,
                dev.fanout.benchmarks.workload.UrlTemplate.parse(url), inFlight, BenchmarkSettings.targetRequestTimeout()),
                BenchmarkSettings.targetMaxRequests());
        recording.attach(work, capacity, warmupCalls);
    }

    /** The point's own fan-out, answered at once, until the JIT has settled (see the header). */
    private void warmUp() throws Exception {
        work.answerAtOnce(true);
        try {
            long deadline = System.nanoTime() + WARMUP_MAX_TIME.toNanos();
            double previousP50 = Double.NaN;
            recording.service.reset();
            while (true) {
                long roundEnd = warmupCalls + WARMUP_ROUND_CALLS;
                while (warmupCalls < roundEnd) {
                    batch();
                    warmupCalls += items;
                }
                double p50 = Percentiles.ofMicros(recording.service.getIntervalHistogram()).p50();
                boolean settled = warmupCalls >= WARMUP_MIN_CALLS && Double.isFinite(previousP50)
                        && Math.abs(p50 - previousP50) <= Math.max(0.1 * previousP50, 0.005);
                if (settled || warmupCalls >= WARMUP_MAX_CALLS || System.nanoTime() > deadline) {
                    break;
                }
                previousP50 = p50;
            }
        } finally {
            work.answerAtOnce(false);
        }
        work.drainSlept();
        work.resetStats();
    }

    /** Opens as many connections as the point keeps in flight, at the real latency, so no measured batch connects. */
    private void openConnections() throws InterruptedException {
        AsyncFanOutTask<Long, Integer> task = work.task();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < Math.max(1, bound()); i++) {
                long item = i;
                threads.execute(() -> {
                    try {
                        task.call(item);
                    } catch (Exception ignored) {
                        // the measurement will meet any real problem again, and count it
                    }
                });
            }
        }
        work.drainSlept();
        work.resetStats();
    }

    /** One measured (or warm-up) fan-out: records its makespan against its ideal. */
    protected final long batch() throws Exception {
        spans = recording.capturingSpans() && items <= MAX_TIMELINE_ITEMS ? new ArrayList<>(items) : null;
        batchStart = System.nanoTime();
        long makespan = runBatch(work.task());
        double idealMs = IdealMakespan.idealMs(roundTrips == null ? work.drainSlept()
                : dev.fanout.benchmarks.workload.TargetWorkload.roundTrips(roundTrips.getIntervalHistogram()), items, Math.max(1, bound()));
        recording.batchDone(makespan / 1e6, IdealMakespan.calibratedMs(idealMs, items, recording.capacityRps()), spans);
        return makespan;
    }

    /** @return when the batch in progress started, {@code System.nanoTime()} */
    protected final long batchStart() {
        return batchStart;
    }

    /**
     * Records one call's latencies: its service time if it got an answer (of any status), its
     * sojourn time always. Strategies and peers alike call it from {@link dev.fanout.benchmarks.workload.TimedTask}, on the thread
     * that ran the call, so the measurement costs both the same and in the same place.
     * Thread-safe.
     *
     * @param startedNanos {@link Timing#NOT_STARTED} if it never ran (only the sojourn is recorded)
     */
    protected final void recordLatency(long startedNanos, long finishedNanos, boolean answered) {
        if (answered && startedNanos != Timing.NOT_STARTED) {
            recording.service.recordValue(Math.max(0, (finishedNanos - startedNanos) / 1000));
            if (roundTrips != null) {
                roundTrips.recordValue(Math.max(0, (finishedNanos - startedNanos) / 1000));
            }
        }
        recording.sojourn.recordValue(Math.max(0, (finishedNanos - batchStart) / 1000));
    }

    /** Counts one call that did not succeed, for a point against a target (its failures per item). */
    protected final void recordFailure() {
        recording.failed.increment();
    }

    /** @return whether the batch in progress keeps a span per item for its timeline */
    protected final boolean capturingSpans() {
        return spans != null;
    }

    /**
     * Keeps one item's span for the timeline, while a timeline is being captured. Thread-safe.
     *
     * @param startedNanos {@link Timing#NOT_STARTED} if it never ran
     */
    protected final void recordSpan(long index, long queuedNanos, long startedNanos, long finishedNanos, String outcome) {
        List<Span> capture = spans;
        if (capture != null) {
            Span span = new Span(index, (queuedNanos - batchStart) / 1e6,
                    startedNanos == Timing.NOT_STARTED ? Double.NaN : (startedNanos - batchStart) / 1e6,
                    (finishedNanos - batchStart) / 1e6, outcome);
            synchronized (capture) {
                capture.add(span);
            }
        }
    }

    /** @return whether a call that ended with {@code failure} (or none) got an answer from the server */
    static boolean answered(Throwable failure) {
        Throwable f = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return f == null || f instanceof HttpStatusException;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (work != null) {
            work.close();
        }
    }
}
