package dev.fanout.benchmarks.gate;

import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.strategies.SemaphoreStrategy;
import dev.fanout.strategies.StrategyRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slowed strategies the end-to-end gate test substitutes: each must pass the registry's rule (a
 * public no-argument constructor, the real name) and still do the real strategy's work. Checked here
 * in seconds, because the end-to-end test needs minutes to find out.
 */
class SlowedStrategyTest {

    @Test
    void everySubstitutionIsAcceptedByTheRegistryUnderTheRealName() {
        List<String> arguments = SlowedStrategy.substituteEvery();
        assertEquals(StrategyRegistry.names(),
                arguments.stream().map(a -> a.substring(("-D" + StrategyRegistry.SUBSTITUTE_PREFIX).length(), a.indexOf('='))).toList(),
                "one substitution per strategy, named as the registry names it");
        for (String argument : arguments) {
            String property = argument.substring(2, argument.indexOf('='));
            String name = property.substring(StrategyRegistry.SUBSTITUTE_PREFIX.length());
            System.setProperty(property, argument.substring(argument.indexOf('=') + 1));
            try {
                FanOutStrategy strategy = StrategyRegistry.create(name);
                SlowedStrategy slowed = assertInstanceOf(SlowedStrategy.class, strategy, name);
                assertEquals(name, slowed.name());
                assertEquals(SlowedStrategy.SHARED_SLOWDOWN, slowed.fraction(), "unless " + SlowedStrategy.SLOWDOWN_ENV + " is set");
            } finally {
                System.clearProperty(property);
            }
        }
        assertEquals(0.25, new SlowedSemaphoreStrategy().fraction());
    }

    /** The per-item case: the CPU goes on the caller's thread, once per outcome, and the results are the real ones. */
    @Test
    void anItemCostIsSpentOnTheCallersThreadForEveryOutcome() throws Exception {
        int items = 200;
        long perItem = 100_000; // 100 us, so 20 ms in all: far above the timer's resolution
        FanOutStrategy costlier = new SlowedStrategy(new SemaphoreStrategy(), 0, perItem) {
        };
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        FanOutResult<Integer> result = costlier.gather(java.util.stream.IntStream.range(0, items).boxed().toList(), x -> x + 1,
                FanOutOptions.builder().width(16).build());
        long callerCpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        assertTrue(result.allSucceeded());
        assertEquals(java.util.stream.IntStream.range(1, items + 1).boxed().toList(), result.values());
        assertTrue(callerCpu >= items * perItem, "the caller's thread spent " + callerCpu + " ns of CPU, less than "
                + items + " x " + perItem + " ns");
        assertEquals(0, new SlowedStrategy.Semaphore().itemCostNanos(), "unless " + SlowedStrategy.ITEM_COST_ENV + " is set");
    }

    @Test
    void aSlowedStrategyStillDoesTheRealStrategysWork() throws Exception {
        for (FanOutStrategy strategy : List.of(new SlowedStrategy.Sequential(), new SlowedStrategy.AllAtOnce(), new SlowedStrategy.Semaphore(),
                new SlowedStrategy.WorkerPool(), new SlowedStrategy.Structured(), new SlowedStrategy.Async(),
                new SlowedStrategy.Chunked(), new SlowedStrategy.Adaptive(), new SlowedSemaphoreStrategy())) {
            FanOutResult<Integer> result = strategy.gather(List.of(1, 2, 3, 4, 5), x -> {
                Thread.sleep(1);
                return x * 2;
            }, FanOutOptions.builder().width(2).build());
            assertTrue(result.allSucceeded(), strategy.name());
            assertEquals(List.of(2, 4, 6, 8, 10), result.values(), strategy.name());
            assertEquals(strategy.capabilities(), StrategyRegistry.create(strategy.name()).capabilities());
        }
    }
}
