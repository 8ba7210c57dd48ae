package dev.fanout.benchmarks.suite;

import dev.fanout.benchmarks.jmh.PointId;
import dev.fanout.benchmarks.peers.PeerRegistry;
import dev.fanout.strategies.StrategyRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plans: what each profile measures, each point once, and what it is expected to cost. */
class BenchProfileTest {

    @Test
    void pointIdsAreTheBriefingsForm() {
        assertEquals("semaphore-http_okhttp-w16-fixed_20ms-n128", PointId.of("semaphore", "http", "okhttp", 16, "fixed:20ms", 128));
        assertEquals("jdk-fixed-pool-sim-w1024-fixed_20ms-n4096", PointId.of("jdk-fixed-pool", "sim", "none", 1024, "fixed:20ms", 4096));
        assertEquals("structured-http_jdk-w4-lognormal_20ms_p99_200ms-n48",
                PointId.of("structured", "http", "jdk", 4, "lognormal:20ms,p99=200ms", 48));
    }

    @Test
    void everyProfilePlansEachPointOnceAndEveryPeer() {
        for (String name : BenchProfile.NAMES) {
            List<BenchPoint> points = BenchProfile.named(name).points();
            Set<String> ids = new HashSet<>();
            points.forEach(p -> assertTrue(ids.add(p.id()), name + " plans " + p.id() + " twice"));
            assertEquals(Set.copyOf(PeerRegistry.names()),
                    points.stream().filter(BenchPoint::isPeer).map(BenchPoint::name).collect(Collectors.toSet()), name);
        }
    }

    @Test
    void smokeIsEveryStrategyButSequentialAndHedgedAndEveryPeerAtWidth16OverHttp() {
        List<BenchPoint> points = BenchProfile.named("smoke").section("http").points();
        assertEquals(StrategyRegistry.names().size() - 2 + PeerRegistry.names().size(), points.size());
        assertTrue(points.stream().noneMatch(p -> p.name().equals("sequential")), "a 1 s operation; no peer like it");
        assertTrue(points.stream().noneMatch(p -> p.name().equals("hedged")), "no tail to hedge at a fixed latency");
        points.forEach(p -> {
            assertEquals(16, p.width());
            assertEquals("http", p.workload());
            assertEquals("okhttp", p.client());
        });
    }

    /** What the strategies themselves cost, which the http points' 60 ms of waiting hide: each strategy point with its peers. */
    @Test
    void smokeMeasuresTheStrategiesOwnCostWithPeersAtTheSameParameters() {
        BenchProfile smoke = BenchProfile.named("smoke");
        List<BenchPoint> cost = smoke.section("cost").points();
        List<BenchPoint> highWidth = smoke.section("sim").points();
        assertTrue(cost.stream().allMatch(p -> p.workload().equals("sim") && p.latency().equals("fixed:0ms") && p.width() == 16));
        assertTrue(highWidth.stream().allMatch(p -> p.workload().equals("sim") && p.latency().equals("fixed:20ms") && p.width() == 1024));
        Set<String> httpStrategies = smoke.section("http").points().stream().filter(p -> !p.isPeer()).map(BenchPoint::name)
                .collect(Collectors.toSet());
        Set<String> costStrategies = cost.stream().filter(p -> !p.isPeer()).map(BenchPoint::name).collect(Collectors.toSet());
        assertEquals(httpStrategies.stream().filter(n -> !n.equals("adaptive")).collect(Collectors.toSet()), costStrategies,
                "every strategy of the http section but adaptive (the semaphore at its ceiling without a limit)");
        for (List<BenchPoint> section : List.of(cost, highWidth)) {
            Set<String> groups = section.stream().map(Shard::yardstickGroup).collect(Collectors.toSet());
            for (String group : groups) {
                assertEquals(Set.copyOf(BenchProfile.SMOKE_COST_PEERS), section.stream()
                        .filter(p -> p.isPeer() && Shard.yardstickGroup(p).equals(group)).map(BenchPoint::name).collect(Collectors.toSet()),
                        "the peers at " + group);
            }
        }
    }

