package dev.fanout.reports.render;

import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * report.md: which strategy, per profile, and why; a chapter per group of the plan (http and sim together, what a
 * strategy costs per item...), a table per latency with the peers as a block of their own, the
 * sentence against the peers and the pick with its reason, the calibration and the environment. Readable as plain text and as
 * rendered Markdown. README's results block is cut from it (see {@link dev.fanout.reports.ReadmeBlock}).
 */
final class MarkdownReport {

    static final String RECOMMENDATION = "Which strategy, in this run";
    static final String CALIBRATION = "Harness calibration";
    static final String ENVIRONMENT = "Environment";

    private MarkdownReport() {
    }

    static String render(Report report) {
        StringBuilder md = new StringBuilder("# fanout benchmark report\n\n");
        String interruption = RunFacts.interruption(report.results());
        if (!interruption.isEmpty()) {
            md.append("**").append(RunFacts.capitalise(interruption)).append(".** What finished is below.\n\n");
        }
        md.append(RunFacts.run(report.results())).append('\n');

        md.append("\n## ").append(RECOMMENDATION).append("\n\n")
                .append(RunFacts.PICK_RULE).append("\n\n");
        if (report.recommendations().isEmpty()) {
            md.append("No point finished: there is nothing to pick from yet.\n");
        }
        for (Recommendation r : report.recommendations()) {
            md.append("- **").append(escape(r.profile().title())).append(": ").append(escape(r.headline())).append(".** ")
                    .append(escape(r.details())).append('\n');
        }
        for (Chapter chapter : report.chapters()) {
            md.append("\n## ").append(escape(chapter.title())).append('\n');
            for (ResultTable table : chapter.tables()) {
                table(md, report, table);
            }
        }
        ScenarioTables.markdown(md, report.results().scenarios());
        md.append("\n## ").append(CALIBRATION).append("\n\n");
        facts(md, RunFacts.calibration(report.results().calibration()));
        md.append("\n## ").append(ENVIRONMENT).append("\n\n");
        facts(md, RunFacts.environment(report.results().environment()));
        return md.toString();
    }

    private static void table(StringBuilder md, Report report, ResultTable table) {
        boolean zero = table.zeroLatency();
        boolean lines = table.profiles().size() > 1;
        boolean peers = !table.rows(PointKind.PEER).isEmpty();
        md.append("\n### ").append(escape(table.title())).append("\n\n")
                .append("Workload").append(table.profiles().size() > 1 ? "s: " : ": ").append(escape(table.workloads()))
                .append(". Each cell: ")
                .append(zero ? "items/s · × ratio to the fastest peer's items/s at that width."
                        : "items/s · efficiency · p99 sojourn latency (ms).")
                .append("\n\n| name |").append(lines ? " workload |" : "");
        table.widths().forEach(w -> md.append(" width ").append(w).append(" |"));
        md.append("\n|---|").append(lines ? "---|" : "");
        table.widths().forEach(w -> md.append("---:|"));
        md.append('\n');
        Marks marks = new Marks();
        for (PointKind kind : PointKind.values()) {
            List<ResultTable.Row> rows = table.rows(kind);
            if (rows.isEmpty()) {
                continue;
            }
            if (peers) {
                md.append("| **").append(kind == PointKind.PEER ? "peers" : "strategies").append("** |")
                        .append(lines ? " |" : "").append(" |".repeat(table.widths().size())).append('\n');
            }
            for (ResultTable.Row row : rows) {
                boolean first = true;
                for (Profile profile : table.profilesOf(row)) {
                    String name = kind == PointKind.PEER ? "*" + escape(row.name()) + "*" : escape(row.name());
                    md.append("| ").append(first ? name : "").append(" |");
                    if (lines) {
                        md.append(' ').append(escape(table.lineLabel(profile))).append(" |");
                    }
                    Optional<Recommendation> pick = report.recommendation(profile);
                    for (int width : table.widths()) {
                        md.append(' ').append(cell(table, profile, row.name(), width, pick, marks)).append(" |");
                    }
                    md.append('\n');
                    first = false;
                }
            }
        }
        md.append('\n');
        for (Profile profile : table.profiles()) {
            report.peerSentence(profile).ifPresent(s -> md.append(escape(s)).append("\n\n"));
        }
        for (String line : report.harnessCostLines(table)) {
            md.append(escape(line)).append("\n\n");
        }
        for (Profile profile : table.profiles()) {
            report.recommendation(profile).ifPresent(r -> md.append("**").append(escape(pickLabel(r))).append(".** ")
                    .append(escape(r.details())).append("\n\n"));
        }
        List<String> notes = new ArrayList<>();
        if (marks.picked) {
            notes.add("In bold: the pick" + (lines ? ", one per workload." : "."));
        }
        if (peers) {
            notes.add("In italics, the peers: " + RunFacts.PEERS_NOTE + ".");
        }
        if (zero) {
            notes.add(RunFacts.capitalise(RunFacts.ZERO_LATENCY_NOTE) + ".");
        }
        if (marks.harnessBound) {
            notes.add(RunFacts.HARNESS_BOUND_MARK + " " + RunFacts.HARNESS_BOUND_NOTE + ".");
        }
        if (marks.beyondIdeal) {
            notes.add(RunFacts.BEYOND_IDEAL_MARK + " " + RunFacts.BEYOND_IDEAL_NOTE + ".");
        }
        if (marks.extraRequests) {
            notes.add(RunFacts.capitalise(RunFacts.EXTRA_REQUESTS_NOTE) + ".");
        }
        if (marks.failed) {
            notes.add(RunFacts.capitalise(RunFacts.FAILED_NOTE) + ".");
        }
        if (table.hasMissingCells()) {
            notes.add(Numbers.NONE + " not measured: the run stopped before this point.");
        }
        notes.forEach(n -> md.append(escape(n)).append("\n\n"));
        md.setLength(md.length() - 1);
    }

