package dev.fanout.benchmarks.server;

import com.google.gson.GsonBuilder;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The latency server as a service for any client ({@code fanout serve}): the same
 * {@link LatencyServer}, plus what a client in another process needs to read the server's records.
 * <ul>
 *   <li>{@code GET /item/{n}}: an item, as in every benchmark;</li>
 *   <li>{@code GET /stats}: what the server saw, as JSON ({@link Snapshot#json()}), not counted as a
 *       request;</li>
 *   <li>{@code POST /stats/reset}: the same JSON, and counting starts afresh (the in-flight peak, the
 *       counts, the delays slept), so a script can read what each run alone did;</li>
 *   <li>any other path: 404, not counted.</li>
 * </ul>
 *
 * <p>Memory stays constant however long it runs (docs/design.md, "Traps measured on this machine class",
 * trap 3): the counters are sums; the delays really slept go into an HdrHistogram {@link Recorder}
 * of fixed size (1 us to an hour, 3 significant
 * digits; a longer sleep is recorded as an hour), folded into one fixed-size histogram when read; and
 * the queue of recorded requests that MockWebServer keeps is drained whenever the stats are read and
 * at least every second by a sweeper thread (it also queues requests it never dispatches).
 */
public final class LatencyService implements AutoCloseable {

    public static final String STATS_PATH = "/stats";
    public static final String RESET_PATH = "/stats/reset";
    /** How often the sweeper drains MockWebServer's queue of recorded requests. */
    static final long SWEEP_MILLIS = 1000;
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final LatencyServer server;
    private final Recorder sleptMicros = new Recorder(1, HIGHEST_MICROS, 3);
    /** Guarded by this: what was slept since the start or the last reset. */
    private final Histogram sleptSoFar = new Histogram(1, HIGHEST_MICROS, 3);
    private Histogram interval;
    private SleepRecord sleptTotals = SleepRecord.NONE;
    private Instant since = Instant.now();
    private long sinceNanos = System.nanoTime();
    private long resets;
    private final Thread sweeper;
    private final java.util.concurrent.atomic.LongAdder swept = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean closed;

    private LatencyService(LatencyServer.Builder builder) throws IOException {
        this.server = builder.onSlept(nanos -> sleptMicros.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000))))
                .otherPaths(this::answer)
                .start();
        this.sweeper = Thread.ofPlatform().daemon().name("latency-service-sweeper").start(this::sweep);
    }

    /**
     * Starts the service.
     *
     * @param builder the server's configuration (latency, faults, seed, address, port); its
     *                {@code onSlept} and {@code otherPaths} are taken by the service
     * @throws java.net.BindException when the port is in use
     */
    public static LatencyService start(LatencyServer.Builder builder) throws IOException {
        return new LatencyService(Objects.requireNonNull(builder, "builder must not be null"));
    }

    /** @return the server underneath */
    public LatencyServer server() {
        return server;
    }

    /** @return what the server saw since it started or since the last reset */
    public synchronized Snapshot snapshot() {
        drainQuietly();
        interval = sleptMicros.getIntervalHistogram(interval);
        sleptSoFar.add(interval);
        sleptTotals = plus(sleptTotals, server.drainSlept());
        return new Snapshot(server.baseUri().toString(), server.latency().spec(), server.faults().spec(), since,
                (System.nanoTime() - sinceNanos) / 1e9, resets, server.stats(), server.inFlight(), sleptTotals,
                sleptSoFar.copy());
    }

    /** @return what the server saw until now; counting starts afresh */
    public synchronized Snapshot reset() {
        Snapshot before = snapshot();
        server.resetStats();
        interval = sleptMicros.getIntervalHistogram(interval); // anything recorded since the snapshot is forgotten too
        sleptSoFar.reset();
        sleptTotals = SleepRecord.NONE;
        since = Instant.now();
        sinceNanos = System.nanoTime();
        resets++;
        return before;
    }

    /**
     * @return recorded requests that MockWebServer had kept and the service swept away: those it never
     * dispatched (a request whose body it could not read), since the dispatcher takes every other
     */
    public long sweptRequests() {
        return swept.sum();
    }

    /** @return the bytes the histogram of slept delays takes: the same however many were recorded */
    public synchronized long histogramFootprintBytes() {
        return sleptSoFar.getEstimatedFootprintInBytes();
    }

    private MockResponse answer(RecordedRequest request) {
        if (server == null) { // a request in the moment between the server's start and this constructor's end
            return new MockResponse.Builder().code(503).build();
        }
        String target = request.getTarget();
        String path = target.indexOf('?') >= 0 ? target.substring(0, target.indexOf('?')) : target;
        return switch (path) {
            case STATS_PATH -> request.getMethod().equals("GET") ? json(snapshot()) : notAllowed("GET");
            case RESET_PATH -> request.getMethod().equals("POST") ? json(reset()) : notAllowed("POST");
            default -> new MockResponse.Builder().code(404)
                    .addHeader("Content-Type", "text/plain; charset=utf-8")
                    .body("not found: items are GET /item/{n}; GET " + STATS_PATH + " is what the server saw; POST "
                            + RESET_PATH + " starts counting afresh\n").build();
        };
    }

    private static MockResponse json(Snapshot snapshot) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(snapshot.json()).build();
    }

    private static MockResponse notAllowed(String method) {
        return new MockResponse.Builder().code(405).addHeader("Allow", method).build();
    }

    private void sweep() {
        while (!closed) {
            try {
                Thread.sleep(SWEEP_MILLIS);
                swept.add(server.drainRecordedRequests());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void drainQuietly() {
        try {
            swept.add(server.drainRecordedRequests());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SleepRecord plus(SleepRecord a, SleepRecord b) {
        if (a.count() == 0) {
            return b;
        }
        if (b.count() == 0) {
            return a;
        }
        return new SleepRecord(a.count() + b.count(), a.sleptNanos() + b.sleptNanos(),
                Math.max(a.maxSleptNanos(), b.maxSleptNanos()), Math.min(a.minSleptNanos(), b.minSleptNanos()),
                a.drawnNanos() + b.drawnNanos(), Math.max(a.maxDrawnNanos(), b.maxDrawnNanos()));
    }

    /** Stops the sweeper and the server; its port is released. */
    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
        server.close();
    }

    /**
     * What the server saw, since it started or since the last reset.
     *
     * @param baseUrl     {@code http://127.0.0.1:<port>}
     * @param seconds     since the start or the last reset
     * @param resets      how many times counting started afresh
     * @param server      requests, statuses, faults, the in-flight peak, connections
     * @param inFlight    requests in hand at the moment of the snapshot
     * @param slept       the delays really slept: count, sum, min, max (exact)
     * @param sleptMicros the same delays, microseconds, for percentiles
     */
    public record Snapshot(String baseUrl, String latency, String faults, Instant since, double seconds, long resets,
                           ServerStats server, int inFlight, SleepRecord slept, Histogram sleptMicros) {

        /** @return the item URL form, {@code <baseUrl>/item/{n}} */
        public String itemUrl() {
            return baseUrl + "/item/{n}";
        }

        /** @return the p-th percentile of the delays slept, in milliseconds (0 when none) */
        public double sleptPercentileMs(double percentile) {
            return sleptMicros.getTotalCount() == 0 ? 0 : sleptMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        /**
         * @return the document {@code GET /stats} answers and {@code --stats-json} writes; field names
         * are a contract (new fields may be added, none renamed)
         */
        public String json() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("baseUrl", baseUrl);
            doc.put("itemUrl", itemUrl());
            doc.put("latency", latency);
            doc.put("faults", faults);
            doc.put("since", since.toString());
            doc.put("seconds", round(seconds));
            doc.put("resets", resets);
            doc.put("requests", server.requests());
            Map<String, Object> status = new LinkedHashMap<>();
            server.byStatus().forEach((code, count) -> status.put(String.valueOf(code), count));
            doc.put("status", status);
            doc.put("disconnected", server.disconnected());
            doc.put("stalled", server.stalled());
            doc.put("inFlight", inFlight);
            doc.put("maxInFlight", server.maxInFlight());
            Map<String, Object> connections = new LinkedHashMap<>();
            connections.put("accepted", server.connectionsAccepted());
            connections.put("open", server.connectionsOpen());
            doc.put("connections", connections);
            Map<String, Object> sleptDoc = new LinkedHashMap<>();
            sleptDoc.put("count", slept.count());
            sleptDoc.put("total", round(slept.sleptNanos() / 1e6));
            sleptDoc.put("min", round(slept.minSleptNanos() / 1e6));
            sleptDoc.put("mean", round(slept.meanSleptNanos() / 1e6));
            sleptDoc.put("p50", sleptPercentileMs(50));
            sleptDoc.put("p90", sleptPercentileMs(90));
            sleptDoc.put("p99", sleptPercentileMs(99));
            sleptDoc.put("p999", sleptPercentileMs(99.9));
            sleptDoc.put("max", round(slept.maxSleptNanos() / 1e6));
            doc.put("sleptMs", sleptDoc);
            doc.put("sleepOvershootMs", round(slept.meanOvershootMs()));
            return new GsonBuilder().setPrettyPrinting().create().toJson(doc) + "\n";
        }

        private static double round(double value) {
            return Math.round(value * 1000.0) / 1000.0;
        }
    }
}
