package dev.fanout.benchmarks.server;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local HTTP server that answers {@code GET /item/{n}} after an injected delay, with injected
 * faults, and keeps its own record of what happened. Built on OkHttp's MockWebServer, on loopback,
 * on a free port.
 *
 * <p>Every request draws its delay and its fate (answer, 500, disconnect, stall) from one seeded
 * generator in arrival order, so a run with the same seed injects the same sequence. The delay is
 * slept on the connection's thread, as MockWebServer does itself: W requests in flight are W server
 * threads (design, trap 4).
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

    /** The body of every successful answer; built once and shared. */
    private static final MockResponse OK = new MockResponse.Builder().code(200).body("ok").build();
    private static final MockResponse SERVER_ERROR = new MockResponse.Builder().code(500).body("injected error").build();
    private static final MockResponse TOO_MANY = new MockResponse.Builder().code(429).body("over the server limit").build();
    private static final MockResponse DISCONNECT = new MockResponse.Builder()
            .onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build();
    private static final MockResponse STALL = new MockResponse.Builder()
            .onResponseStart(SocketEffect.Stall.INSTANCE).build();

    private final MockWebServer server = new MockWebServer();
    private final LatencyProfile latency;
    private final Faults faults;
    private final long seed;
    private final AtomicLong sequence = new AtomicLong();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final LongAdder disconnected = new LongAdder();
    private final LongAdder stalled = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    /** Delays injected since the last {@link #drainInjectedDelays()}, in nanoseconds. */
    private final ConcurrentLinkedQueue<Long> injected = new ConcurrentLinkedQueue<>();

    private LatencyServer(Builder b) throws IOException {
        this.latency = b.latency;
        this.faults = b.faults;
        this.seed = b.seed;
        server.setServerSocketFactory(new TunedServerSocketFactory(b.backlog));
        server.setDispatcher(new InjectingDispatcher());
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public URI baseUri() {
        return URI.create("http://" + server.getSocketAddress().getAddress().getHostAddress() + ":" + server.getPort());
    }

    /** @return the URI of item {@code n} */
    public URI itemUri(long n) {
        return baseUri().resolve("/item/" + n);
    }

    public LatencyProfile latency() {
        return latency;
    }

    public Faults faults() {
        return faults;
    }

    /** @return what the server has seen since it started or since {@link #resetStats()} */
    public ServerStats stats() {
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        byStatus.forEach((code, count) -> statuses.put(code, count.sum()));
        return new ServerStats(requests.sum(), statuses, disconnected.sum(), stalled.sum(), maxInFlight.get());
    }

    /** Starts counting afresh; the in-flight peak restarts from what is in flight now. */
    public void resetStats() {
        requests.reset();
        disconnected.reset();
        stalled.reset();
        byStatus.clear();
        maxInFlight.set(inFlight.get());
        injected.clear();
    }

    /** @return the delays injected since the last call, in arrival order, and forgets them */
    public List<Duration> drainInjectedDelays() {
        List<Duration> delays = new ArrayList<>();
        for (Long nanos; (nanos = injected.poll()) != null; ) {
            delays.add(Duration.ofNanos(nanos));
        }
        return delays;
    }

    /** Stops the server; its threads end and its port is released. */
    @Override
    public void close() {
        server.close();
    }

    private final class InjectingDispatcher extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            // MockWebServer queues every RecordedRequest for takeRequest(); take one per request so
            // the queue stays as short as the number in flight (design, trap 3).
            server.takeRequest(0, TimeUnit.NANOSECONDS);
            requests.increment();
            int now = inFlight.incrementAndGet();
            try {
                if (faults.serverLimit() > 0 && now > faults.serverLimit()) {
                    return answered(TOO_MANY);
                }
                maxInFlight.accumulateAndGet(now, Math::max);
                SplittableRandom random = new SplittableRandom(seed ^ mix(sequence.getAndIncrement()));
                double fate = random.nextDouble();
                if (fate < faults.disconnectRate()) {
                    disconnected.increment();
                    return DISCONNECT;
                }
                if (fate < faults.disconnectRate() + faults.stallRate()) {
                    stalled.increment();
                    return STALL;
                }
                Duration delay = latency.sample(random);
                injected.add(delay.toNanos());
                if (delay.isPositive()) {
                    Thread.sleep(delay);
                }
                boolean error = fate < faults.disconnectRate() + faults.stallRate() + faults.errorRate();
                return answered(error ? SERVER_ERROR : OK);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private MockResponse answered(MockResponse response) {
            byStatus.computeIfAbsent(response.getCode(), c -> new LongAdder()).increment();
            return response;
        }
    }

    /** A 64-bit mix (SplitMix64's finaliser) so neighbouring sequence numbers seed unrelated draws. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Configures a {@link LatencyServer}; every setter checks its argument. */
    public static final class Builder {
        private LatencyProfile latency = new LatencyProfile.Fixed(Duration.ZERO);
        private Faults faults = Faults.NONE;
        private long seed = 42;
        private int backlog = 1024;

        private Builder() {
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

        /** Starts the server on loopback, on a free port. */
        public LatencyServer start() throws IOException {
            return new LatencyServer(this);
        }
    }
}
