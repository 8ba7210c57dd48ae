package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * manifest.json: what a run planned and which points finished (docs/results-format.md). Reads
 * format 2 and format 1; a format 1 folder reads as format 2 would have said it: every point a
 * strategy, workload http, client jdk, one section.
 *
 * @param format     the folder's format, 1 or 2
 * @param profile    the benchmark profile, for example {@code quick}
 * @param createdAt  when the run started (ISO-8601, as written)
 * @param finishedAt when it finished; empty for an interrupted run
 * @param complete   whether every planned point finished
 * @param benchmarks the JMH benchmark's full name for each kind of point
 * @param strategies the strategies, in the order the run listed them (then any only the points name)
 * @param peers      the peers, likewise
 * @param widths     the widths the run listed (may be empty: the points say)
 * @param latencies  the latency specs the run listed (may be empty)
 * @param items      the batch sizes the run listed (may be empty)
 * @param points     every planned point
 * @param sections   the plan's named groups, in order; every point is in at least one
 */
public record Manifest(int format, String profile, String createdAt, Optional<String> finishedAt, boolean complete,
                       Map<PointKind, String> benchmarks, List<String> strategies, List<String> peers,
                       List<Integer> widths, List<String> latencies, List<Integer> items, List<PlannedPoint> points,
                       List<Section> sections) {

    /** The newest format this reader understands; it reads every format from {@link #OLDEST_FORMAT} on. */
    public static final int FORMAT = 2;
    public static final int OLDEST_FORMAT = 1;

    /** Format 1 had neither workloads nor clients: every point was HTTP through the JDK client. */
    static final String FORMAT_1_WORKLOAD = "http";
    static final String FORMAT_1_CLIENT = "jdk";

    private static final String RUN_AGAIN = "run ./fanout bench again";
    /** Ids name files; anything that could leave the folder (a slash, "..") is refused. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public Manifest {
        benchmarks = Map.copyOf(benchmarks);
        strategies = List.copyOf(strategies);
        peers = List.copyOf(peers);
        widths = List.copyOf(widths);
        latencies = List.copyOf(latencies);
        items = List.copyOf(items);
        points = List.copyOf(points);
        sections = List.copyOf(sections);
    }

    /** @return the points whose results are in the folder */
    public List<PlannedPoint> donePoints() {
        return points.stream().filter(PlannedPoint::done).toList();
    }

    /** @return the names of one kind, in the run's order */
    public List<String> names(PointKind kind) {
        return kind == PointKind.PEER ? peers : strategies;
    }

    static Manifest read(Path file) throws ResultsException {
        if (Files.notExists(file)) {
            throw new ResultsException(file, "no such file: not a results folder, or one from before format "
                    + OLDEST_FORMAT + "; " + RUN_AGAIN);
        }
        JsonFields json = JsonFields.read(file);
        int format = checkFormat(json);
        List<PlannedPoint> points = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonFields p : json.objects("points")) {
            PlannedPoint point = format == 1 ? format1Point(p) : point(p);
            if (!ids.add(point.id())) {
                throw p.problem("the id '" + point.id() + "' is listed twice");
            }
            points.add(point);
        }
        checkNames(json, points);
        Map<PointKind, String> benchmarks = format == 1
                ? Map.of(PointKind.STRATEGY, json.string("benchmark"))
                : benchmarks(json, points);
        List<String> strategies = names(json.optionalStrings("strategies"), points, PointKind.STRATEGY);
        List<String> peers = format == 1 ? List.of() : names(json.optionalStrings("peers"), points, PointKind.PEER);
        List<Section> sections = format == 1 ? List.of() : sections(json, ids);
        return new Manifest(format, json.optionalString("profile").orElse("?"), json.string("createdAt"),
                json.optionalString("finishedAt"), json.bool("complete"), benchmarks, strategies, peers,
                json.optionalIntegers("widths"), json.optionalStrings("latencies"), json.optionalIntegers("items"),
                points, withEveryPoint(sections, points));
    }

    private static int checkFormat(JsonFields json) throws ResultsException {
        if (!json.has("format")) {
            throw json.problem("has no \"format\": a results folder from before format " + OLDEST_FORMAT + "; " + RUN_AGAIN);
        }
        int format = json.integer("format");
        if (format < OLDEST_FORMAT) {
            throw json.problem("results folder from an older format (format " + format + "); " + RUN_AGAIN);
        }
        if (format > FORMAT) {
            throw json.problem("results folder from a newer format (format " + format + "); this fanout reads formats "
                    + OLDEST_FORMAT + " to " + FORMAT + ": update fanout");
        }
        return format;
    }

    private static PlannedPoint point(JsonFields p) throws ResultsException {
        String id = id(p);
        String kindLabel = p.string("kind");
        PointKind kind = PointKind.of(kindLabel).orElseThrow(
                () -> p.problem("\"kind\" must be strategy or peer, got '" + kindLabel + "'"));
        JsonFields params = p.object("params");
        Map<String, String> values = p.stringMap("params");
        for (PointKind other : PointKind.values()) {
            if (other != kind && values.containsKey(other.label())) {
                throw params.problem("a " + kind.label() + " point must not name a " + other.label()
                        + " ('" + values.get(other.label()) + "')");
            }
        }
        String name = params.string(kind.label());
        int width = params.integerOrString("width");
        int items = params.integerOrString("items");
        checkSizes(params, width, items);
        return new PlannedPoint(id, kind, name, width, params.string("latency"), items, params.string("workload"),
                params.string("client"), values, p.bool("done"));
    }

    private static PlannedPoint format1Point(JsonFields p) throws ResultsException {
        String id = id(p);
        JsonFields params = p.object("params");
        int width = params.integerOrString("width");
        int items = params.integerOrString("items");
        checkSizes(params, width, items);
        return new PlannedPoint(id, PointKind.STRATEGY, params.string("strategy"), width, params.string("latency"), items,
                FORMAT_1_WORKLOAD, FORMAT_1_CLIENT, p.stringMap("params"), p.bool("done"));
    }

    private static String id(JsonFields p) throws ResultsException {
        String id = p.string("id");
        if (!SAFE_ID.matcher(id).matches()) {
            throw p.problem("\"id\" must be letters, digits, '.', '_' and '-', got '" + id + "'");
        }
        return id;
    }

    private static void checkSizes(JsonFields params, int width, int items) throws ResultsException {
        if (width < 1 || items < 1) {
            throw params.problem("width and items must be at least 1, got width " + width + ", items " + items);
        }
    }

    /** A name is a strategy or a peer, never both: the report keys its rows by name. */
    private static void checkNames(JsonFields json, List<PlannedPoint> points) throws ResultsException {
        Map<String, PointKind> kinds = new HashMap<>();
        for (PlannedPoint p : points) {
            PointKind seen = kinds.putIfAbsent(p.name(), p.kind());
            if (seen != null && seen != p.kind()) {
                throw json.problem("'" + p.name() + "' is named both as a strategy and as a peer");
            }
        }
    }

    private static Map<PointKind, String> benchmarks(JsonFields json, List<PlannedPoint> points) throws ResultsException {
        JsonFields b = json.object("benchmarks");
        Map<PointKind, String> benchmarks = new EnumMap<>(PointKind.class);
        for (PointKind kind : PointKind.values()) {
            boolean used = points.stream().anyMatch(p -> p.kind() == kind);
            if (used || b.has(kind.label())) {
                benchmarks.put(kind, b.string(kind.label()));
            }
        }
        return benchmarks;
    }

    /** The names listed, in their order, then any name only the points give, in the points' order. */
    private static List<String> names(List<String> listed, List<PlannedPoint> points, PointKind kind) {
        Set<String> names = new LinkedHashSet<>(listed);
        points.stream().filter(p -> p.kind() == kind).forEach(p -> names.add(p.name()));
        return List.copyOf(names);
    }

    private static List<Section> sections(JsonFields json, Set<String> ids) throws ResultsException {
        if (!json.has("sections")) {
            return List.of();
        }
        List<Section> sections = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonFields s : json.objects("sections")) {
            String name = s.string("name");
            if (!names.add(name)) {
                throw s.problem("the section name '" + name + "' is used twice");
            }
            List<String> pointIds = s.strings("points");
            for (String id : pointIds) {
                if (!ids.contains(id)) {
                    throw s.problem("lists the point '" + id + "', which \"points\" does not have");
                }
            }
            sections.add(new Section(name, s.optionalString("title").orElse(name), pointIds));
        }
        return sections;
    }

    /**
     * The sections as listed, and for points no section lists, one section per workload (a format 1
     * folder, or a format 2 one without sections, gets exactly those).
     */
    private static List<Section> withEveryPoint(List<Section> listed, List<PlannedPoint> points) {
        Set<String> placed = new HashSet<>();
        listed.forEach(s -> placed.addAll(s.pointIds()));
        Map<String, List<String>> byWorkload = new LinkedHashMap<>();
        for (PlannedPoint p : points) {
            if (!placed.contains(p.id())) {
                byWorkload.computeIfAbsent(p.workload(), w -> new ArrayList<>()).add(p.id());
            }
        }
        Set<String> names = new HashSet<>();
        listed.forEach(s -> names.add(s.name()));
        List<Section> sections = new ArrayList<>(listed);
        byWorkload.forEach((workload, ids) -> {
            String name = names.contains(workload) ? workload + "-other" : workload;
            sections.add(new Section(name, defaultTitle(workload), ids));
        });
        return sections;
    }

    private static String defaultTitle(String workload) {
        return switch (workload) {
            case "http" -> "HTTP: a real client against the local latency server";
            case "sim" -> "Network-free: the same latencies in-process, no sockets";
            default -> "Workload " + workload;
        };
    }
}
