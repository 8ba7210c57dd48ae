package dev.fanout.benchmarks.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.benchmarks.workload.ItemClient;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The latency server as a service ({@code fanout serve}): its stats over HTTP, and memory that does not grow. */
class LatencyServiceTest {

    private static HttpResponse<String> send(HttpClient http, String method, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Test
    void statsAnswerWhatItSawAndAResetStartsCountingAfresh() throws Exception {
        try (LatencyService service = LatencyService.start(LatencyServer.builder().latency(LatencyProfile.parse("fixed:1ms")));
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI base = service.server().baseUri();
            for (int n = 0; n < 5; n++) {
                assertEquals(200, send(http, "GET", service.server().itemUri(n)).statusCode());
            }
            JsonObject seen = json(send(http, "GET", base.resolve("/stats")));
            assertEquals(5, seen.get("requests").getAsLong());
            assertEquals(0, seen.get("resets").getAsLong());
            assertEquals(5, seen.getAsJsonObject("sleptMs").get("count").getAsLong());

            JsonObject beforeReset = json(send(http, "POST", base.resolve("/stats/reset")));
            assertEquals(5, beforeReset.get("requests").getAsLong(), "a reset answers what it had");
            JsonObject after = json(send(http, "GET", base.resolve("/stats")));
            assertEquals(0, after.get("requests").getAsLong());
            assertEquals(0, after.get("maxInFlight").getAsInt());
            assertEquals(0, after.getAsJsonObject("sleptMs").get("count").getAsLong());
            assertEquals(1, after.get("resets").getAsLong());

            assertEquals(405, send(http, "GET", base.resolve("/stats/reset")).statusCode(), "a GET changes nothing");
            assertEquals(405, send(http, "POST", base.resolve("/stats")).statusCode());
            assertEquals(404, send(http, "GET", base.resolve("/")).statusCode());
            assertEquals(0, json(send(http, "GET", base.resolve("/stats"))).get("requests").getAsLong(),
                    "what is not an item is not counted");
        }
    }

    /**
     * Not a timing test: many requests go through, and what the server keeps is counted before and
     * after. Nothing it holds may grow with the number of requests.
     */
    @Test
    void whatTheServerKeepsStaysBoundedHoweverManyRequestsItServes() throws Exception {
        int width = 8;
        try (LatencyService service = LatencyService.start(LatencyServer.builder());
             ItemClient client = ItemClient.create("okhttp", service.server().baseUri(), width, Duration.ofSeconds(30))) {
            long footprint = service.histogramFootprintBytes();

            drive(client, width, 1_000);
            LatencyService.Snapshot first = service.snapshot();
            drive(client, width, 3_000);
            LatencyService.Snapshot second = service.snapshot();

            assertEquals(1_000, first.server().requests());
            assertEquals(4_000, second.server().requests());
            assertEquals(4_000, second.slept().count());
            assertEquals(4_000, second.sleptMicros().getTotalCount());
            assertEquals(footprint, service.histogramFootprintBytes(), "the histogram has a fixed size");
            assertEquals(first.sleptMicros().getEstimatedFootprintInBytes(), second.sleptMicros().getEstimatedFootprintInBytes());
            assertEquals(1, second.server().byStatus().size(), "counters by status, not records");
            assertTrue(second.server().connectionsOpen() <= width, "connections kept: at most the client's pool");
            assertEquals(0, service.server().drainRecordedRequests(), "MockWebServer holds no recorded request at rest");

            // MockWebServer queues a request whose body it cannot read without dispatching it: the sweep takes it.
            long sweptBefore = service.sweptRequests();
            try (Socket socket = new Socket(service.server().baseUri().getHost(), service.server().baseUri().getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write("POST /item/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\ncut short".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // until the server closes the connection: it has read all there was
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (service.sweptRequests() == sweptBefore && System.nanoTime() < deadline) {
                Thread.sleep(50); // liveness only: the sweeper runs every second
            }
            assertEquals(sweptBefore + 1, service.sweptRequests(), "the undispatched request was swept away");
            assertEquals(0, service.server().drainRecordedRequests());
            assertEquals(4_000, service.snapshot().server().requests(), "and it was never counted as an item");
        }
    }

    /** {@code requests} calls, {@code width} at a time, each on its own virtual thread. */
    private static void drive(ItemClient client, int width, int requests) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < width; t++) {
                threads.execute(() -> {
                    for (long n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                        try {
                            client.call(n);
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
        }
        assertEquals(0, failed.get());
    }
}
