package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.DelayDraws;
import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.SleepRecord;
import dev.fanout.core.Capabilities;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.strategies.StrategyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process workload: the server's latency profiles, the server's records, no sockets. */
class SimWorkloadTest {

    @Test
    void drawsTheServersSequenceAndRecordsTheTimeReallySlept() throws Exception {
        LatencyProfile profile = LatencyProfile.parse("uniform:1ms..3ms");
        DelayDraws server = new DelayDraws(profile, Faults.NONE, 5);
        long expected = 0;
        for (int i = 0; i < 10; i++) {
            expected += server.next().delayNanos();
        }
        try (SimWorkload sim = new SimWorkload(profile, 5)) {
            for (long i = 0; i < 5; i++) {
                assertEquals(200, sim.call(i));
            }
            for (long i = 5; i < 10; i++) {
                assertEquals(200, sim.callAsync(i).get(10, TimeUnit.SECONDS));
            }
            SleepRecord slept = sim.drainSlept();
            assertEquals(10, slept.count());
            assertEquals(expected, slept.drawnNanos(), "the same seed draws the server's delays");
            assertTrue(slept.sleptNanos() >= slept.drawnNanos(), "a timer never fires early: " + slept);
            assertEquals(10, sim.stats().requests());
            assertEquals(10, sim.stats().status(200));
            assertEquals(1, sim.stats().maxInFlight());
        }
    }

    @Test
    void anInterruptEndsABlockingCallAndItLeavesTheInFlightCount() throws Exception {
        try (SimWorkload sim = new SimWorkload(LatencyProfile.parse("fixed:10s"), 1)) {
            AtomicReference<Object> ended = new AtomicReference<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    ended.set(sim.call(1L));
                } catch (Exception e) {
                    ended.set(e);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sim.stats().requests() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5); // liveness only
            }
            caller.interrupt();
            caller.join(Duration.ofSeconds(10));
            assertInstanceOf(InterruptedException.class, ended.get());
            sim.resetStats();
            assertEquals(0, sim.stats().maxInFlight(), "nothing left in flight");
        }
    }

    @Test
    void cancellingAnAsynchronousCallEndsItAtOnce() throws Exception {
        try (SimWorkload sim = new SimWorkload(LatencyProfile.parse("fixed:10s"), 1)) {
            CompletableFuture<Integer> call = sim.callAsync(1L);
            assertEquals(1, sim.stats().maxInFlight());
            assertTrue(call.cancel(true));
            assertThrows(CancellationException.class, call::join);
            sim.resetStats();
            assertEquals(0, sim.stats().maxInFlight(), "the cancelled call left the in-flight count");
            assertEquals(0, sim.drainSlept().count(), "a cancelled call slept nothing");
        }
    }

    @Test
    void aZeroDelayDoesNotWait() throws Exception {
        try (SimWorkload sim = new SimWorkload(LatencyProfile.parse("fixed:0ms"), 1)) {
            for (long i = 0; i < 1000; i++) {
                sim.call(i);
                assertTrue(sim.callAsync(i).isDone(), "a zero delay completes at once");
            }
            assertEquals(2000, sim.drainSlept().count());
        }
    }

    static Stream<String> boundedStrategies() {
        return StrategyRegistry.all().stream()
                .filter(s -> s.capabilities().width() == Capabilities.Width.BOUNDED).map(FanOutStrategy::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundedStrategies")
    void theSimCountsExactlyWidthInFlight(String name) throws Exception {
        for (int width : new int[]{4, 64}) {
            try (Workload sim = Workload.builder().workload("sim").latency(LatencyProfile.parse("fixed:100ms")).start()) {
                List<Integer> seen = new ArrayList<>();
                FanOutMeasurement.Result result = FanOutMeasurement.measure(WorkloadsForTests.atFullWidth(name),
                        FanOutOptions.builder().width(width).build(), sim, 2L * width, FanOutMeasurement.Order.COMPLETION, false,
                        o -> seen.add(1));
                assertEquals(width, result.server().maxInFlight(), name + " at width " + width);
                assertEquals(2L * width, result.summary().succeeded());
                assertEquals(2L * width, result.slept().count());
            }
        }
    }

    @Test
    void theSimRefusesFaults() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workload.builder().workload("sim").faults(new Faults(0.1, 0, 0, 0)).start());
        assertTrue(e.getMessage().contains("need the http workload"), e.getMessage());
    }
}
