package dev.fanout.strategies.limit;

import dev.fanout.core.NanoClock;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The limit algorithms by name, with their default settings: what {@code --limit NAME} chooses. */
public enum LimitAlgorithm implements Limit.Factory {

    /** {@link AimdLimit}: loss-based; backs off on 429s and timeouts only. */
    AIMD("aimd", "loss-based (TCP Reno): +1 per two round trips, x0.9 on a 429 or a timeout; reads no round-trip times") {
        @Override
        public Limit create(int ceiling, int initialLimit, NanoClock clock) {
            return AimdLimit.builder().initialLimit(initialLimit).ceiling(ceiling).clock(clock).build();
        }
    },

    /** {@link GradientLimit}: delay-based, and backs off on losses too. */
    GRADIENT("gradient", "delay-based (TCP Vegas): keeps about sqrt(limit) calls queued at the callee; x0.9 on a loss") {
        @Override
        public Limit create(int ceiling, int initialLimit, NanoClock clock) {
            return GradientLimit.builder().initialLimit(initialLimit).ceiling(ceiling).clock(clock).build();
        }
    };

    /** Where a limit starts unless told otherwise, as TCP's initial window of ten segments. */
    public static final int DEFAULT_INITIAL_LIMIT = 10;

    private final String label;
    private final String description;

    LimitAlgorithm(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** @return a limit with this algorithm's defaults, starting at {@link #DEFAULT_INITIAL_LIMIT} */
    @Override
    public Limit create(int ceiling, NanoClock clock) {
        return create(ceiling, DEFAULT_INITIAL_LIMIT, clock);
    }

    /**
     * @param ceiling      the most the limit may allow, at least 1
     * @param initialLimit where it starts, at least 1 (above the ceiling: at the ceiling)
     * @param clock        the clock of the calls' timings
     * @return a limit with this algorithm's defaults
     */
    public abstract Limit create(int ceiling, int initialLimit, NanoClock clock);

    /** @return the name on the command line: {@code aimd}, {@code gradient} */
    public String label() {
        return label;
    }

    /** @return one line on what it does */
    public String description() {
        return description;
    }

    /** @return every name, in order */
    public static List<String> names() {
        return Arrays.stream(values()).map(LimitAlgorithm::label).toList();
    }

    /**
     * @throws IllegalArgumentException naming the valid algorithms, for an unknown name
     */
    public static LimitAlgorithm named(String name) {
        for (LimitAlgorithm a : values()) {
            if (a.label.equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown limit algorithm '" + name + "'; valid algorithms: " + String.join(", ", names()));
    }

    @Override
    public String toString() {
        return label;
    }
}
