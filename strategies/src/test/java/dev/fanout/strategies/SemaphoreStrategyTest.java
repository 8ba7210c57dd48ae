package dev.fanout.strategies;

import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.contract.FanOutStrategyContract;

class SemaphoreStrategyTest extends FanOutStrategyContract {
    @Override
    protected FanOutStrategy strategy() {
        return new SemaphoreStrategy();
    }
}
