package dev.fanout.reports.render;

import dev.fanout.reports.results.Manifest;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Section;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chapter of the report's tables: the plan's sections whose points the tables hold, titled as the
 * manifest titles them. The sections http and sim share their tables (http next to sim), so they
 * share a chapter; a section of its own kind, such as what a strategy costs per item, has its own.
 *
 * @param sections the sections, in the manifest's order
 * @param tables   the tables
 */
record Chapter(List<Section> sections, List<ResultTable> tables) {

    Chapter {
        sections = List.copyOf(sections);
        tables = List.copyOf(tables);
    }

    /** @return the sections' titles, joined */
    String title() {
        return String.join(" and ", sections.stream().map(Section::title).toList());
    }

    /** @return an anchor for the page: the sections' names */
    String anchor() {
        return "chapter-" + String.join("-", sections.stream().map(Section::name).toList()).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Consecutive tables whose points lie in the same sections form one chapter. */
    static List<Chapter> of(Manifest manifest, List<ResultTable> tables) {
        Map<String, Integer> sectionOf = new HashMap<>();
        List<Section> sections = manifest.sections();
        for (int i = 0; i < sections.size(); i++) {
            for (String id : sections.get(i).pointIds()) {
                sectionOf.putIfAbsent(id, i);
            }
        }
        List<Chapter> chapters = new ArrayList<>();
        List<Section> current = null;
        List<ResultTable> currentTables = new ArrayList<>();
        for (ResultTable table : tables) {
            List<Section> of = table.points().stream().map(PointResult::point)
                    .map(p -> sectionOf.get(p.id())).filter(i -> i != null).distinct().sorted()
                    .map(sections::get).toList();
            if (current != null && !current.equals(of)) {
                chapters.add(new Chapter(current, currentTables));
                currentTables = new ArrayList<>();
            }
            current = of;
            currentTables.add(table);
        }
        if (current != null) {
            chapters.add(new Chapter(current, currentTables));
        }
        return chapters;
    }
}
