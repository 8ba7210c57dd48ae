package dev.fanout.benchmarks.workload;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What one call in flight costs in heap: the live heap when the fan-out first has its full width in
 * flight, minus the live heap before it started, divided by the calls in flight then. Both readings
 * are taken right after a full collection ({@link System#gc()}), so what is counted is what the
 * calls in flight keep reachable: a parked virtual thread's stack, a future and its callbacks, the
 * client's exchange. The collection in the middle stops the fan-out for a moment, so a run that
 * measures this is not a run to time ({@code fanout run --footprint} says so).
 */
public final class HeapFootprint implements AutoCloseable {

    /** The thread that takes the reading; not a client thread (ThreadCensus leaves it out). */
    static final String SAMPLER = "footprint-sampler";

    /**
     * @param bytesPerCall live heap per call in flight, or empty if the width was never reached
     * @param inFlight     the calls in flight when the reading was taken
     * @param beforeBytes  live heap before the fan-out
     * @param atPeakBytes  live heap with {@code inFlight} calls in flight
     */
    public record Reading(OptionalDouble bytesPerCall, int inFlight, long beforeBytes, long atPeakBytes) {

        public String describe() {
            return bytesPerCall.isEmpty() ? "not measured: the fan-out never had its full width in flight (in flight = rate x latency: a longer --latency gets there)"
                    : String.format(Locale.ROOT, "%,.0f bytes of live heap per call in flight (%d in flight: %,.1f MiB over the"
                    + " %,.1f MiB before; read after a full GC, which paused this run)", bytesPerCall.getAsDouble(), inFlight,
                    (atPeakBytes - beforeBytes) / 1048576.0, beforeBytes / 1048576.0);
        }
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private final CountDownLatch taken = new CountDownLatch(1);
    private final long before;
    private volatile long atPeak = -1;
    private volatile int inFlightAtPeak;

    private HeapFootprint(Workload work, int target) {
        this.before = liveHeap();
        this.sampler = Thread.ofPlatform().daemon().name(SAMPLER).unstarted(() -> {
            try {
                while (true) {
                    int now = work.stats().maxInFlight();
                    if (now >= target) {
                        atPeak = liveHeap();
                        inFlightAtPeak = now;
                        taken.countDown();
                        return;
                    }
                    Thread.sleep(1);
                }
            } catch (InterruptedException stop) {
                // the fan-out ended first
            }
        });
    }

    /**
     * Reads the heap now and starts watching for the moment {@code target} calls are in flight.
     *
     * @param work   the workload whose own count says how many calls are in flight
     * @param target the fan-out's effective width (capped at its items)
     */
    public static HeapFootprint start(Workload work, int target) {
        HeapFootprint footprint = new HeapFootprint(work, Math.max(1, target));
        footprint.sampler.start();
        return footprint;
    }

    /** @return the reading (empty if the fan-out never reached its width) */
    public Reading stop() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        long peak = atPeak;
        if (peak < 0) {
            return new Reading(OptionalDouble.empty(), 0, before, before);
        }
        return new Reading(OptionalDouble.of(Math.max(0, peak - before) / (double) inFlightAtPeak), inFlightAtPeak, before, peak);
    }

    private long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
