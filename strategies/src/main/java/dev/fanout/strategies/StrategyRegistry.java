package dev.fanout.strategies;

import dev.fanout.core.FanOutStrategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every strategy, by its stable short name: the one list the command line, the benchmarks and
 * the reports read. A new strategy is added here and nowhere else; a test fails if a strategy class
 * in this package is missing from it.
 *
 * <p>Substitution, for experiments: with the system property
 * {@code fanout.strategy.<name>=<class>} (a {@link FanOutStrategy} with a public no-argument
 * constructor that reports the same name), {@link #create} returns that class for that name. A
 * variant then benchmarks under the registered name, so its results compare point for point with a
 * baseline of the original; the regression gate's end-to-end test slows the semaphore strategy this
 * way. {@code fanout bench} forwards these properties to its forked JVMs.
 */
public final class StrategyRegistry {

    private static final Map<String, Supplier<FanOutStrategy>> STRATEGIES = new LinkedHashMap<>();

    static {
        register(SequentialStrategy.NAME, SequentialStrategy::new);
        register(AllAtOnceStrategy.NAME, AllAtOnceStrategy::new);
        register(SemaphoreStrategy.NAME, SemaphoreStrategy::new);
        register(WorkerPoolStrategy.NAME, WorkerPoolStrategy::new);
        register(StructuredStrategy.NAME, StructuredStrategy::new);
        register(AsyncStrategy.NAME, AsyncStrategy::new);
        register(ChunkedStrategy.NAME, ChunkedStrategy::new);
        register(AdaptiveStrategy.NAME, AdaptiveStrategy::new);
        register(HedgedStrategy.NAME, HedgedStrategy::new);
    }

    private StrategyRegistry() {
    }

    private static void register(String name, Supplier<FanOutStrategy> factory) {
        if (STRATEGIES.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("two strategies are named " + name);
        }
    }

    /** @return every strategy name, in the order reports list them */
    public static List<String> names() {
        return List.copyOf(STRATEGIES.keySet());
    }

    /** @return a new instance of every strategy, in {@link #names()} order */
    public static List<FanOutStrategy> all() {
        return STRATEGIES.values().stream().map(Supplier::get).toList();
    }

    /** @return whether a strategy of that name exists */
    public static boolean contains(String name) {
        return STRATEGIES.containsKey(name);
    }

    /**
     * @param name a strategy's short name, such as {@code semaphore}
     * @return a new instance of it
     * @throws IllegalArgumentException naming the valid names, if there is no such strategy
     */
    public static FanOutStrategy create(String name) {
        Supplier<FanOutStrategy> factory = STRATEGIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "'; valid names: " + String.join(", ", names()));
        }
        String substitute = System.getProperty(SUBSTITUTE_PREFIX + name);
        return substitute == null ? factory.get() : substitute(name, substitute);
    }

    /** The system property prefix of a substitution: {@code fanout.strategy.<name>=<class>}. */
    public static final String SUBSTITUTE_PREFIX = "fanout.strategy.";

    private static FanOutStrategy substitute(String name, String className) {
        FanOutStrategy strategy;
        try {
            strategy = (FanOutStrategy) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(SUBSTITUTE_PREFIX + name + "=" + className
                    + ": not a FanOutStrategy with a public no-argument constructor (" + e + ")", e);
        }
        if (!strategy.name().equals(name)) {
            throw new IllegalArgumentException(SUBSTITUTE_PREFIX + name + "=" + className + ": it reports the name '"
                    + strategy.name() + "', not '" + name + "'");
        }
        return strategy;
    }
}
