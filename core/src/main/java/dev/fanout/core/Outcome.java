package dev.fanout.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one input: exactly one outcome per input read, never zero, never two.
 *
 * <p>Four kinds, as a sealed interface so a {@code switch} over them is exhaustive:
 * <pre>{@code
 * switch (outcome) {
 *     case Outcome.Success<R> s   -> use(s.value());
 *     case Outcome.Failure<R> f   -> log(f.error());
 *     case Outcome.TimedOut<R> t  -> retryLater(t.index());
 *     case Outcome.Cancelled<R> c -> { }
 * }
 * }</pre>
 *
 * @param <R> the result type
 */
public sealed interface Outcome<R> {

    /** @return the input's position in the iteration, from 0 */
    long index();

    /** @return when the input was read, started and finished */
    Timing timing();

    /** @return whether this is a {@link Success} */
    default boolean isSuccess() {
        return this instanceof Success<R>;
    }

    /**
     * @return the value of a success
     * @throws IllegalStateException for any other outcome, with the error as cause for a failure
     */
    default R valueOrThrow() {
        return switch (this) {
            case Success<R> s -> s.value();
            case Failure<R> f -> throw new IllegalStateException("input " + index() + " failed: " + f.error(), f.error());
            case TimedOut<R> t -> throw new IllegalStateException("input " + index() + " timed out after " + t.limit());
            case Cancelled<R> c -> throw new IllegalStateException("input " + index() + " was cancelled");
        };
    }

    /** The task returned a value. */
    record Success<R>(long index, R value, Timing timing) implements Outcome<R> {
        public Success {
            Objects.requireNonNull(timing, "timing");
        }
    }

    /** The task threw. */
    record Failure<R>(long index, Throwable error, Timing timing) implements Outcome<R> {
        public Failure {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(timing, "timing");
        }
    }

    /**
     * The task ran past its per-task timeout, or was running when the run's deadline passed, and
     * was interrupted.
     *
     * @param limit the timeout or deadline that expired
     */
    record TimedOut<R>(long index, Duration limit, Timing timing) implements Outcome<R> {
        public TimedOut {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(timing, "timing");
        }
    }

    /**
     * The task was interrupted while running, or never started, because the run was cancelled
     * (fail-fast, deadline, the caller's interrupt). {@code timing().started()} tells which.
     */
    record Cancelled<R>(long index, Timing timing) implements Outcome<R> {
        public Cancelled {
            Objects.requireNonNull(timing, "timing");
        }
    }
}
