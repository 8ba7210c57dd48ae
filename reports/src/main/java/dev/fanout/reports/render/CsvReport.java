package dev.fanout.reports.render;

import dev.fanout.reports.jmh.Metric;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Results;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * results.csv: one row per finished point, every metric, for spreadsheets and scripts. Strategies
 * and peers alike, told apart by the {@code kind} column. Any param beyond the usual ones and any
 * secondary metric beyond {@link PointMetric} gets a column of its own after them, so nothing the
 * benchmark wrote is lost. Quoted as RFC 4180 says, since latency specs contain commas.
 */
final class CsvReport {

    private static final List<String> LEADING_COLUMNS = List.of("point", "kind", "name", "workload", "client", "width",
            "latency", "items");
    private static final List<String> THROUGHPUT_COLUMNS = List.of("ops_per_s", "ops_per_s_error", "items_per_s",
            "items_per_s_error");
    private static final Set<String> USUAL_PARAMS = Set.of("strategy", "peer", "width", "latency", "items", "workload", "client");

    private CsvReport() {
    }

    static String render(Results results) {
        List<PointResult> points = results.points();
        Set<String> extraParams = new TreeSet<>();
        Set<String> extraMetrics = new LinkedHashSet<>();
        Set<String> known = new HashSet<>();
        for (PointMetric m : PointMetric.values()) {
            known.add(m.label());
        }
        for (PointResult p : points) {
            p.point().params().keySet().stream().filter(k -> !USUAL_PARAMS.contains(k)).forEach(extraParams::add);
            p.jmh().secondary().keySet().stream().filter(k -> !known.contains(k)).forEach(extraMetrics::add);
        }
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(LEADING_COLUMNS);
        header.addAll(extraParams);
        header.addAll(THROUGHPUT_COLUMNS);
        for (PointMetric m : PointMetric.values()) {
            header.add(m.column());
            if (m == PointMetric.EFFICIENCY) {
                header.add("efficiency_error");
            }
        }
        extraMetrics.forEach(label -> header.add(label.replaceAll("[^A-Za-z0-9]", "_")));
        row(csv, header);
        for (PointResult p : points) {
            List<String> cells = new ArrayList<>(List.of(p.point().id(), p.kind().label(), p.name(), p.point().workload(),
                    p.point().client(), String.valueOf(p.width()), p.point().latency(), String.valueOf(p.point().items())));
            extraParams.forEach(name -> cells.add(p.point().params().getOrDefault(name, "")));
            cells.addAll(List.of(Numbers.plain(p.opsPerSecond().score()), Numbers.plain(p.opsPerSecond().errorOrZero()),
                    Numbers.plain(p.itemsPerSecond()), Numbers.plain(p.itemsPerSecondError())));
            for (PointMetric m : PointMetric.values()) {
                cells.add(m == PointMetric.HARNESS_BOUND ? String.valueOf(p.harnessBound()) : Numbers.plain(p.score(m)));
                if (m == PointMetric.EFFICIENCY) {
                    cells.add(Numbers.plain(p.metric(m).errorOrZero()));
                }
            }
            extraMetrics.forEach(label -> cells.add(p.jmh().metric(label).map(Metric::score).map(Numbers::plain).orElse("")));
            row(csv, cells);
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quote(cells.get(i)));
        }
        csv.append('\n');
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
