package dev.fanout.benchmarks.suite;

import dev.fanout.benchmarks.peers.PeerRegistry;
import dev.fanout.benchmarks.workload.ItemClient;
import dev.fanout.benchmarks.workload.Workload;

import java.util.List;

/**
 * The {@value #NAME} profile: virtual threads or futures? A call in flight as a parked virtual thread
 * ({@code semaphore}, {@code structured}, the virtual-thread peers) against a call in flight as a
 * future on a non-blocking client ({@code async}, Reactor's {@code flatMap}), where the harness is not
 * the limit:
 * <ul>
 *   <li>{@code sim}: parked calls, no sockets, at widths 1,024, 4,096 and 10,000 ({@value #SIM_ITEMS}
 *       items: 4 rounds at the widest);</li>
 *   <li>{@code http} at width {@value #HTTP_WIDTH}, the widest the harness carries on 2 cores (the
 *       server's in-flight peak follows the width up to 256 and falls behind it at 512: 374 in flight,
 *       measured with {@code ./fanout run --width 512 --items 8192}): the blocking side on OkHttp, the
 *       non-blocking side on Jetty, and the semaphore on Jetty too, so that the client and the
 *       strategy can be told apart.</li>
 * </ul>
 * The heap and the threads per call in flight are not JMH's to measure: {@code ./fanout run
 * --footprint} reads them, and docs/guide/threads-or-futures.md gives the commands.
 */
final class ThreadsOrFutures {

    static final String NAME = "threads-or-futures";
    static final int HTTP_WIDTH = 256;
    static final int SIM_ITEMS = 40_000;

    private static final List<String> ON_THREADS = List.of("semaphore", "structured");
    private static final List<String> ON_FUTURES = List.of("async");

    private ThreadsOrFutures() {
    }

    static BenchProfile profile(BenchSection.Iterations iterations) {
        List<String> peers = PeerRegistry.names();
        List<String> threadPeers = peers.stream().filter(p -> p.startsWith("jdk-")).toList();
        List<String> futurePeers = peers.stream().filter(p -> !p.startsWith("jdk-")).toList();
        List<String> strategies = concat(ON_THREADS, ON_FUTURES);
        return new BenchProfile(NAME, List.of(
                new BenchSection("tof-sim", "Virtual threads or futures: parked calls, no sockets", "sim",
                        List.of(Workload.NO_CLIENT), strategies, peers, List.of(), List.of(1024, 4096, 10_000),
                        List.of("fixed:20ms"), List.of(SIM_ITEMS), "A call in flight is a parked virtual thread (semaphore,"
                        + " structured, jdk-virtual-threads, jdk-map-concurrent), a platform thread (jdk-fixed-pool) or a"
                        + " future (async, reactor-flatmap).", iterations),
                new BenchSection("tof-http-blocking", "Virtual threads over a blocking client (HTTP, OkHttp)", "http",
                        List.of(ItemClient.DEFAULT), ON_THREADS, threadPeers, List.of(), List.of(HTTP_WIDTH),
                        List.of("fixed:20ms"), List.of(16 * HTTP_WIDTH), "Width " + HTTP_WIDTH + ": the widest the harness"
                        + " carries on 2 cores (beyond it the server's in-flight peak falls behind the width).", iterations),
                new BenchSection("tof-http-non-blocking", "Futures over a non-blocking client (HTTP, Jetty)", "http",
                        List.of(ItemClient.NON_BLOCKING), concat(ON_FUTURES, List.of("semaphore")), futurePeers, List.of(),
                        List.of(HTTP_WIDTH), List.of("fixed:20ms"), List.of(16 * HTTP_WIDTH), "semaphore runs here too, its"
                        + " virtual threads blocked in Jetty's call: the same client, so the strategy alone differs.",
                        iterations)), 1);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
