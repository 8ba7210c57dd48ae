package dev.fanout.examples.library;

import com.sun.net.httpserver.HttpServer;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.Outcome;
import dev.fanout.core.RunSummary;
import dev.fanout.strategies.StrategyRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Fans out 12 HTTP GETs, at most 4 at a time, with a fanout strategy and the JDK's HttpClient, and
 * prints one line per outcome in input order (a success shows its body's first line), then the
 * run's totals.
 *
 * <pre>
 * java -jar target/fanout-library-example.jar [STRATEGY [URL]]
 *   STRATEGY  a strategy name (default semaphore); structured needs java --enable-preview
 *   URL       an http(s) URL to GET 12 times; without it, a server of its own on 127.0.0.1 serves
 *             /items/0 to /items/11: item 5 answers 503 (a failure) and item 11 takes 60 s (past the
 *             5 s task timeout); it counts the requests it works on at once
 * </pre>
 *
 * The method {@link #fetchAll} is the snippet of docs/library.md, line for line (check.sh compares them).
 */
public final class FetchAll {

    static final int CALLS = 12;
    static final int FAILING_ITEM = 5;
    static final int SLOW_ITEM = CALLS - 1; // last: once it times out nothing else starts, so the server's count stays exact

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println("usage: java -jar fanout-library-example.jar [STRATEGY [URL]]  (STRATEGY default: semaphore)");
            return;
        }
        if (args.length > 2) {
            fail("expected at most 2 arguments, STRATEGY [URL]; got " + args.length);
        }
        String strategy = args.length > 0 ? args[0] : "semaphore";
        URI url = args.length > 1 ? url(args[1]) : null;
        AtomicInteger working = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        HttpServer server = url == null ? itemServer(working, mostAtOnce) : null;
        try {
            List<URI> uris = url != null ? Collections.nCopies(CALLS, url) : IntStream.range(0, CALLS)
                    .mapToObj(i -> URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/items/" + i)).toList();
            fetchAll(strategy, uris);
            if (server != null) {
                System.out.println("the server worked on at most " + mostAtOnce.get() + " requests at once");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage()); // an unknown strategy, or structured without --enable-preview
        } finally {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    static void fetchAll(String strategyName, List<URI> uris) throws InterruptedException {
        FanOutStrategy strategy = StrategyRegistry.create(strategyName);
        FanOutOptions options = FanOutOptions.builder().width(4).taskTimeout(Duration.ofSeconds(5)).build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            FanOutResult<String> result = strategy.gather(uris, uri -> {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + uri);
                }
                return response.body();
            }, options);
            for (Outcome<String> outcome : result.outcomes()) {
                System.out.println(switch (outcome) {
                    case Outcome.Success<String> s -> s.index() + ": " + s.value().strip().lines().findFirst().orElse("");
                    case Outcome.Failure<String> f -> f.index() + ": failed, " + f.error().getMessage();
                    case Outcome.TimedOut<String> t -> t.index() + ": timed out after " + t.limit().toMillis() + " ms";
                    case Outcome.Cancelled<String> c -> c.index() + ": cancelled";
                });
            }
            RunSummary totals = result.summary();
            System.out.println(totals.strategy() + ": " + totals.succeeded() + " succeeded, " + totals.failed() + " failed, "
                    + totals.timedOut() + " timed out, " + totals.cancelled() + " cancelled, at most "
                    + totals.maxRunning() + " running at once");
        }
    }

    /** A loopback server: /items/N answers "item N" after 50 ms; item 5 answers 503, item 11 takes 60 s. */
    private static HttpServer itemServer(AtomicInteger working, AtomicInteger mostAtOnce) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/items/", exchange -> {
            try (exchange) {
                int item = Integer.parseInt(exchange.getRequestURI().getPath().substring("/items/".length()));
                mostAtOnce.accumulateAndGet(working.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(item == SLOW_ITEM ? 60_000 : 50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    working.decrementAndGet(); // before answering: once answered, the client may send the next
                }
                byte[] body = (item == FAILING_ITEM ? "busy" : "item " + item).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(item == FAILING_ITEM ? 503 : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private static URI url(String argument) {
        try {
            URI url = new URI(argument);
            if ("http".equals(url.getScheme()) || "https".equals(url.getScheme())) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            fail("URL '" + argument + "': " + e.getMessage());
        }
        return fail("URL '" + argument + "': not an http or https URL");
    }

    /** A one-line message on stderr and exit code 2: the command line cannot be run as given. */
    private static <T> T fail(String message) {
        System.err.println("fetch-all: " + message);
        System.exit(2);
        throw new AssertionError("unreachable");
    }
}
