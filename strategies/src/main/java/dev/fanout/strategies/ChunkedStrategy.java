package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

import java.util.ArrayList;
import java.util.List;

/*
 * CHUNKED: gather over slices of `width`. Here to be measured, not to be used.
 *
 * The idea. What many people write first ("batches of 10"): read `width` inputs, start them all,
 * wait for the whole slice, repeat. It is bounded and lazy (read-ahead 0), and it looks as good as
 * a semaphore.
 *
 * asyncio:   for chunk in batched(urls, 10):
 *                results += await asyncio.gather(*(fetch(u) for u in chunk))
 *
 * Pick it almost never: only when a slice is a unit by nature (one bulk request per slice, a
 * transaction per batch) and then the slice should be one call, not `width` calls. For `width`
 * separate calls, use a sliding window (semaphore, async).
 *
 * The trap. Each slice waits for its slowest call: with latencies L_1..L_W a slice costs
 * max(L_i), not their mean, and every slot that finished early sits idle until the slowest one
 * ends (a timed-out call frees its slot no sooner either). A sliding window keeps every slot busy,
 * so over many calls it costs about N x E[L] / W, and chunked costs N / W x E[max of W draws]. The
 * efficiency against a sliding window is E[L] / E[max of W draws] (the arithmetic, not a measurement):
 *   - fixed latency: max = mean, efficiency 1. The trap is invisible on a fixed-latency benchmark.
 *   - lognormal:20ms,p99=200ms (median 20 ms, sigma = ln(200/20) / 2.326 = 0.990):
 *     E[L] = 20 ms x exp(sigma^2 / 2) = 32.6 ms, while the expected maximum of 16 draws is
 *     134.6 ms. At width 16, chunked does about 0.24 of the work of a sliding window in the same
 *     time; the ratio falls as the width grows (0.46 at width 4, 0.14 at width 64).
 *
 * What the benchmark shows. What the arithmetic says: at a fixed latency, the semaphore's numbers
 * (./fanout bench, section http); under a heavy tail, a fraction of the semaphore's items/s, the
 * worst of every bounded strategy (section http-tail, the report's table "HTTP, heavy-tailed
 * latency"; ./fanout run --strategy chunked --width 16 --latency lognormal:20ms,p99=200ms against
 * the same run with --strategy semaphore, docs/strategies-measured.md). The report's timeline shows
 * the barriers, a staircase of slices each as long as its slowest call. The server's in-flight peak
 * equals W. The report never picks it.
 */
public final class ChunkedStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "chunked";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "slices of width: start a slice, wait for all of it, repeat (gather per batch); the anti-pattern";
    }

    @Override
    public Capabilities capabilities() {
        // read-ahead 0: the next slice is read only when the whole slice before it is decided
        return new Capabilities(Capabilities.Width.BOUNDED, 0, true, ThreadKind.VIRTUAL);
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        int width = run.width();
        List<Call<I, R>> slice = new ArrayList<>(Math.min(width, 1_024));
        while (true) {
            slice.clear();
            for (Call<I, R> call; slice.size() < width && (call = run.next()) != null; ) {
                slice.add(call); // the whole slice is read before any of it starts, as batched() does
            }
            if (slice.isEmpty()) {
                return;
            }
            for (Call<I, R> call : slice) {
                run.startThread(() -> run.execute(call));
            }
            // the barrier: the slice ends with its slowest call (outcomes reach the sink as they finish)
            run.awaitDecided();
        }
    }
}
