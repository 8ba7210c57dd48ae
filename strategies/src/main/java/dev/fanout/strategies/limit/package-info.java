/**
 * The adaptive strategy's concurrency limits (AIMD, gradient), for library users who tune it: stable
 * surface.
 *
 * <p>Stable: {@link dev.fanout.strategies.limit.Limit} and its factory,
 * {@link dev.fanout.strategies.limit.LimitAlgorithm}, {@link dev.fanout.strategies.limit.AimdLimit}
 * and {@link dev.fanout.strategies.limit.GradientLimit} with their builders, and
 * {@link dev.fanout.strategies.limit.LimitListener}. Pass them to
 * {@link dev.fanout.strategies.AdaptiveStrategy#builder()}. No preview API.
 */
package dev.fanout.strategies.limit;
