package dev.fanout.benchmarks.server;

import dev.fanout.core.NanoClock;
import dev.fanout.core.Rate;
import dev.fanout.core.RateLimiter;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * A local HTTP server that answers {@code GET /item/{n}} after an injected delay, with injected
 * faults, and keeps its own record of what happened. Built on OkHttp's MockWebServer, on loopback
 * (or the address given), on a free port (or the port given).
 *
 * <p>Limits a real service has, by design ({@link Faults}): a request arriving while K are in hand is
 * answered 429 at once ({@code serverLimits}), and at most K are served at once while the rest wait
 * their turn ({@code serverCapacity}); either K may change during the run, counted from the first
 * request recorded after a reset ({@link LimitSchedule}).
 *
 * <p>Every request draws its delay and its fate (answer, 500, disconnect, stall) from one seeded
 * sequence in arrival order ({@link DelayDraws}), so a run with the same seed injects the same
 * sequence. The delay is slept on the connection's thread, as MockWebServer does itself: W requests
 * in flight are W server threads (docs/design.md, "Traps measured on this machine class", trap 4).
 * The time really slept is recorded per request ({@link #drainSlept()}), since a timed wake-up can
 * be late by the timer slack or a busy CPU.
 *
 * <p>Trimmed for measuring (MockWebServer 5.5.1's writer, read): the dispatcher's {@code peek()}, which
 * MockWebServer calls for every request, returns a constant instead of building a response; every
 * answer has an empty body, so the status line and headers go out in one socket write (a body is a
 * second write); statuses are kept as ints; nothing is allocated per request beyond what
 * MockWebServer itself allocates. Its queue of recorded requests is drained per request (trap 3), and
 * the records here are sums and counters, so memory stays constant however long the server runs.
 * (MockWebServer also queues a request whose body it could not read, without dispatching it: a server
 * that serves clients it does not control sweeps those with {@link #drainRecordedRequests()}, as
 * {@link LatencyService} does.)
 *
 * <pre>{@code
 * try (LatencyServer server = LatencyServer.builder().latency(LatencyProfile.parse("fixed:20ms")).start()) {
 *     URI base = server.baseUri();
 *     ...
 *     ServerStats seen = server.stats();
 * }
 * }</pre>
 */
public final class LatencyServer implements AutoCloseable {

    /** A response and its status as an int (MockResponse parses its status line on every getCode()). */
    private record Answer(MockResponse response, int code) {
        static Answer of(int code) {
            return new Answer(new MockResponse.Builder().code(code).build(), code); // Content-Length: 0, no body
        }
    }

    private static final Answer OK = Answer.of(200);
    private static final Answer SERVER_ERROR = Answer.of(500);
    private static final Answer TOO_MANY = Answer.of(429);
    private static final MockResponse DISCONNECT = new MockResponse.Builder()
            .onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build();
    private static final MockResponse STALL = new MockResponse.Builder()
            .onResponseStart(SocketEffect.Stall.INSTANCE).build();

    /*
     * MockWebServer logs a WARNING for every connection closed before it sent a request. A client
     * that opens connections ahead of its requests and closes the idle ones when it stops (Jetty's
     * pool, at width 256 in bench's calibration) made 125 such lines in one bench run, in the middle
     * of its progress display. They say nothing wrong with the run; every other record passes. The
     * logger is held here because java.util.logging keeps loggers only weakly, filter and all.
     */
    static final Logger MOCK_WEB_SERVER_LOG = quietIdleConnections(
            Logger.getLogger(MockWebServer.class.getName()));

    static Logger quietIdleConnections(Logger log) {
        log.setFilter(record -> record.getMessage() == null || !record.getMessage().contains("didn't make a request"));
        return log;
    }

    private final MockWebServer server = new MockWebServer();
    private final TunedServerSocketFactory sockets;
    private final DelayDraws draws;
    private volatile boolean answerAtOnce;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final LongAdder disconnected = new LongAdder();
    private final LongAdder stalled = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder tooMany = new LongAdder();
    private final SleepLedger slept = new SleepLedger();
    private final LongConsumer sleptListener;
    private final Function<RecordedRequest, MockResponse> otherPaths;
    /** When the first request since the start or the last reset arrived: the origin of the limit schedules. */
    private final java.util.concurrent.atomic.AtomicLong scheduleStart = new java.util.concurrent.atomic.AtomicLong(UNSET);
    private static final long UNSET = Long.MIN_VALUE;
    /** The queueing limit, or null when there is none. */
    private final CapacityGate capacity;
    /** The requests-per-second limit ({@link #rateLimit(Rate)}), or null; a fresh bucket at every reset. */
    private volatile Rate rate;
    private volatile RateLimiter rateBucket;

    private LatencyServer(Builder b) throws IOException {
        this.draws = new DelayDraws(b.latency, b.faults, b.seed);
        this.capacity = b.faults.serverCapacity().any() ? new CapacityGate(b.faults.serverCapacity(), this::sinceScheduleStart) : null;
        this.sockets = new TunedServerSocketFactory(b.backlog);
        this.sleptListener = b.sleptListener;
        this.otherPaths = b.otherPaths;
        rateLimit(b.rate);
        server.setServerSocketFactory(sockets);
        server.setDispatcher(new InjectingDispatcher());
        try {
            server.start(b.address, b.port);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code http://127.0.0.1:<port>} (the address it is bound to; an IPv6 one in brackets) */
    public URI baseUri() {
        try {
            return new URI("http", null, server.getSocketAddress().getAddress().getHostAddress(), server.getPort(), null, null, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the URI of item {@code n} */
    public URI itemUri(long n) {
        return baseUri().resolve("/item/" + n);
    }

    public LatencyProfile latency() {
        return draws.latency();
    }

    public Faults faults() {
        return draws.faults();
    }

    /**
     * While on, every request is answered 200 at once, with no delay, no fault, no draw from the
     * sequence and no record: for warming up the JIT on the very code paths a measurement runs,
     * without waiting for the injected latency.
     */
    public void answerAtOnce(boolean on) {
        this.answerAtOnce = on;
    }

    /**
     * Answers 429 at once to a request beyond {@code rate}: a token bucket of {@code rate.burst()}
     * permits refilled at {@code rate.perSecond()} (core's {@link RateLimiter}), for the whole
     * server, the way a partner's API keeps a quota. It starts full, and afresh at every
     * {@link #resetStats()}.
     *
     * @param rate the limit; {@code null} for none
     */
    public void rateLimit(Rate rate) {
        this.rateBucket = rate == null ? null : new RateLimiter(rate, NanoClock.SYSTEM);
        this.rate = rate;
    }

    /** @return the requests-per-second limit, if the server has one */
    public java.util.Optional<Rate> rateLimit() {
        return java.util.Optional.ofNullable(rate);
    }

    /** @return what the server has seen since it started or since {@link #resetStats()} */
    public ServerStats stats() {
        Map<Integer, Long> statuses = new TreeMap<>();
        putIfSeen(statuses, 200, ok);
        putIfSeen(statuses, 500, serverErrors);
        putIfSeen(statuses, 429, tooMany);
        return new ServerStats(requests.sum(), statuses, disconnected.sum(), stalled.sum(), maxInFlight.get(),
                sockets.accepted(), sockets.open());
    }

    private static void putIfSeen(Map<Integer, Long> statuses, int code, LongAdder count) {
        long n = count.sum();
        if (n > 0) {
            statuses.put(code, n);
        }
    }

    /** @return requests the server has in hand now (a moment's value, for {@code /stats}) */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Takes whatever MockWebServer still holds in its queue of recorded requests and forgets it. The
     * dispatcher takes one per request it answers, but MockWebServer also queues a request whose body
     * it could not read, without dispatching it (5.5.1, read): a server that runs for long, for
     * clients it does not control, calls this now and then so that nothing accumulates.
     *
     * @return how many were still held
     */
    public int drainRecordedRequests() throws InterruptedException {
        int drained = 0;
        while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
            drained++;
        }
        return drained;
    }

    /**
     * Starts counting afresh; the in-flight peak restarts from what is in flight now, and what was
     * slept is forgotten.
     */
    public void resetStats() {
        requests.reset();
        disconnected.reset();
        stalled.reset();
        ok.reset();
        serverErrors.reset();
        tooMany.reset();
        sockets.resetAccepted();
        maxInFlight.set(inFlight.get());
        slept.drain();
        scheduleStart.set(UNSET);
        if (capacity != null) {
            capacity.reset();
        }
        rateLimit(rate);
    }

    /**
     * @return what the queueing limit ({@link Faults#serverCapacity()}) saw since the start or the
     *         last reset, if the server has one
     */
    public java.util.Optional<QueueStats> queueStats() {
        return capacity == null ? java.util.Optional.empty() : java.util.Optional.of(capacity.stats());
    }

    /** @return nanoseconds since the first request recorded after the start or the last reset (0 before it) */
    long sinceScheduleStart() {
        long start = scheduleStart.get();
        return start == UNSET ? 0 : System.nanoTime() - start;
    }

    /** @return what the server slept since the last call (or reset), and forgets it */
    public SleepRecord drainSlept() {
        return slept.drain();
    }

    /** Stops the server; its threads end and its port is released. */
    @Override
    public void close() {
        server.close();
    }

    private final class InjectingDispatcher extends Dispatcher {

        /** MockWebServer peeks once per request; the default builds a new response every time. */
        @Override
        public MockResponse peek() {
            return OK.response();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            // MockWebServer queues every RecordedRequest for takeRequest(); take one per request so
            // the queue stays as short as the number in flight (docs/design.md,
            // "Traps measured on this machine class", trap 3).
            server.takeRequest(0, TimeUnit.NANOSECONDS);
            if (otherPaths != null && !request.getTarget().startsWith("/item/")) {
                MockResponse answer = otherPaths.apply(request);
                if (answer != null) {
                    return answer;
                }
            }
            if (answerAtOnce) {
                return OK.response();
            }
            requests.increment();
            if (scheduleStart.get() == UNSET) {
                scheduleStart.compareAndSet(UNSET, System.nanoTime());
            }
            int now = inFlight.incrementAndGet();
            try {
                int limit = draws.faults().serverLimits().at(sinceScheduleStart());
                if (limit > 0 && now > limit) {
                    return answered(TOO_MANY);
                }
                RateLimiter bucket = rateBucket;
                if (bucket != null && !bucket.tryAcquire()) {
                    return answered(TOO_MANY); // over the quota: refused at once, nothing drawn
                }
                Maximum.raise(maxInFlight, now);
                DelayDraws.Draw draw = draws.next();
                switch (draw.fate()) {
                    case DISCONNECT -> {
                        disconnected.increment();
                        return DISCONNECT;
                    }
                    case STALL -> {
                        stalled.increment();
                        return STALL;
                    }
                    default -> {
                    }
                }
                if (capacity != null) {
                    capacity.enter(); // a turn among at most K served at once: the wait is part of the round trip
                }
                long delay = draw.delayNanos();
                long sleptNanos = 0;
                try {
                    if (delay > 0) {
                        long start = System.nanoTime();
                        TimeUnit.NANOSECONDS.sleep(delay);
                        sleptNanos = System.nanoTime() - start;
                    }
                } finally {
                    if (capacity != null) {
                        capacity.exit();
                    }
                }
                slept.record(delay, sleptNanos);
                if (sleptListener != null) {
                    sleptListener.accept(sleptNanos);
                }
                return answered(draw.fate() == DelayDraws.Fate.ERROR ? SERVER_ERROR : OK);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private MockResponse answered(Answer answer) {
            switch (answer.code()) {
                case 200 -> ok.increment();
                case 500 -> serverErrors.increment();
                default -> tooMany.increment();
            }
            return answer.response();
        }
    }

    /** Configures a {@link LatencyServer}; every setter checks its argument. */
    public static final class Builder {
        private LatencyProfile latency = new LatencyProfile.Fixed(java.time.Duration.ZERO);
        private Faults faults = Faults.NONE;
        private long seed = 42;
        private int backlog = 1024;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = 0;
        private LongConsumer sleptListener;
        private Function<RecordedRequest, MockResponse> otherPaths;
        private Rate rate;

        private Builder() {
        }

        /** @param rate answer 429 beyond this many requests a second ({@link LatencyServer#rateLimit(Rate)}); null for none */
        public Builder rateLimit(Rate rate) {
            this.rate = rate;
            return this;
        }

        /** @param address where to listen; default loopback. Anything else opens the server to the network. */
        public Builder bind(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address must not be null");
            return this;
        }

        /** @param port the port to listen on, 0 (the default) for a free one */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param listener hears the time really slept for each request, in nanoseconds, on the
         *                 server's thread (a histogram, for {@code fanout serve}); default none
         */
        public Builder onSlept(LongConsumer listener) {
            this.sleptListener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /**
         * @param answer answers a request for a path outside {@code /item/} (such as {@code /stats}),
         *               uncounted, or returns null to serve it as an item; default: every path is an item
         */
        public Builder otherPaths(Function<RecordedRequest, MockResponse> answer) {
            this.otherPaths = Objects.requireNonNull(answer, "answer must not be null");
            return this;
        }

        public Builder latency(LatencyProfile latency) {
            this.latency = Objects.requireNonNull(latency, "latency must not be null");
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults must not be null");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param backlog the listen backlog, at least as large as the widest fan-out; default 1024 */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be at least 1, was " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /**
         * Starts the server on loopback (or the address given), on a free port (or the port given).
         *
         * @throws java.net.BindException when the port is in use
         */
        public LatencyServer start() throws IOException {
            return new LatencyServer(this);
        }
    }
}
