package dev.fanout.strategies;

import dev.fanout.core.FanOutStrategy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Preview, only where it is used. {@code structured} is the one strategy built on a preview API
 * (StructuredTaskScope, JEP 505): its class file loads only in a JDK 25 JVM started with
 * {@code --enable-preview}. The registry therefore never names that class in code; it loads it by
 * name when {@code create("structured")} is called, so every other strategy, and {@link #names()},
 * work in a plain JVM. Without the flag, {@code create("structured")} throws an
 * {@link IllegalStateException} whose one-line message names the flag (design, "Where the preview
 * strategy lives").
 */
public final class StrategyRegistry {

    private static final Map<String, Supplier<FanOutStrategy>> STRATEGIES = new LinkedHashMap<>();
    /** The strategies whose class uses a preview API of JDK 25, loaded by name only when asked for. */
    private static final Set<String> PREVIEW = new HashSet<>();

    /** By name, never as a class literal: a class literal would load it with the registry. */
    static final String STRUCTURED_CLASS = "dev.fanout.strategies.StructuredStrategy";
    /** The JDK whose preview APIs the preview strategies were compiled against. */
    static final int PREVIEW_JDK = 25;

    static {
        register(SequentialStrategy.NAME, SequentialStrategy::new);
        register(AllAtOnceStrategy.NAME, AllAtOnceStrategy::new);
        register(SemaphoreStrategy.NAME, SemaphoreStrategy::new);
        register(WorkerPoolStrategy.NAME, WorkerPoolStrategy::new);
        // NAME is a compile-time constant, copied into this class by javac: naming it loads nothing.
        registerPreview(StructuredStrategy.NAME, STRUCTURED_CLASS, "StructuredTaskScope (JEP 505)");
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

    /**
     * Registers a strategy built on a preview API, with a factory that loads its class by name each
     * time it is called and turns the JVM's class-version error (the class was compiled with
     * {@code --enable-preview}) into one line that says what to do.
     */
    private static void registerPreview(String name, String className, String api) {
        PREVIEW.add(name);
        register(name, () -> {
            Class<?> type;
            try {
                type = Class.forName(className);
            } catch (UnsupportedClassVersionError e) {
                int running = Runtime.version().feature();
                throw new IllegalStateException("strategy '" + name + "' uses the JDK " + PREVIEW_JDK + " preview API " + api
                        + ": run the JVM with --enable-preview" + (running == PREVIEW_JDK ? ""
                        : " on a JDK " + PREVIEW_JDK + " (this one is Java " + running + ")")
                        + ", or pick another strategy", e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("strategy '" + name + "': its class " + className + " is missing", e);
            }
            try {
                return (FanOutStrategy) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("strategy '" + name + "': cannot construct " + className, e);
            }
        });
    }

    /** @return every strategy name, in the order reports list them, preview strategies included */
    public static List<String> names() {
        return List.copyOf(STRATEGIES.keySet());
    }

    /**
     * @return a new instance of every strategy, in {@link #names()} order
     * @throws IllegalStateException in a JVM without {@code --enable-preview} (see
     *                               {@link #needsPreview}); skip those names and {@link #create} the rest
     */
    public static List<FanOutStrategy> all() {
        return STRATEGIES.values().stream().map(Supplier::get).toList();
    }

    /** @return whether a strategy of that name exists */
    public static boolean contains(String name) {
        return STRATEGIES.containsKey(name);
    }

    /**
     * @param name a strategy's short name
     * @return whether it uses a JDK 25 preview API, so that {@link #create} works only in a JVM
     *         started with {@code --enable-preview} ({@code structured})
     * @throws IllegalArgumentException naming the valid names, if there is no such strategy
     */
    public static boolean needsPreview(String name) {
        if (!STRATEGIES.containsKey(name)) {
            throw unknown(name);
        }
        return PREVIEW.contains(name);
    }

    /**
     * @param name a strategy's short name, such as {@code semaphore}
     * @return a new instance of it
     * @throws IllegalArgumentException naming the valid names, if there is no such strategy
     * @throws IllegalStateException    if it {@linkplain #needsPreview needs} {@code --enable-preview}
     *                                  and this JVM was started without it; the message says so in one line
     */
    public static FanOutStrategy create(String name) {
        Supplier<FanOutStrategy> factory = STRATEGIES.get(name);
        if (factory == null) {
            throw unknown(name);
        }
        String substitute = System.getProperty(SUBSTITUTE_PREFIX + name);
        return substitute == null ? factory.get() : substitute(name, substitute);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown strategy '" + name + "'; valid names: " + String.join(", ", names()));
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
