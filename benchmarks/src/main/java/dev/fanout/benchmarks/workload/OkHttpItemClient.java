package dev.fanout.benchmarks.workload;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ItemClient} over one OkHttp client configured for measuring, not for the open internet.
 * Each default that would distort a benchmark is replaced (docs/design.md, "Harness facts"):
 * <ul>
 *   <li>the connection pool keeps {@code maxInFlight} idle connections for an hour (the default keeps
 *       5 for 5 minutes: every wave past width 5 would reconnect);</li>
 *   <li>connect, read, write and call timeouts are 0: the strategy enforces timeouts by interrupt,
 *       and OkHttp's 10 s defaults arm its watchdog thread on every socket read; the request
 *       timeout is the {@link StallGuard}'s instead;</li>
 *   <li>{@code retryOnConnectionFailure(false)}: a dropped connection fails the item, so the server's
 *       count is the client's; {@code fastFallback(false)}: one address, one connect attempt;</li>
 *   <li>HTTP/1.1 only; the dispatcher lets {@code maxInFlight} asynchronous calls run per host (the
 *       default is 5);</li>
 *   <li>sockets from {@link InterruptibleSocketFactory}, so an interrupt aborts a blocked exchange on
 *       any thread; the response is always closed, so its connection goes back to the pool.</li>
 * </ul>
 */
final class OkHttpItemClient implements ItemClient {

    private final OkHttpClient client;
    private final UrlTemplate target;
    private final StallGuard<Call> guard;

    OkHttpItemClient(UrlTemplate target, int maxInFlight, Duration requestTimeout) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(64, maxInFlight));
        dispatcher.setMaxRequestsPerHost(maxInFlight);
        this.client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(Math.max(5, maxInFlight), 1, TimeUnit.HOURS))
                .dispatcher(dispatcher)
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .fastFallback(false)
                .socketFactory(new InterruptibleSocketFactory())
                .build();
        this.target = target;
        this.guard = requestTimeout == null ? StallGuard.none() : StallGuard.over(name(), requestTimeout, dispatcher::runningCalls, Call::cancel);
    }

    @Override
    public String name() {
        return "okhttp";
    }

    private Request request(Long item) {
        return new Request.Builder().url(target.expand(item)).build();
    }

    @Override
    public Integer call(Long item) throws Exception {
        Call call = client.newCall(request(item));
        try (Response response = call.execute()) {
            return status(response.code(), item);
        } catch (IOException e) {
            if (Thread.interrupted()) {
                // the interrupt closed the socket under the exchange (InterruptibleSocketFactory)
                InterruptedException interrupted = new InterruptedException(target.describe(item) + ": aborted by an interrupt");
                interrupted.initCause(e);
                throw interrupted;
            }
            if (guard.expired(call)) {
                throw guard.timeoutOf(target.describe(item), e);
            }
            throw e;
        }
    }

    private int status(int code, Long item) throws HttpStatusException {
        if (code < 200 || code > 299) {
            throw new HttpStatusException(code, target.describe(item));
        }
        return code;
    }

    @Override
    public CompletableFuture<Integer> callAsync(Long item) {
        Exchange exchange = new Exchange(client.newCall(request(item)), item);
        exchange.call.enqueue(exchange);
        return exchange;
    }

    /** One enqueued call as a future; cancelling the future cancels the call (its socket is closed). */
    private final class Exchange extends CompletableFuture<Integer> implements Callback {
        private final Call call;
        private final Long item;

        Exchange(Call call, Long item) {
            this.call = call;
            this.item = item;
        }

        @Override
        public void onResponse(Call call, Response response) {
            try (response) {
                complete(status(response.code(), item));
            } catch (HttpStatusException e) {
                completeExceptionally(e);
            }
        }

        @Override
        public void onFailure(Call call, IOException e) {
            completeExceptionally(guard.expired(call) ? guard.timeoutOf(target.describe(item), e) : e);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            call.cancel();
            return cancelled;
        }
    }

    @Override
    public void close() {
        guard.close();
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
