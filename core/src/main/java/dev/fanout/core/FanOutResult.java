package dev.fanout.core;

import java.util.List;
import java.util.Objects;

/**
 * Every outcome of a gather-style run, in input order, with the run's totals.
 *
 * @param summary  the totals
 * @param outcomes one outcome per input, {@code outcomes.get(i).index() == i}
 * @param <R>      the result type
 */
public record FanOutResult<R>(RunSummary summary, List<Outcome<R>> outcomes) {

    public FanOutResult {
        Objects.requireNonNull(summary, "summary");
        outcomes = List.copyOf(outcomes);
    }

    /** @return the values of the successes, in input order */
    public List<R> values() {
        return outcomes.stream().filter(Outcome::isSuccess).map(Outcome::valueOrThrow).toList();
    }

    /** @return whether every outcome is a success */
    public boolean allSucceeded() {
        return outcomes.stream().allMatch(Outcome::isSuccess);
    }
}
