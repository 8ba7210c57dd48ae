package dev.fanout.benchmarks.peers;

import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.ServerStats;
import dev.fanout.benchmarks.workload.ItemClient;
import dev.fanout.benchmarks.workload.Workload;
import dev.fanout.core.AsyncFanOutTask;
import dev.fanout.core.Rate;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The yardstick of {@code FanOutOptions.rate}: what a Java user writes today against a quota, Guava's
 * {@code RateLimiter} (33.5.0) inside the JEP 444 shape, a virtual thread per item and a
 * {@code Semaphore(width)} around each call, {@code limiter.acquire()} first inside it.
 *
 * <p>The idea: the same quota kept two ways, measured against the same server's own count of
 * 429s. The trap: {@code RateLimiter.create(r)} is {@code SmoothBursty}, which stores up to one
 * second of unused permits; it starts with none stored, so a fan-out that starts it and uses it at
 * once is evenly spaced, like core's limiter with burst 1; and {@code acquire()} sleeps
 * uninterruptibly, so a cancelled batch still waits out every permit it asked for. Expected: both
 * keep the server's 429s near zero at nearly the full rate.
 *
 * <p>Not a registered peer (the registered ones are all a semaphore at its width, which a rate
 * would not be): scripts/rate-evidence.sh runs it through {@link #main}. Unlike the registered
 * peers it does not stop at the first failure: a 429 is an outcome to count.
 */
public final class GuavaRateLimiterPeer implements Peer {

    private final double perSecond;
    private final AtomicLong failed = new AtomicLong();

    /** @param perSecond the quota, as {@code RateLimiter.create(perSecond)} takes it */
    public GuavaRateLimiterPeer(double perSecond) {
        this.perSecond = new Rate(perSecond, 1).perSecond(); // the same argument check as core's
    }

    @Override
    public String name() {
        return "guava-rate-limiter";
    }

    @Override
    public String description() {
        return "Guava RateLimiter.create(" + perSecond + ").acquire() inside a Semaphore(width), a virtual thread per call";
    }

    /** @return the calls that failed in the last {@link #fanOut} (each is counted, none ends the fan-out) */
    public long failed() {
        return failed.get();
    }

    @Override
    public long fanOut(long items, int width, AsyncFanOutTask<Long, Integer> task) {
        com.google.common.util.concurrent.RateLimiter limiter = com.google.common.util.concurrent.RateLimiter.create(perSecond);
        Semaphore slots = new Semaphore(width);
        AtomicLong succeeded = new AtomicLong();
        failed.set(0);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < items; i++) {
                long item = i;
                executor.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        limiter.acquire();
                        task.call(item);
                        succeeded.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return succeeded.get();
    }

    /**
     * {@code GuavaRateLimiterPeer RATE WIDTH ITEMS SERVER_RATE [LATENCY]}: warms up against the
     * local server answering at once, then fans ITEMS calls out at RATE a second against a server
     * that answers 429 beyond SERVER_RATE ({@code R/s[,burst=B]}), and prints the same line as
     * {@code fanout run}'s "rate" line.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: GuavaRateLimiterPeer RATE WIDTH ITEMS SERVER_RATE [LATENCY]");
            System.exit(2);
        }
        double rate = Double.parseDouble(args[0]);
        int width = Integer.parseInt(args[1]);
        long items = Long.parseLong(args[2]);
        Rate serverRate = Rate.parse(args[3]);
        if (!args[3].contains("burst=")) { // as --server-rate: a tenth of a second's worth
            serverRate = serverRate.withBurst((int) Math.max(1, Math.ceil(serverRate.perSecond() / 10)));
        }
        GuavaRateLimiterPeer peer = new GuavaRateLimiterPeer(rate);
        try (Workload work = Workload.builder().client(ItemClient.DEFAULT).latency(LatencyProfile.parse(args.length == 5 ? args[4] : "fixed:20ms"))
                .serverRate(serverRate).maxInFlight(width).start()) {
            work.answerAtOnce(true);
            new GuavaRateLimiterPeer(1e6).fanOut(2_000, width, work.task());
            work.answerAtOnce(false);
            work.resetStats();
            long start = System.nanoTime();
            long ok = peer.fanOut(items, width, work.task());
            double seconds = (System.nanoTime() - start) / 1e9;
            ServerStats seen = work.stats();
            long refused = seen.status(429);
            System.out.printf(Locale.ROOT, "%-10s guava %s/s, server %s: %,d requests in %.2f s = %.1f/s; the server refused"
                            + " %,d of %,d (%.2f%%), accepted %.1f/s (%,d succeeded, %,d failed)%n",
                    "rate", args[0], serverRate, ok + peer.failed(), seconds, (ok + peer.failed()) / seconds, refused,
                    seen.requests(), seen.requests() == 0 ? 0 : 100.0 * refused / seen.requests(), seen.status(200) / seconds,
                    ok, peer.failed());
        }
        System.exit(0);
    }
}
