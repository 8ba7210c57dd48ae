package dev.fanout.guide;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The guide's {@code fetch}: examples/asyncio/_common.py's {@code fetch(session, item_url, n)} in
 * Java. GET item {@code n} of an item URL with {@code {n}} in it; the status, or an exception for
 * anything but 2xx. Every lesson's port calls it, as every asyncio script calls its own.
 */
final class Fetch {

    private Fetch() {
    }

    /** The server answered, with a status other than 2xx ({@code HttpStatusError} in _common.py). */
    static final class HttpStatusException extends IOException {
        final int status;

        HttpStatusException(int status, URI uri) {
            super("HTTP " + status + " from " + uri);
            this.status = status;
        }
    }

    /** One client for the whole fan-out, HTTP/1.1: the JDK client's default is HTTP/2 (java-traps.md). */
    static HttpClient http11() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    static int fetch(HttpClient http, String itemUrl, long n) throws IOException, InterruptedException {
        return checked(http.send(request(itemUrl, n, null), HttpResponse.BodyHandlers.discarding()));
    }

    /** {@link #fetch} with the client's own per-request timeout: an {@code HttpTimeoutException} past it. */
    static int fetch(HttpClient http, String itemUrl, long n, Duration timeout) throws IOException, InterruptedException {
        return checked(http.send(request(itemUrl, n, timeout), HttpResponse.BodyHandlers.discarding()));
    }

    /** The non-blocking form: returns at once; the future completes with the status or the failure. */
    static CompletableFuture<Integer> fetchAsync(HttpClient http, String itemUrl, long n) {
        return http.sendAsync(request(itemUrl, n, null), HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> {
                    try {
                        return checked(response);
                    } catch (HttpStatusException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
    }

    private static HttpRequest request(String itemUrl, long n, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(itemUrl.replace("{n}", Long.toString(n))));
        return (timeout == null ? b : b.timeout(timeout)).build();
    }

    private static int checked(HttpResponse<Void> response) throws HttpStatusException {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new HttpStatusException(status, response.uri());
        }
        return status;
    }
}
