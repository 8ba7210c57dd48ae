package dev.fanout.guide;

import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LatencyServer;
import dev.fanout.benchmarks.server.ServerStats;

import java.io.IOException;
import java.net.http.HttpClient;

/**
 * What every port's test runs against: the project's latency server on loopback (its own count of
 * requests and of the most it had in flight is the evidence) and one HTTP/1.1 client.
 */
final class GuideServer implements AutoCloseable {

    final LatencyServer server;
    final HttpClient http = Fetch.http11();
    /** {@code http://127.0.0.1:<port>/item/{n}}, the form examples/asyncio/ and the ports take */
    final String itemUrl;

    private GuideServer(LatencyServer server) {
        this.server = server;
        this.itemUrl = server.baseUri() + "/item/{n}";
    }

    /** @param latency a profile, such as {@code fixed:50ms} */
    static GuideServer start(String latency) throws IOException {
        return start(latency, Faults.NONE);
    }

    static GuideServer start(String latency, Faults faults) throws IOException {
        return new GuideServer(LatencyServer.builder().latency(LatencyProfile.parse(latency)).faults(faults).start());
    }

    ServerStats stats() {
        return server.stats();
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }
}
