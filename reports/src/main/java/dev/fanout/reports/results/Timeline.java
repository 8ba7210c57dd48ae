package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * timelines/&lt;point&gt;.json: one measured batch of a point, every request as a span.
 *
 * @param makespanMs the batch's duration
 * @param spans      every request, in the order the file lists them
 */
public record Timeline(double makespanMs, List<Span> spans) {

    private static final Set<String> OUTCOMES = Set.of("success", "failed", "timedOut", "cancelled");

    public Timeline {
        spans = List.copyOf(spans);
    }

    /**
     * One request of the batch, times in milliseconds from the batch start.
     *
     * @param index   the input's position
     * @param startMs when it started; NaN when it never started
     * @param endMs   when it ended; NaN when it never started
     * @param outcome {@code success}, {@code failed}, {@code timedOut} or {@code cancelled}
     */
    public record Span(long index, double startMs, double endMs, String outcome) {

        /** @return whether the request ran at all (a cancelled input may never have started) */
        public boolean started() {
            return !Double.isNaN(startMs);
        }
    }

    static Timeline read(Path file) throws ResultsException {
        JsonFields json = JsonFields.read(file);
        List<Span> spans = new ArrayList<>();
        for (JsonFields s : json.objects("spans")) {
            double start = s.optionalNumber("startMs");
            double end = s.optionalNumber("endMs");
            if (!Double.isNaN(start) && !(end >= start)) {
                throw s.problem("a started span needs \"endMs\" at or after \"startMs\" (" + start + "), got " + end);
            }
            String outcome = s.string("outcome");
            if (!OUTCOMES.contains(outcome)) {
                throw s.problem("\"outcome\" must be one of success, failed, timedOut, cancelled, got '" + outcome + "'");
            }
            spans.add(new Span(s.integer("index"), start, Double.isNaN(start) ? Double.NaN : end, outcome));
        }
        return new Timeline(json.number("makespanMs"), spans);
    }
}
