package dev.fanout.guide;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Gatherers;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/guide/java-traps.md: each trap's smallest code, run; the assertions are what the page says. */
class JavaTrapsTest {

    private static final Duration LIVENESS = Duration.ofMinutes(1);

    /** Reads one byte from a server that accepts and never answers, on a platform thread; returns how it ended. */
    private static Thread readerOfSilence(boolean interruptible, int port, AtomicReference<Throwable> ended) {
        return Thread.ofPlatform().start(() -> {
            try {
                if (interruptible) {
                    // begin channel-socket
                    Socket socket = java.nio.channels.SocketChannel.open(new InetSocketAddress("127.0.0.1", port)).socket();
                    socket.getInputStream().read();        // an interrupt closes the channel: ClosedByInterruptException
                    // end channel-socket
                } else {
                    // begin plain-socket
                    Socket socket = new Socket("127.0.0.1", port);   // a plain socket, on a platform thread
                    socket.getInputStream().read();        // blocks until the server answers, interrupt or not
                    // end plain-socket
                }
            } catch (IOException e) {
                ended.set(e);
            }
        });
    }

    @Test
    void aPlainSocketOnAPlatformThreadIgnoresTheInterrupt() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread reader = readerOfSilence(false, silent.getLocalPort(), ended);
            try (Socket accepted = silent.accept()) {
                reader.interrupt();
                assertFalse(reader.join(Duration.ofMillis(500)), "the server never answers: only the interrupt could end the read");
                assertTrue(reader.isAlive(), "interrupted, and still reading");
            } // the server hangs up: now the read ends
            assertTrue(reader.join(LIVENESS));
        }
    }

    @Test
    void aChannelsSocketAnswersTheInterrupt() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread reader = readerOfSilence(true, silent.getLocalPort(), ended);
            try (Socket accepted = silent.accept()) {
                reader.interrupt();
                assertTrue(reader.join(LIVENESS), "the interrupt ended the read");
                assertInstanceOf(ClosedByInterruptException.class, ended.get());
            }
        }
    }

    @Test
    void okHttpsEnqueueRunsFiveAtATimePerHost() throws Exception {
        try (GuideServer server = GuideServer.start("fixed:300ms")) {
            String itemUrl = server.itemUrl;
            CountDownLatch answered = new CountDownLatch(20);
            Callback callback = new Callback() {
                @Override
                public void onResponse(Call call, Response response) {
                    response.close();
                    answered.countDown();
                }

                @Override
                public void onFailure(Call call, IOException e) {
                    answered.countDown();
                }
            };
            // begin okhttp-enqueue
            OkHttpClient client = new OkHttpClient();          // its Dispatcher: 64 requests, 5 per host
            for (int n = 0; n < 20; n++) {
                Request request = new Request.Builder().url(itemUrl.replace("{n}", String.valueOf(n))).build();
                client.newCall(request).enqueue(callback);      // the 6th and later wait in the dispatcher's queue
            }
            // end okhttp-enqueue
            try {
                assertTrue(answered.await(LIVENESS.toSeconds(), TimeUnit.SECONDS));
                assertEquals(5, server.stats().maxInFlight(), "20 enqueued, 5 at a time");
            } finally {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        }
    }

    @Test
    void mapConcurrentHoldsASlotForEveryFinishedResultBehindASlowHead() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger startedWhileTheHeadRan = new AtomicInteger();
        java.util.function.IntFunction<Integer> call = n -> {
            started.incrementAndGet();
            sleep(n == 0 ? 1_000 : 10);                    // item 0 is the slow one
            if (n == 0) {
                startedWhileTheHeadRan.set(started.get());
            }
            return n;
        };
        int items = 40;
        // begin map-concurrent
        List<Integer> results = IntStream.range(0, items).boxed()
                .gather(Gatherers.mapConcurrent(4, n -> call.apply(n)))   // at most 4 at once, in input order
                .toList();
        // end map-concurrent
        assertEquals(IntStream.range(0, items).boxed().toList(), results);
        assertEquals(4, startedWhileTheHeadRan.get(), "while item 0 ran, items 1-3 finished and nothing replaced them");

        started.set(0);
        Semaphore permits = new Semaphore(4);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < items; n++) {
                int item = n;
                executor.submit(() -> {
                    permits.acquire();
                    try {
                        return call.apply(item);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        assertTrue(startedWhileTheHeadRan.get() > 4, "a sliding window kept 3 slots busy beside the slow one: "
                + startedWhileTheHeadRan.get());
    }

    @Test
    void theJdkClientSpeaksHttp2UnlessToldOtherwise() {
        // begin http2-default
        HttpClient byDefault = HttpClient.newHttpClient();                  // version() == HTTP_2
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // end http2-default
        try (byDefault; http11) {
            assertEquals(HttpClient.Version.HTTP_2, byDefault.version());
            assertEquals(HttpClient.Version.HTTP_1_1, http11.version());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
