package dev.fanout.reports.render;

import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Results;

import java.util.ArrayList;
import java.util.List;

/**
 * results.csv: one row per finished point, every metric, for spreadsheets and scripts. Quoted as
 * RFC 4180 says, since latency specs contain commas.
 */
final class CsvReport {

    private static final List<String> LEADING_COLUMNS = List.of("point", "strategy", "width", "latency", "items",
            "ops_per_s", "ops_per_s_error", "items_per_s", "items_per_s_error");

    private CsvReport() {
    }

    static String render(Results results) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(LEADING_COLUMNS);
        for (PointMetric m : PointMetric.values()) {
            header.add(m.column());
        }
        row(csv, header);
        for (PointResult p : results.points()) {
            List<String> cells = new ArrayList<>(List.of(p.point().id(), p.strategy(), String.valueOf(p.width()),
                    p.point().latency(), String.valueOf(p.point().items()),
                    Numbers.plain(p.opsPerSecond().score()), Numbers.plain(p.opsPerSecond().errorOrZero()),
                    Numbers.plain(p.itemsPerSecond()), Numbers.plain(p.itemsPerSecondError())));
            for (PointMetric m : PointMetric.values()) {
                cells.add(m == PointMetric.HARNESS_BOUND ? String.valueOf(p.harnessBound()) : Numbers.plain(p.score(m)));
            }
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
