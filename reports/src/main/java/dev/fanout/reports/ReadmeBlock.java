package dev.fanout.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The results block docs/benchmarks.md carries (written by {@code ./fanout report --readme FILE}),
 * cut from a rendered report.md: the run line, the page's picture, and the chapters of tables
 * (strategies and peers, http beside sim, each table with its sentence against the peers and its pick
 * with the reason), headings moved one level down to sit under the page's own section. The list of
 * picks at the top of the report (each table carries its own), the calibration and the environment
 * stay in the report: the block is for reading the tables.
 */
public final class ReadmeBlock {

    /** report.md's sections that the block leaves out. */
    private static final Set<String> LEFT_OUT = Set.of("Which strategy, in this run", "Harness calibration", "Environment");

    private ReadmeBlock() {
    }

    /**
     * @param reportMd  the text of a rendered report.md
     * @param imagePath the picture of the page, relative to the file the block goes into
     * @return the block's Markdown, without the markers
     */
    public static String from(String reportMd, String imagePath) {
        List<String> lines = reportMd.lines().toList();
        StringBuilder block = new StringBuilder();
        int i = 0;
        for (; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (!line.startsWith("# ") && !line.isBlank()) {
                block.append(line).append("\n\n"); // the run line, and the interruption when there was one
            }
        }
        block.append("<a href=\"").append(imagePath).append("\"><img src=\"").append(imagePath)
                .append("\" width=\"720\" alt=\"The report of this run, as headless Chromium draws index.html\"></a>\n");
        boolean keep = false;
        List<String> kept = new ArrayList<>();
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                keep = !LEFT_OUT.contains(line.substring(3).strip());
            }
            if (keep) {
                kept.add(line.startsWith("#") ? "#" + line : line);
            }
        }
        for (String line : kept) {
            block.append(line.startsWith("#") ? "\n" + line + "\n" : line + "\n");
        }
        return block.toString().replaceAll("\n{3,}", "\n\n");
    }
}
