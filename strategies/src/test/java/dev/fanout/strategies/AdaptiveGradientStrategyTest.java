package dev.fanout.strategies;

import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.contract.FanOutStrategyContract;

/** The contract again with the gradient limit (starting at the ceiling, see {@link AdaptiveStrategyTest}). */
class AdaptiveGradientStrategyTest extends FanOutStrategyContract {
    @Override
    protected FanOutStrategy strategy() {
        return AdaptiveStrategy.builder().limit("gradient").initialLimit(Integer.MAX_VALUE).build();
    }
}
