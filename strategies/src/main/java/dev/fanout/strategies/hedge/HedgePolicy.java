package dev.fanout.strategies.hedge;

import dev.fanout.core.OverloadClassifier;

import java.time.Duration;
import java.util.Objects;

/**
 * A hedged strategy's settings, checked once: when to hedge (a fixed delay, or a percentile of the
 * run's latencies after a warm-up), how many hedges at most (the budget), what counts as an
 * overload answer (it throttles hedging), and whether a losing attempt is interrupted at once.
 *
 * @param fixedDelay   the delay, or {@code null} for a percentile
 * @param percentile   the percentile, above 0 and below 100 (ignored with a fixed delay)
 * @param warmup       the samples a percentile waits for, at least 1
 * @param budget       the most hedges as a fraction of the calls started, 0 to 1
 * @param overloaded   what counts as an overload answer
 * @param cancelLosers whether a losing attempt is interrupted at once (else it runs to its end)
 */
public record HedgePolicy(Duration fixedDelay, double percentile, int warmup, double budget,
                          OverloadClassifier overloaded, boolean cancelLosers) {

    public HedgePolicy {
        HedgeDelay.check(fixedDelay, percentile, warmup);
        HedgeBudget.checked(budget);
        Objects.requireNonNull(overloaded, "overloadWhen must not be null");
    }
}
