package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * manifest.json: what a run planned and which points finished (docs/results-format.md).
 *
 * @param profile    the benchmark profile, for example {@code quick}
 * @param createdAt  when the run started (ISO-8601, as written)
 * @param finishedAt when it finished; empty for an interrupted run
 * @param complete   whether every planned point finished
 * @param benchmark  the JMH benchmark's full name
 * @param strategies the strategies, in the order the run listed them
 * @param widths     the widths
 * @param latencies  the latency specs
 * @param items      the batch sizes
 * @param points     every planned point
 */
public record Manifest(String profile, String createdAt, Optional<String> finishedAt, boolean complete,
                       String benchmark, List<String> strategies, List<Integer> widths, List<String> latencies,
                       List<Integer> items, List<PlannedPoint> points) {

    /** The only format this reader understands. */
    public static final int FORMAT = 1;

    private static final String RUN_AGAIN = "run ./fanout bench again";
    /** Ids name files; anything that could leave the folder (a slash, "..") is refused. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public Manifest {
        strategies = List.copyOf(strategies);
        widths = List.copyOf(widths);
        latencies = List.copyOf(latencies);
        items = List.copyOf(items);
        points = List.copyOf(points);
    }

    /** @return the points whose results are in the folder */
    public List<PlannedPoint> donePoints() {
        return points.stream().filter(PlannedPoint::done).toList();
    }

    static Manifest read(Path file) throws ResultsException {
        if (Files.notExists(file)) {
            throw new ResultsException(file, "no such file: not a results folder, or one from before format "
                    + FORMAT + "; " + RUN_AGAIN);
        }
        JsonFields json = JsonFields.read(file);
        checkFormat(json);
        List<PlannedPoint> points = new ArrayList<>();
        for (JsonFields p : json.objects("points")) {
            points.add(point(p));
        }
        return new Manifest(json.optionalString("profile").orElse("?"), json.string("createdAt"),
                json.optionalString("finishedAt"), json.bool("complete"), json.string("benchmark"),
                json.strings("strategies"), json.integers("widths"), json.strings("latencies"), json.integers("items"),
                points);
    }

    private static void checkFormat(JsonFields json) throws ResultsException {
        if (!json.has("format")) {
            throw json.problem("has no \"format\": a results folder from before format " + FORMAT + "; " + RUN_AGAIN);
        }
        int format = json.integer("format");
        if (format < FORMAT) {
            throw json.problem("results folder from an older format (format " + format + "); " + RUN_AGAIN);
        }
        if (format > FORMAT) {
            throw json.problem("results folder from a newer format (format " + format + "); this fanout reads format "
                    + FORMAT + ": update fanout");
        }
    }

    private static PlannedPoint point(JsonFields p) throws ResultsException {
        String id = p.string("id");
        if (!SAFE_ID.matcher(id).matches()) {
            throw p.problem("\"id\" must be letters, digits, '.', '_' and '-', got '" + id + "'");
        }
        JsonFields params = p.object("params");
        int width = params.integerOrString("width");
        int items = params.integerOrString("items");
        if (width < 1 || items < 1) {
            throw params.problem("width and items must be at least 1, got width " + width + ", items " + items);
        }
        return new PlannedPoint(id, params.string("strategy"), width, params.string("latency"), items, p.bool("done"));
    }
}
