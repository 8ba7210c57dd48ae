import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.strategies.StrategyRegistry;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A plain program, as a library user writes one: {@code PlainJvmIT} runs it from source with only
 * the fanout-core and fanout-strategies jars, in a JVM started without {@code --enable-preview}.
 * It creates every strategy through the registry and fans out three calls with each, printing one
 * line per strategy (its results, or the registry's error), then the JVM's options and the modules
 * the two jars are in.
 */
public class NoPreviewProbe {
    public static void main(String[] args) throws InterruptedException {
        for (String name : StrategyRegistry.names()) {
            try {
                FanOutStrategy strategy = StrategyRegistry.create(name);
                List<Integer> values = strategy.gather(List.of(1, 2, 3), x -> x * 10,
                        FanOutOptions.builder().width(2).build()).values();
                System.out.println(name + ": " + values);
            } catch (IllegalStateException e) {
                System.out.println(name + ": " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
        System.out.println("jvm options: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("modules: " + FanOutStrategy.class.getModule().getName()
                + " " + StrategyRegistry.class.getModule().getName());
    }
}
