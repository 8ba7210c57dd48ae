package dev.fanout.reports.render;

import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Results;

import java.util.List;
import java.util.Optional;

/**
 * report.md: the recommendation, a table per profile (strategies as rows, widths as columns), the
 * calibration and the environment. Readable as plain text and as rendered Markdown.
 */
final class MarkdownReport {

    static final String HARNESS_BOUND_MARK = "†";

    private MarkdownReport() {
    }

    static String render(Results results, List<ProfileGrid> grids, List<Recommendation> recommendations) {
        StringBuilder md = new StringBuilder("# fanout benchmark report\n\n");
        String interruption = RunFacts.interruption(results);
        if (!interruption.isEmpty()) {
            md.append("**").append(RunFacts.capitalise(interruption)).append(".** What finished is below.\n\n");
        }
        md.append(RunFacts.run(results)).append('\n');

        md.append("\n## Recommendation\n\n")
                .append("Per profile, the fastest point whose p99 sojourn latency (batch start to item done) stays within "
                        + "the bound.\n\n");
        if (recommendations.isEmpty()) {
            md.append("No point finished: there is nothing to recommend yet.\n");
        }
        for (Recommendation r : recommendations) {
            md.append("- **").append(escape(r.profile().title())).append(": ").append(escape(r.headline())).append(".** ")
                    .append(escape(r.details())).append('\n');
        }
        for (int i = 0; i < grids.size(); i++) {
            table(md, grids.get(i), recommendations.get(i).best());
        }
        md.append("\n## Harness calibration\n\n");
        facts(md, RunFacts.calibration(results.calibration()));
        md.append("\n## Environment\n\n");
        facts(md, RunFacts.environment(results.environment()));
        return md.toString();
    }

    private static void table(StringBuilder md, ProfileGrid grid, Optional<PointResult> pick) {
        md.append("\n## ").append(escape(grid.profile().title())).append("\n\n")
                .append("Each cell: items/s · efficiency · p99 sojourn latency (ms).\n\n")
                .append("| strategy |");
        grid.widths().forEach(w -> md.append(" width ").append(w).append(" |"));
        md.append("\n|---|");
        grid.widths().forEach(w -> md.append("---:|"));
        md.append('\n');
        boolean anyHarnessBound = false;
        for (String strategy : grid.strategies()) {
            md.append("| ").append(escape(strategy)).append(" |");
            for (int width : grid.widths()) {
                PointResult p = grid.cell(strategy, width).orElse(null);
                String cell = p == null ? Numbers.NONE : cell(p);
                md.append(' ').append(pick.isPresent() && pick.get() == p ? "**" + cell + "**" : cell).append(" |");
                anyHarnessBound |= p != null && p.harnessBound();
            }
            md.append('\n');
        }
        pick.ifPresent(p -> md.append("\nIn bold: the recommendation.\n"));
        if (anyHarnessBound) {
            md.append('\n').append(HARNESS_BOUND_MARK).append(' ').append(RunFacts.HARNESS_BOUND_NOTE).append(".\n");
        }
        if (grid.hasMissingCells()) {
            md.append('\n').append(Numbers.NONE).append(" not measured: the run stopped before this point.\n");
        }
    }

    private static String cell(PointResult p) {
        return Numbers.rate(p.itemsPerSecond()) + " · " + Numbers.ratio(p.score(PointMetric.EFFICIENCY)) + " · "
                + Numbers.millis(p.score(PointMetric.SOJOURN_P99)) + (p.harnessBound() ? " " + HARNESS_BOUND_MARK : "");
    }

    private static void facts(StringBuilder md, List<RunFacts.Fact> facts) {
        md.append("| | |\n|---|---|\n");
        for (RunFacts.Fact f : facts) {
            md.append("| ").append(escape(f.label())).append(" | ").append(escape(f.value())).append(" |\n");
        }
    }

    /** Keeps names and specs from breaking a table or starting markup. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
    }
}
