package dev.fanout.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How one fan-out runs: the width, the failure policy, timeouts, the progress listener, the clock.
 * Immutable; made with {@link #builder()}, which checks every argument and names the one it
 * rejects.
 *
 * <pre>{@code
 * FanOutOptions options = FanOutOptions.builder()
 *         .width(16)
 *         .taskTimeout(Duration.ofSeconds(2))
 *         .failurePolicy(FailurePolicy.FAIL_FAST)
 *         .build();
 * }</pre>
 */
public final class FanOutOptions {

    /** The width when none is given: asyncio articles' {@code Semaphore(4)}. */
    public static final int DEFAULT_WIDTH = 4;

    private final int width;
    private final FailurePolicy failurePolicy;
    private final Duration taskTimeout;
    private final Duration deadline;
    private final ThreadKind threads;
    private final ProgressListener progress;
    private final NanoClock clock;
    private final long expectedTotal;
    private final Rate rate;

    private FanOutOptions(Builder b) {
        this.width = b.width;
        this.failurePolicy = b.failurePolicy;
        this.taskTimeout = b.taskTimeout;
        this.deadline = b.deadline;
        this.threads = b.threads;
        this.progress = b.progress;
        this.clock = b.clock;
        this.expectedTotal = b.expectedTotal;
        this.rate = b.rate;
    }

    /** @return options with every default: width 4, collect, no timeouts */
    public static FanOutOptions defaults() {
        return builder().build();
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.width = width;
        b.failurePolicy = failurePolicy;
        b.taskTimeout = taskTimeout;
        b.deadline = deadline;
        b.threads = threads;
        b.progress = progress;
        b.clock = clock;
        b.expectedTotal = expectedTotal;
        b.rate = rate;
        return b;
    }

    /** @return the most tasks in flight at once (strategies bounded by nature may use less) */
    public int width() {
        return width;
    }

    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /** @return how long one task may run before it is interrupted and timed out */
    public Optional<Duration> taskTimeout() {
        return Optional.ofNullable(taskTimeout);
    }

    /** @return how long the whole run may take, from its start */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** @return the thread kind asked for; empty means each strategy's own default */
    public Optional<ThreadKind> threads() {
        return Optional.ofNullable(threads);
    }

    public ProgressListener progress() {
        return progress;
    }

    public NanoClock clock() {
        return clock;
    }

    /** @return the number of inputs, if the caller knows it (progress bars use it) */
    public OptionalLong expectedTotal() {
        return expectedTotal < 0 ? OptionalLong.empty() : OptionalLong.of(expectedTotal);
    }

    /**
     * @return the requests-per-second limit every call of a run keeps on top of the width, if any:
     *         a call starts only when it has both a slot and a permit ({@link Builder#rate})
     */
    public Optional<Rate> rate() {
        return Optional.ofNullable(rate);
    }

    @Override
    public String toString() {
        return "FanOutOptions[width=" + width + ", failurePolicy=" + failurePolicy
                + ", taskTimeout=" + taskTimeout + ", deadline=" + deadline + ", threads=" + threads
                + (rate == null ? "" : ", rate=" + rate) + "]";
    }

    /** Builds {@link FanOutOptions}; every setter rejects a bad value at once, naming it. */
    public static final class Builder {
        private int width = DEFAULT_WIDTH;
        private FailurePolicy failurePolicy = FailurePolicy.COLLECT;
        private Duration taskTimeout;
        private Duration deadline;
        private ThreadKind threads;
        private ProgressListener progress = ProgressListener.NONE;
        private NanoClock clock = NanoClock.SYSTEM;
        private long expectedTotal = -1;
        private Rate rate;

        private Builder() {
        }

        /**
         * @param width the most tasks in flight at once, at least 1
         * @throws IllegalArgumentException if {@code width < 1}
         */
        public Builder width(int width) {
            if (width < 1) {
                throw new IllegalArgumentException("width must be at least 1, was " + width);
            }
            this.width = width;
            return this;
        }

        public Builder failurePolicy(FailurePolicy failurePolicy) {
            this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy must not be null");
            return this;
        }

        /** Shorthand for {@code failurePolicy(FAIL_FAST)} or {@code failurePolicy(COLLECT)}. */
        public Builder failFast(boolean failFast) {
            return failurePolicy(failFast ? FailurePolicy.FAIL_FAST : FailurePolicy.COLLECT);
        }

        /**
         * @param taskTimeout how long one task may run, positive; {@code null} for none
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder taskTimeout(Duration taskTimeout) {
            this.taskTimeout = positiveOrNull("taskTimeout", taskTimeout);
            return this;
        }

        /**
         * @param deadline how long the whole run may take, positive; {@code null} for none
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder deadline(Duration deadline) {
            this.deadline = positiveOrNull("deadline", deadline);
            return this;
        }

        /** @param threads the thread kind for strategies that start threads; {@code null} for their default */
        public Builder threads(ThreadKind threads) {
            this.threads = threads;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress must not be null (use ProgressListener.NONE)");
            return this;
        }

        public Builder clock(NanoClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** @param expectedTotal the number of inputs, at least 0; only progress reporting uses it */
        public Builder expectedTotal(long expectedTotal) {
            if (expectedTotal < 0) {
                throw new IllegalArgumentException("expectedTotal must be at least 0, was " + expectedTotal);
            }
            this.expectedTotal = expectedTotal;
            return this;
        }

        /**
         * Limits how often calls start, on top of the width, with a token bucket of its own per run
         * ({@link RateLimiter}, read from this options' {@linkplain #clock clock}): a call starts
         * only when it holds both a slot and a permit. A call waiting for its permit is not yet
         * started: its task timeout counts from its start, but the deadline, fail-fast and the
         * caller's interrupt end its wait, and it is then {@linkplain Outcome.Cancelled cancelled}
         * (so a rate too low for the deadline ends in cancelled outcomes, not a hang).
         * A hedging strategy's extra attempts are not calls: they take no permit.
         *
         * @param rate the limit; {@code null} for none
         */
        public Builder rate(Rate rate) {
            this.rate = rate;
            return this;
        }

        /**
         * Shorthand for {@code rate(new Rate(perSecond, burst))}.
         *
         * @throws IllegalArgumentException if {@code perSecond} is not positive or {@code burst < 1}
         */
        public Builder rate(double perSecond, int burst) {
            return rate(new Rate(perSecond, burst));
        }

        public FanOutOptions build() {
            return new FanOutOptions(this);
        }

        private static Duration positiveOrNull(String name, Duration value) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
