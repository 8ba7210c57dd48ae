package dev.fanout.strategies;

import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.contract.FanOutStrategyContract;

/** The contract with the suite's own tasks, which do not declare themselves idempotent: never hedged, each run once. */
class HedgedStrategyTest extends FanOutStrategyContract {
    @Override
    protected FanOutStrategy strategy() {
        return new HedgedStrategy();
    }
}
