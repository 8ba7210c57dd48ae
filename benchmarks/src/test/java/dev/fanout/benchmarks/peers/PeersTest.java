package dev.fanout.benchmarks.peers;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each peer's bound, proven by the workload's own count of calls in flight (the server's, for http),
 * on both HTTP clients and on the sim.
 */
class PeersTest {

    static Stream<Arguments> peersAndWorkloads() {
        return PeerRegistry.names().stream().flatMap(peer -> Stream.of(
                Arguments.of(peer, "http", "okhttp"), Arguments.of(peer, "http", "jdk"), Arguments.of(peer, "sim", "none")));
    }

    @ParameterizedTest(name = "{0} on {1} {2}")
    @MethodSource("peersAndWorkloads")
    void theWorkloadSeesExactlyWidthInFlight(String name, String workload, String client) throws Exception {
        Peer peer = PeerRegistry.create(name);
        assertEquals(name, peer.name());
        for (int width : new int[]{4, 32}) {
            // the client's own limits (OkHttp's dispatcher) twice as wide, so they cannot be the bound seen
            try (Workload work = Workload.builder().workload(workload).client(client).latency(LatencyProfile.parse("fixed:300ms"))
                    .maxInFlight(2 * width).requestTimeout(Duration.ofSeconds(10)).start()) {
                dev.fanout.benchmarks.workload.WorkloadsForTests.warm(work);
                long succeeded = peer.fanOut(2L * width, width, work.task());
                ServerStats seen = work.stats();
                assertEquals(2L * width, succeeded);
                assertEquals(2L * width, seen.requests());
                assertEquals(width, seen.maxInFlight(), name + " at width " + width + " on " + workload + " " + client);
            }
        }
    }

    @Test
    void registryListsEveryPeerAndNamesTheValidOnes() {
        assertEquals(List.of("jdk-virtual-threads", "jdk-map-concurrent", "jdk-fixed-pool", "reactor-flatmap"), PeerRegistry.names());
        PeerRegistry.all().forEach(p -> assertTrue(!p.description().isBlank(), p.name()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerRegistry.create("semaphore"));
        assertEquals("unknown peer 'semaphore'; valid peers: jdk-virtual-threads, jdk-map-concurrent, jdk-fixed-pool, reactor-flatmap",
                e.getMessage());
    }
}
