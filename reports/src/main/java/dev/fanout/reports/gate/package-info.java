/**
 * The regression gate: compares a run's JMH results with a committed baseline and says whether a
 * change made fan-out slower (exit 1), did not (exit 0), or cannot be judged (exit 2).
 *
 * <p>Start at {@link dev.fanout.reports.gate.Gate}; the rule and its reasons are in docs/gate.md.
 */
package dev.fanout.reports.gate;