    private static String cell(ResultTable table, Profile profile, String name, int width, Optional<Recommendation> pick,
                               Marks marks) {
        return switch (table.state(profile, name, width)) {
            case NOT_PLANNED -> "";
            case NOT_MEASURED -> Numbers.NONE;
            case MEASURED -> {
                PointResult p = table.cell(profile, name, width).orElseThrow();
                String text;
                if (profile.zeroLatency()) {
                    double ratio = PeerComparison.ratioToFastestPeer(profile, p);
                    text = Numbers.rate(p.itemsPerSecond()) + (Double.isFinite(ratio) ? " · ×" + Numbers.ratio(ratio) : "");
                } else {
                    text = Numbers.rate(p.itemsPerSecond()) + " · " + Numbers.ratio(p.score(PointMetric.EFFICIENCY)) + " · "
                            + Numbers.millis(p.score(PointMetric.SOJOURN_P99));
                    if (p.harnessBound()) {
                        text += " " + RunFacts.HARNESS_BOUND_MARK;
                        marks.harnessBound = true;
                    }
                    if (p.beyondIdeal()) {
                        text += " " + RunFacts.BEYOND_IDEAL_MARK;
                        marks.beyondIdeal = true;
                    }
                }
                String extra = Numbers.extraRequests(p.extraRequestShare());
                if (!extra.isEmpty()) {
                    text += " · " + extra;
                    marks.extraRequests = true;
                }
                String failed = Numbers.failed(p.failedShare());
                if (!failed.isEmpty()) {
                    text += " · " + failed;
                    marks.failed = true;
                }
                if (pick.isPresent() && pick.get().picked(p)) {
                    marks.picked = true;
                    yield "**" + text + "**";
                }
                yield text;
            }
        };
    }

    /** {@code Pick at fixed:20ms (http, okhttp): semaphore}, or {@code No pick at fixed:0ms (sim)} */
    static String pickLabel(Recommendation r) {
        String where = PeerComparison.where(r.profile());
        return r.pick().map(p -> "Pick at " + where + ": " + p.name()).orElse("No pick at " + where);
    }

    private static void facts(StringBuilder md, List<RunFacts.Fact> facts) {
        md.append("| | |\n|---|---|\n");
        for (RunFacts.Fact f : facts) {
            md.append("| ").append(escape(f.label())).append(" | ").append(escape(f.value())).append(" |\n");
        }
    }

    /** Keeps names and specs from breaking a table or starting markup. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
    }
}
