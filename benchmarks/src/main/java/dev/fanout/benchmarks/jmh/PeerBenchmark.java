package dev.fanout.benchmarks.jmh;

import dev.fanout.benchmarks.peers.Peer;
import dev.fanout.benchmarks.peers.PeerRegistry;
import dev.fanout.benchmarks.workload.TimedTask;
import dev.fanout.core.AsyncFanOutTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/*
 * ONE OPERATION = ONE FAN-OUT of `items` calls with one PEER at one width: plain JDK or Reactor code
 * as a user writes it without this project (dev.fanout.benchmarks.peers), on the same workload,
 * warmed and recorded exactly as the strategies are (FanOutBenchmarkBase).
 *
 * A peer is a yardstick the project's own code cannot move: next to a strategy it says how far the
 * strategy is from the plain answer; between two runs it says how much the machine moved. Its bound
 * is proven by the workload's own in-flight count, like a strategy's.
 *
 * The timing of each call is taken by a shared wrapper around the call (TimedTask), not by the peer:
 * service = the call's start to its end; sojourn = the batch start to the call's end. (A peer does
 * not report when it read an input, so its timeline's queued time is its start.) The makespan is the
 * whole of the peer's fan-out, its own set-up included (a thread pool made per fan-out, say).
 *
 *   java --enable-preview -jar benchmarks/target/benchmarks.jar PeerBenchmark \
 *        -p peer=jdk-virtual-threads -p width=16 -prof dev.fanout.benchmarks.jmh.LatencyProfiler
 */
public class PeerBenchmark extends FanOutBenchmarkBase {

    @Param({"jdk-virtual-threads", "jdk-map-concurrent", "jdk-fixed-pool", "reactor-flatmap"})
    public String peer;

    private Peer fanOut;
    private final TimedTask.Sink record = (item, start, end, result, failure) -> {
        recordLatency(start, end, answered(failure));
        recordSpan(item, start, start, end, failure == null ? "success" : "failed");
    };

    @Override
    protected void prepare() {
        fanOut = PeerRegistry.create(peer);
    }

    @Override
    protected int bound() {
        return Math.min(items, width);
    }

    @Override
    protected long runBatch(AsyncFanOutTask<Long, Integer> task) throws Exception {
        fanOut.fanOut(items, width, new TimedTask(task, record));
        return System.nanoTime() - batchStart();
    }

    @Benchmark
    public long fanOut() throws Exception {
        return batch();
    }
}