    @Test
    void strategiesThatIgnoreTheWidthAreMeasuredOncePerSection() {
        BenchProfile quick = BenchProfile.named("quick");
        for (BenchSection section : quick.sections()) {
            List<BenchPoint> points = section.points();
            for (String once : List.of("sequential", "all-at-once")) {
                long count = points.stream().filter(p -> p.name().equals(once)).count();
                assertTrue(count <= section.latencies().size() * section.items().size(), section.name() + ": " + once + " " + count);
            }
            assertTrue(section.fullNote().isEmpty() || !section.fullNote().isBlank());
        }
        assertFalse(quick.section("sim").strategies().contains("sequential"), "a sim batch of 4096 sleeps in a row is not measured");
        assertTrue(quick.section("cost").strategies().contains("sequential"), "what sequential costs per item is");
        assertEquals(List.of(1, 16, 256, 1024), quick.section("cost").widths());
        assertTrue(quick.section("sim").widths().contains(1024));
    }

    @Test
    void overridesApplyToEverySectionAndPeersNoneDropsThem() {
        BenchProfile plan = BenchProfile.named("quick").withPeers(List.of()).withStrategies(List.of("semaphore"))
                .withClients(List.of("okhttp", "jdk"));
        List<BenchPoint> points = plan.points();
        assertTrue(points.stream().noneMatch(BenchPoint::isPeer));
        assertTrue(points.stream().allMatch(p -> p.name().equals("semaphore")));
        assertEquals(Set.of("okhttp", "jdk", "none"), points.stream().map(BenchPoint::client).collect(Collectors.toSet()));
        assertEquals(List.of("okhttp", "jdk"), plan.httpClients());
        assertEquals(List.of("sim", "cost"), BenchProfile.named("quick").withWorkloads(List.of("sim")).sections().stream()
                .map(BenchSection::name).toList());
    }

    /** The plan's own estimate (fork start, fork warm-up, iterations or whole operations): not a measurement. */
    @Test
    void theEstimatesStayWithinTheirBudgets() {
        Duration smoke = BenchSuite.estimate(BenchProfile.named("smoke"));
        Duration quick = BenchSuite.estimate(BenchProfile.named("quick"));
        assertTrue(smoke.compareTo(Duration.ofSeconds(150)) <= 0, "smoke: " + smoke);
        assertTrue(quick.compareTo(Duration.ofMinutes(12)) <= 0, "quick: " + quick);
    }

    /**
     * Virtual threads or futures: the blocking contenders on OkHttp, the non-blocking ones (async and
     * Reactor) on Jetty, so the two non-blocking contenders meet on equal terms; sim at the widths the
     * quick profile does not reach; and a time a reader can plan for.
     */
    @Test
    void threadsOrFuturesPutsTheNonBlockingContendersOnTheNonBlockingClient() {
        BenchProfile plan = BenchProfile.named(ThreadsOrFutures.NAME);
        assertEquals(List.of(1024, 4096, 10_000), plan.section("tof-sim").widths());
        for (BenchPoint p : plan.points()) {
            if (p.workload().equals("http")) {
                assertEquals(ThreadsOrFutures.HTTP_WIDTH, p.width(), p.id());
                boolean nonBlocking = p.name().equals("async") || p.name().equals("reactor-flatmap");
                if (nonBlocking) {
                    assertEquals("jetty", p.client(), p.id());
                }
            }
        }
        assertTrue(plan.points().stream().anyMatch(p -> p.id().equals("semaphore-http_jetty-w256-fixed_20ms-n4096")),
                "the semaphore on Jetty too: the same client, the strategy alone differs");
        assertEquals(List.of("okhttp", "jetty"), plan.httpClients());
        Duration estimate = BenchSuite.estimate(plan);
        assertTrue(estimate.compareTo(Duration.ofMinutes(6)) <= 0, "threads-or-futures: " + estimate);
    }
}
