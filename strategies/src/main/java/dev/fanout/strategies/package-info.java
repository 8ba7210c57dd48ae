/**
 * The strategies, for library users: stable surface.
 *
 * <p>Create one by name with {@link dev.fanout.strategies.StrategyRegistry#create(String)}, or
 * construct it: every strategy class here has a public no-argument constructor, and the ones with
 * settings a builder ({@link dev.fanout.strategies.AdaptiveStrategy#builder()},
 * {@link dev.fanout.strategies.HedgedStrategy#builder()}) that checks its arguments. Each runs the
 * {@link dev.fanout.core.FanOutStrategy} contract of fanout-core.
 *
 * <p>Stable: the public strategy classes, their {@code NAME}s, constructors and builders, and
 * {@code StrategyRegistry}'s public methods. Names of strategies are stable across releases; new
 * ones may be added.
 *
 * <p>Preview: every class here runs in a plain JDK 25 JVM except
 * {@link dev.fanout.strategies.StructuredStrategy}, which uses the preview API StructuredTaskScope
 * (JEP 505) and loads only with {@code java --enable-preview}. Reach it through the registry, which
 * loads it only when asked for {@code structured} and otherwise says in one line which flag is
 * missing ({@link dev.fanout.strategies.StrategyRegistry#needsPreview(String)}); naming the class in
 * your own code makes your class need the flag too. Module {@code dev.fanout.strategies} (the jar's
 * Automatic-Module-Name). See docs/library.md.
 */
package dev.fanout.strategies;
