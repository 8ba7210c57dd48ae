package dev.fanout.benchmarks.cli;

import dev.fanout.benchmarks.workload.HttpStatusException;
import dev.fanout.benchmarks.workload.UrlTemplate;
import dev.fanout.core.Outcome;
import dev.fanout.core.OutcomeSink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code fanout run --target} knows of a run against a service that is not the local server:
 * where it sent the requests, and why items failed (the service's own records are its own).
 *
 * @param url      the URL template
 * @param failures failed items by kind of failure, most common first
 */
record TargetRun(String url, Map<String, Long> failures) {

    /** Kinds of failure kept apart; the rest are counted together. */
    static final int KINDS = 8;
    static final String OTHER = "other failures";

    TargetRun {
        failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /**
     * @return what went wrong, in one line: the message of an HTTP status; else the exception's simple
     * name and the first message in its chain of causes (the JDK client's ConnectException has none
     * of its own)
     */
    static String describe(Throwable error) {
        if (error instanceof HttpStatusException) {
            return error.getMessage();
        }
        String message = null;
        for (Throwable t = error; t != null && message == null; t = t.getCause()) {
            message = t.getMessage();
        }
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Counts failed items by kind: bounded, however many items fail. */
    static final class Failures implements OutcomeSink<Integer> {

        private final UrlTemplate url;
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private String first;

        Failures(UrlTemplate url) {
            this.url = url;
        }

        @Override
        public synchronized void accept(Outcome<Integer> outcome) {
            if (!(outcome instanceof Outcome.Failure<Integer> failure)) {
                return;
            }
            String described = describe(failure.error());
            if (first == null) {
                first = described;
            }
            String kind = failure.error() instanceof HttpStatusException status ? "HTTP " + status.status()
                    : described.replace(url.describe(outcome.index()), url.template().substring(url.origin().length()));
            if (!counts.containsKey(kind) && counts.size() >= KINDS) {
                kind = OTHER;
            }
            counts.merge(kind, 1L, Long::sum);
        }

        /** @return the first failure seen, described, or null */
        synchronized String first() {
            return first;
        }

        /** @return failed items by kind, most common first */
        synchronized Map<String, Long> counts() {
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }
    }
}
