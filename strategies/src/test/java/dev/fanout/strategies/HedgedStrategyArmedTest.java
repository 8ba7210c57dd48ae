package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.RunSummary;
import dev.fanout.core.contract.FanOutStrategyContract;

import java.time.Duration;
import java.util.Iterator;

/**
 * The contract with every task declared idempotent, so hedging is armed (its sweeper runs beside
 * every run), but with a delay no test reaches: the machinery alone must not bend a promise.
 * HedgingTest covers hedges that fire.
 */
class HedgedStrategyArmedTest extends FanOutStrategyContract {

    @Override
    protected FanOutStrategy strategy() {
        return new DeclaringIdempotent(HedgedStrategy.builder().delay(Duration.ofHours(1)).build());
    }

    /** The strategy, given every task wrapped with {@link HedgedStrategy#idempotent}. */
    private record DeclaringIdempotent(HedgedStrategy hedged) implements FanOutStrategy {
        @Override
        public String name() {
            return hedged.name();
        }

        @Override
        public String description() {
            return hedged.description();
        }

        @Override
        public Capabilities capabilities() {
            return hedged.capabilities();
        }

        @Override
        public <I, R> RunSummary stream(Iterator<? extends I> inputs, FanOutTask<I, R> task, FanOutOptions options,
                                        OutcomeSink<R> sink) throws InterruptedException {
            return hedged.stream(inputs, task == null ? null : HedgedStrategy.idempotent(task), options, sink);
        }
    }
}
