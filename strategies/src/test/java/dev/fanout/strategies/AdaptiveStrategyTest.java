package dev.fanout.strategies;

import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.contract.FanOutStrategyContract;

/**
 * The contract, with the limit starting at the ceiling. The suite's bound test holds its first
 * {@code width} tasks until all of them are in flight; a limit that starts below the width (the
 * default, 10, then a doubling per answered round trip) grows only from answers, which those tasks
 * cannot give. Every other promise is checked as the default instance keeps it.
 */
class AdaptiveStrategyTest extends FanOutStrategyContract {
    @Override
    protected FanOutStrategy strategy() {
        return AdaptiveStrategy.builder().limit("aimd").initialLimit(Integer.MAX_VALUE).build();
    }
}
