package dev.fanout.benchmarks.workload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@link ItemClient} over one shared {@code java.net.http.HttpClient}. HTTP/1.1 on purpose: the
 * client defaults to HTTP/2 and sends upgrade headers on plain http (design, trap 5). It has no
 * per-host connection limit, so W requests in flight are W sockets.
 *
 * <p>{@code send} answers an interrupt by cancelling the exchange and throwing
 * {@link InterruptedException}: that is how a timeout or a cancellation reaches the request.
 */
final class JdkItemClient implements ItemClient {

    private final HttpClient client;
    private final URI base;
    private final Duration requestTimeout;

    JdkItemClient(URI base, Duration requestTimeout) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .build();
    }

    @Override
    public Integer call(Long item) throws Exception {
        String path = "/item/" + item;
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout).GET().build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new HttpStatusException(status, path);
        }
        return status;
    }

    @Override
    public void close() {
        client.close();
    }
}
