package dev.fanout.reports.render;

import dev.fanout.reports.results.Manifest;
import dev.fanout.reports.results.PlannedPoint;
import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One table of the report: the profiles that differ only in workload, client or batch size (the
 * same latency, http next to sim), with widths as columns and a row per name: the strategies
 * first, then the peers as a block of their own. Within a row, one line per profile, so a
 * strategy's http and sim results sit one above the other. Rows and columns are what the run
 * planned, so a point an interrupted run never reached shows as an empty cell rather than vanish.
 *
 * @param profiles the profiles, in the report's order
 * @param rows     strategies in the run's order, then peers
 * @param widths   every width planned for any of the profiles, rising
 * @param planned  the planned points of these profiles, by profile index, name and width
 */
record ResultTable(List<Profile> profiles, List<Row> rows, List<Integer> widths,
                   Map<Integer, Map<String, Map<Integer, PlannedPoint>>> planned) {

    /** A row: a strategy or a peer. */
    record Row(PointKind kind, String name) {
    }

    /** What a cell holds. */
    enum CellState { MEASURED, NOT_MEASURED, NOT_PLANNED }

    ResultTable {
        profiles = List.copyOf(profiles);
        rows = List.copyOf(rows);
        widths = List.copyOf(widths);
    }

    /**
     * Puts the profiles into tables: those whose params differ only in workload, client and items
     * share one, in the order of their first profile.
     */
    static List<ResultTable> of(Manifest manifest, List<Profile> profiles) {
        Map<Map<String, String>, List<Profile>> byScenario = new LinkedHashMap<>();
        for (Profile p : profiles) {
            byScenario.computeIfAbsent(scenario(p), k -> new ArrayList<>()).add(p);
        }
        return byScenario.values().stream().map(group -> table(manifest, group)).toList();
    }

    private static Map<String, String> scenario(Profile p) {
        Map<String, String> key = new TreeMap<>(p.params());
        key.remove("workload");
        key.remove("client");
        key.remove("items");
        key.put("", p.latency()); // format 1 params need not say more than the latency
        return key;
    }

    private static ResultTable table(Manifest manifest, List<Profile> profiles) {
        Map<Integer, Map<String, Map<Integer, PlannedPoint>>> planned = new LinkedHashMap<>();
        List<PlannedPoint> all = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            Profile profile = profiles.get(i);
            Map<String, Map<Integer, PlannedPoint>> byName = new LinkedHashMap<>();
            for (PlannedPoint p : manifest.points()) {
                if (p.profileParams().equals(profile.params())) {
                    byName.computeIfAbsent(p.name(), n -> new TreeMap<>()).put(p.width(), p);
                    all.add(p);
                }
            }
            planned.put(i, byName);
        }
        List<Row> rows = all.stream().map(p -> new Row(p.kind(), p.name())).distinct()
                .sorted(Comparator.comparing(Row::kind).thenComparingInt(r -> order(manifest.names(r.kind()), r.name())))
                .toList();
        List<Integer> widths = all.stream().map(PlannedPoint::width).distinct().sorted().toList();
        return new ResultTable(profiles, rows, widths, planned);
    }

    /** @return the latency and any further shared param: {@code fixed:20ms}, {@code fixed:20ms, serverLimit=24} */
    String title() {
        Profile first = profiles.getFirst();
        return first.latency() + (first.extraParams().isEmpty() ? "" : ", " + first.extraParamsText());
    }

    /** @return whether every profile has a zero latency: a table of what each point costs per item */
    boolean zeroLatency() {
        return profiles.stream().allMatch(Profile::zeroLatency);
    }

    /** @return whether the profiles differ in batch size, so each line must say its own */
    boolean mixedItems() {
        return profiles.stream().map(Profile::items).distinct().count() > 1;
    }

    /** @return the label of a profile's lines: {@code http (okhttp)}, or {@code sim, 4096 items} when sizes differ */
    String lineLabel(Profile profile) {
        return profile.workloadLabel() + (mixedItems() ? ", " + profile.items() + " items" : "");
    }

    /** @return what the lines are, with their batch sizes: {@code http (okhttp) and sim, 200 items per batch} */
    String workloads() {
        if (mixedItems()) {
            return String.join("; ", profiles.stream().map(p -> p.workloadLabel() + ", " + p.items() + " items per batch").toList());
        }
        return String.join(" and ", profiles.stream().map(Profile::workloadLabel).toList())
                + ", " + profiles.getFirst().items() + " items per batch";
    }

    List<Row> rows(PointKind kind) {
        return rows.stream().filter(r -> r.kind() == kind).toList();
    }

    /** @return the profiles that planned this row at all, the lines of its block */
    List<Profile> profilesOf(Row row) {
        List<Profile> lines = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            if (planned.get(i).containsKey(row.name())) {
                lines.add(profiles.get(i));
            }
        }
        return lines;
    }

    Optional<PointResult> cell(Profile profile, String name, int width) {
        return profile.point(name, width);
    }

    CellState state(Profile profile, String name, int width) {
        if (cell(profile, name, width).isPresent()) {
            return CellState.MEASURED;
        }
        Map<Integer, PlannedPoint> widthsOfName = planned.get(profiles.indexOf(profile)).getOrDefault(name, Map.of());
        return widthsOfName.containsKey(width) ? CellState.NOT_MEASURED : CellState.NOT_PLANNED;
    }

    /** @return whether some planned point has no result */
    boolean hasMissingCells() {
        for (Row row : rows) {
            for (Profile profile : profilesOf(row)) {
                for (int width : widths) {
                    if (state(profile, row.name(), width) == CellState.NOT_MEASURED) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** @return every finished point of the table */
    List<PointResult> points() {
        return profiles.stream().flatMap(p -> p.points().stream()).toList();
    }

    private static int order(List<String> list, String value) {
        int i = list.indexOf(value);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
