package dev.fanout.benchmarks.cli;

import dev.fanout.reports.AtomicFiles;
import dev.fanout.reports.ResultsException;
import dev.fanout.reports.gate.Gate;
import dev.fanout.reports.gate.GateFiles;
import dev.fanout.reports.gate.GateOptions;
import dev.fanout.reports.gate.GateOutput;
import dev.fanout.reports.gate.GateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "gate", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Compares a benchmark run with a baseline, point by point, and answers with its",
                "exit status: 0 no regression, 1 at least one regression, 2 the comparison cannot",
                "be made (every problem listed). Inputs are JMH JSON result files, or results",
                "folders holding one (bench-results/latest).",
                "",
                "The rule (docs/gate.md): each metric's direction comes from its unit (ops/s and",
                "efficiency: bigger is better; times and latencies: smaller is better). Each",
                "strategy is judged against the PEERS with its parameters in the same run",
                "(plain-JDK and Reactor fan-outs that use none of the project's run machinery): a",
                "slower machine moves both and cancels out; a slower strategy, or a slower",
                "FanOutRun that slows every strategy alike, does not. A change must exceed the",
                "tolerance, the scatter between the runs, and the runs' own noise (Welch's t-test",
                "on JMH's iterations). Runs without peers (older baselines) fall back to the",
                "strategies judging each other, and the output warns that",
                "a change shared by every strategy is then invisible.",
                "",
                "The harness: the current run's calibration.json is compared with the baseline's,",
                "which lives beside it (baselines/smoke.json -> baselines/smoke.calibration.json;",
                "--update-baseline writes it). Capacity down or overhead up by more than twice",
                "the tolerance prints a 'harness slower' line; it fails the gate only with",
                "--fail-on-harness, because a calibration is a few thousand requests with nothing",
                "in the run to cancel a slower machine against.",
                "",
                "The machine: every point records the CPU other processes took while it ran",
                "(machine.otherCores). The 'machine:' line says BUSY when a point saw 0.25",
                "cores or more: a neighbour taking a core costs some strategies more than the",
                "peers, which the gate cannot tell from a regression, so rerun such a failure",
                "on a quiet machine. It never changes the verdict; --update-baseline refuses",
                "a busy run.",
                "",
                "Examples:",
                "  ./fanout gate --baseline baselines/smoke.json --current bench-results/latest",
                "  ./fanout gate --baseline baselines/smoke.json --current bench-results/latest \\",
                "      --markdown gate.md",
                "  ./fanout gate --update-baseline --baseline baselines/smoke.json \\",
                "      --current bench-results/latest",
                "  ./fanout gate --baseline full.json --current shard-1 shard-2 shard-3",
                "      (several folders: the shards of one plan, merged first)",
                ""})
final class GateCommand implements Callable<Integer> {

    @Option(names = "--baseline", paramLabel = "FILE", required = true,
            description = "the baseline: a JMH JSON file (baselines/smoke.json, its calibration beside it"
                    + " as smoke.calibration.json) or a results folder")
    Path baseline;

    @Option(names = "--current", paramLabel = "DIR-or-FILE", required = true, arity = "1..*",
            description = "the run to judge: a results folder (its calibration.json is read too) or its jmh.json; or the"
                    + " folders of every shard of one plan (./fanout bench --shard K/N), merged first")
    List<Path> currents;

    /** The one run to judge: the only --current, or the shards merged into a folder of their own. */
    Path current;

    @Option(names = "--tolerance", paramLabel = "PERCENT", defaultValue = "10%",
            description = "changes within this are unchanged (p99 gets twice it, the harness twice it), e.g. 10%% or 0.1;"
                    + " default: ${DEFAULT-VALUE}")
    String tolerance;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "also write the verdict as Markdown fit for a pull-request comment: a table of what moved,"
                    + " each row naming its yardstick (peers, other strategies, none)")
    Path markdown;

    @Option(names = "--fail-on-harness",
            description = "also exit 1 when the harness got slower (calibration against the baseline's); for a"
                    + " dedicated, quiet runner. Default: the harness line is shown, not failed")
    boolean failOnHarness;

    @Option(names = "--update-baseline",
            description = "instead of judging, make --current the new baseline, and its calibration.json the"
                    + " baseline's (atomically; refuses incomplete runs and untrustworthy calibrations)")
    boolean updateBaseline;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Override
    public Integer call() throws Exception {
        Path mergedShards = null;
        if (currents.size() == 1) {
            current = currents.getFirst();
        } else {
            Path work = java.nio.file.Files.createTempDirectory("fanout-gate-shards-");
            mergedShards = work;
            // on stderr: the verdict stays the output's first line
            current = ReportCommand.mergedFolder(currents, work.resolve("merged"), System.err);
        }
        try {
            return judgeOrUpdate();
        } finally {
            if (mergedShards != null) {
                deleteTree(mergedShards);
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var all = java.nio.file.Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    private int judgeOrUpdate() throws Exception {
        if (updateBaseline) {
            return updateBaseline();
        }
        GateOptions options = UsageException.check("",
                () -> GateOptions.builder().tolerance(GateOptions.parseTolerance(tolerance)).failOnHarness(failOnHarness).build());
        if (markdown != null) {
            UsageException.check("", () -> {
                AtomicFiles.requireWritableTarget("--markdown", markdown);
                return markdown;
            });
        }
        GateResult result = Gate.compareFiles(baseline, current, options);
        System.out.print(GateOutput.console(result));
        if (markdown != null) {
            AtomicFiles.writeString(markdown, GateOutput.markdown(result));
        }
        return result.exitCode();
    }

    private int updateBaseline() {
        GateFiles.BaselineUpdate update;
        try {
            update = GateFiles.updateBaseline(current, baseline);
        } catch (ResultsException e) {
            throw new UsageException(e.getMessage());
        }
        System.out.printf("baseline %s updated from %s (%d points: %d strategy, %d peer)%n", baseline, current,
                update.points(), update.strategyPoints(), update.peerPoints());
        if (update.calibration().isPresent()) {
            System.out.printf("calibration %s written beside it: the gate compares the harness with it%n", update.calibration().get());
        } else {
            System.out.printf("no calibration in %s: the gate cannot compare the harness%s%n", current,
                    update.staleRemoved().map(p -> " (removed " + p + ", which was another run's)").orElse(""));
        }
        if (update.peerPoints() == 0) {
            System.out.println("no peers in this baseline: the gate will judge the strategies against each other only,"
                    + " and cannot see a change shared by every strategy (docs/gate.md)");
        }
        return 0;
    }
}
