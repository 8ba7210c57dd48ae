package dev.fanout.benchmarks.peers;

import dev.fanout.core.AsyncFanOutTask;

/**
 * A fan-out as a user writes it without this project: plain JDK or Reactor code, a short idiomatic
 * file each, using none of core's run machinery (it calls the task's {@code call} or
 * {@code callAsync}, nothing else). A peer is a yardstick: a number the project's own code cannot
 * move, measured in the same run, on the same workload, with the same metrics as the strategies. It
 * tells the reader how far a strategy is from the plain answer, and the regression gate how much
 * the machine moved.
 *
 * <p>A peer does not collect failures or honour timeouts: the benchmarks inject none, and a user's
 * plain code would not either. Its first failure ends its fan-out.
 */
public interface Peer {

    /** @return the stable short name, such as {@code jdk-virtual-threads} */
    String name();

    /** @return one line: what a user would write */
    String description();

    /**
     * Calls {@code task} for the items {@code 0 .. items-1}, at most {@code width} calls in flight at
     * once, and returns when every call has ended.
     *
     * @return how many calls succeeded (all of them, or the first failure is thrown)
     * @throws Exception the first failure, however the peer's library reports it
     */
    long fanOut(long items, int width, AsyncFanOutTask<Long, Integer> task) throws Exception;
}
