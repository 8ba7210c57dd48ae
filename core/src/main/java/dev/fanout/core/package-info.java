/**
 * The contract, for library users: what you may rely on across releases.
 *
 * <p>Start at {@link dev.fanout.core.FanOutStrategy} (its {@code gather} and {@code stream}), with
 * {@link dev.fanout.core.FanOutOptions} (width, failure policy, timeouts, deadline, progress),
 * {@link dev.fanout.core.FanOutTask} (one call; answer interrupts), and what comes back:
 * {@link dev.fanout.core.FanOutResult}, {@link dev.fanout.core.Outcome} (success, failure, timed
 * out, cancelled), {@link dev.fanout.core.RunSummary} and {@link dev.fanout.core.FanOutException}.
 * The strategies themselves are in {@code dev.fanout.strategies} (artifact fanout-strategies).
 *
 * <p>Stable surface: every public type of this package. The sub-package
 * {@link dev.fanout.core.run} is not part of it: it is for writing a strategy, and may change
 * between minor versions. Module {@code dev.fanout.core} (the jar's Automatic-Module-Name). This
 * package uses no preview API: it runs in a JVM without {@code --enable-preview}. See
 * docs/library.md.
 */
package dev.fanout.core;
