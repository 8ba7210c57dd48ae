/**
 * For strategy authors, not for callers: the machinery every strategy shares.
 *
 * <p>Extend {@link dev.fanout.core.run.AbstractFanOutStrategy} and write one method that decides
 * when and on which thread each input runs; the shared {@link dev.fanout.core.run.FanOutRun} keeps
 * the promises that are the same for every strategy (timing, timeouts, cancellation,
 * exactly-one-outcome, progress, completion-order delivery). The abstract
 * {@code FanOutStrategyContract} suite in fanout-core's test-jar checks a new strategy against the
 * whole contract.
 *
 * <p>Not part of the stable surface: these types follow what the strategies in this project need
 * and may change between minor versions. A library user who only runs strategies never needs them:
 * {@link dev.fanout.core} and {@code dev.fanout.strategies} are the stable surface. The package is
 * public (and exported by the automatic module {@code dev.fanout.core}) only because strategies in
 * another package, and your own, extend it.
 */
package dev.fanout.core.run;
