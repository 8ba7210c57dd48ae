package dev.fanout.benchmarks.server;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seeded sequence of fates and delays that the latency server injects, one draw per request in
 * arrival order. The in-process sim workload draws from the same class, so with the same seed both
 * inject the same sequence.
 *
 * <p>Draw {@code k} comes from its own generator seeded with {@code seed ^ mix(k)}: the fate first
 * (one {@code nextDouble}), then the delay from the latency profile. A fixed latency without faults
 * needs no generator at all, and allocates nothing.
 */
public final class DelayDraws {

    /** What happens to one request. */
    public enum Fate { ANSWER, ERROR, DISCONNECT, STALL }

    /**
     * One draw.
     *
     * @param fate       what happens to the request
     * @param delayNanos how long to wait before answering ({@code 0} for a disconnect or a stall)
     */
    public record Draw(Fate fate, long delayNanos) {
    }

    private final LatencyProfile latency;
    private final Faults faults;
    private final long seed;
    private final AtomicLong sequence = new AtomicLong();
    /** The one draw of a fixed latency without faults, shared. */
    private final Draw constant;

    public DelayDraws(LatencyProfile latency, Faults faults, long seed) {
        this.latency = latency;
        this.faults = faults;
        this.seed = seed;
        this.constant = latency instanceof LatencyProfile.Fixed fixed && !faults.any()
                ? new Draw(Fate.ANSWER, fixed.delay().toNanos()) : null;
    }

    public LatencyProfile latency() {
        return latency;
    }

    public Faults faults() {
        return faults;
    }

    /** @return the next draw of the sequence; thread-safe */
    public Draw next() {
        if (constant != null) {
            return constant;
        }
        SplittableRandom random = new SplittableRandom(seed ^ mix(sequence.getAndIncrement()));
        double fate = random.nextDouble();
        if (fate < faults.disconnectRate()) {
            return new Draw(Fate.DISCONNECT, 0);
        }
        if (fate < faults.disconnectRate() + faults.stallRate()) {
            return new Draw(Fate.STALL, 0);
        }
        long delay = latency.sampleNanos(random);
        boolean error = fate < faults.disconnectRate() + faults.stallRate() + faults.errorRate();
        return new Draw(error ? Fate.ERROR : Fate.ANSWER, delay);
    }

    /** A 64-bit mix (SplittableRandom's finaliser) so neighbouring sequence numbers seed unrelated draws. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
