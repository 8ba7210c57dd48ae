package dev.fanout.benchmarks.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server-side limit that may change during a run: {@code 24} (always 24), or {@code 48,16@2s}
 * (48 from the start, 16 from 2 s on), or {@code 48,16@2s,32@4s}. Times count from the first request
 * the server records (after its last {@link LatencyServer#resetStats() reset}), so the same schedule
 * bites at the same request of a measured run whatever came before it. {@code 0} is no limit.
 *
 * @param steps the limit from each time on, the first at time zero, times strictly increasing
 */
public record LimitSchedule(List<Step> steps) {

    /** One step: from {@code from} on, the limit is {@code limit}. */
    public record Step(Duration from, int limit) {
    }

    /** The grammar, for messages and help. */
    public static final String GRAMMAR = "K, or K then changes as K@TIME: 24 | 48,16@2s | 48,16@2s,32@4s (0: no limit)";

    /** No limit. */
    public static final LimitSchedule NONE = constant(0);

    public LimitSchedule {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !steps.getFirst().from().isZero()) {
            throw new IllegalArgumentException("a limit schedule starts at time zero");
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).limit() < 0) {
                throw new IllegalArgumentException("a limit must be 0 (no limit) or more, was " + steps.get(i).limit());
            }
            if (i > 0 && steps.get(i).from().compareTo(steps.get(i - 1).from()) <= 0) {
                throw new IllegalArgumentException("the times must increase: " + Durations.format(steps.get(i).from())
                        + " comes after " + Durations.format(steps.get(i - 1).from()));
            }
        }
    }

    /** @return the same limit for the whole run */
    public static LimitSchedule constant(int limit) {
        return new LimitSchedule(List.of(new Step(Duration.ZERO, limit)));
    }

    /**
     * @param option the option it came from, for the message ({@code --server-limit})
     * @param spec   {@code K} or {@code K,K@TIME,...}
     * @throws IllegalArgumentException one line, naming the option and the grammar
     */
    public static LimitSchedule parse(String option, String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(option + ": empty; expected " + GRAMMAR);
        }
        try {
            String[] parts = spec.trim().split(",");
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].trim();
                int at = part.indexOf('@');
                if (i == 0 && at >= 0) {
                    throw new IllegalArgumentException("the first limit holds from the start: write it without @ ('" + part + "')");
                }
                if (i > 0 && at < 0) {
                    throw new IllegalArgumentException("'" + part + "' needs a time: K@TIME, such as 16@2s");
                }
                int limit = integer(at < 0 ? part : part.substring(0, at));
                Duration from = at < 0 ? Duration.ZERO : Durations.parse(part.substring(at + 1));
                if (i > 0 && from.isZero()) {
                    throw new IllegalArgumentException("'" + part + "': a change needs a time after the start");
                }
                steps.add(new Step(from, limit));
            }
            return new LimitSchedule(steps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": malformed '" + spec + "': " + e.getMessage() + "; expected " + GRAMMAR, e);
        }
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a whole number");
        }
    }

    /** @return the limit at {@code nanos} after the start; 0 for none */
    public int at(long nanos) {
        int limit = steps.getFirst().limit();
        for (int i = 1; i < steps.size(); i++) {
            if (nanos < steps.get(i).from().toNanos()) {
                break;
            }
            limit = steps.get(i).limit();
        }
        return limit;
    }

    /** @return when the limit next changes after {@code nanos}, or {@link Long#MAX_VALUE} */
    public long nextChangeAfter(long nanos) {
        for (Step s : steps) {
            if (s.from().toNanos() > nanos) {
                return s.from().toNanos();
            }
        }
        return Long.MAX_VALUE;
    }

    /** @return the limit at the start */
    public int initial() {
        return steps.getFirst().limit();
    }

    /** @return whether there is any limit at any time */
    public boolean any() {
        return steps.stream().anyMatch(s -> s.limit() > 0);
    }

    /** @return whether the limit changes during the run */
    public boolean changes() {
        return steps.size() > 1;
    }

    /** @return the spec form: {@code 24}, {@code 48,16@2s} */
    public String spec() {
        StringBuilder b = new StringBuilder().append(steps.getFirst().limit());
        for (int i = 1; i < steps.size(); i++) {
            b.append(',').append(steps.get(i).limit()).append('@').append(Durations.format(steps.get(i).from()));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return spec();
    }
}
