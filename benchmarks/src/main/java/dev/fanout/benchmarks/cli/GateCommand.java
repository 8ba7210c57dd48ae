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
import java.util.concurrent.Callable;

@Command(name = "gate", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Compares a benchmark run with a baseline, point by point, and answers with its",
                "exit status: 0 no regression, 1 at least one regression, 2 the comparison cannot",
                "be made (every problem listed). Inputs are JMH JSON result files, or results",
                "folders holding one (bench-results/latest).",
                "",
                "The rule (docs/gate.md): each metric's direction comes from its unit (ops/s and",
                "efficiency: bigger is better; times and latencies: smaller is better). Efficiency",
                "counts on its own; throughput and latency count against the other strategies of",
                "the same run, so a slower machine cancels out and a slower strategy does not. A",
                "change must exceed the tolerance AND both runs' confidence intervals.",
                "",
                "Examples:",
                "  ./fanout gate --baseline baselines/smoke.json --current bench-results/latest",
                "  ./fanout gate --update-baseline --baseline baselines/smoke.json --current bench-results/latest",
                ""})
final class GateCommand implements Callable<Integer> {

    @Option(names = "--baseline", paramLabel = "FILE", required = true,
            description = "the baseline: a JMH JSON file (baselines/smoke.json) or a results folder")
    Path baseline;

    @Option(names = "--current", paramLabel = "DIR-or-FILE", required = true,
            description = "the run to judge: a results folder or its jmh.json")
    Path current;

    @Option(names = "--tolerance", paramLabel = "PERCENT", defaultValue = "10%",
            description = "changes within this are unchanged, e.g. 10%% or 0.1; default: ${DEFAULT-VALUE}")
    String tolerance;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "also write the verdict as a Markdown table fit for a pull-request comment")
    Path markdown;

    @Option(names = "--update-baseline",
            description = "instead of judging, make --current the new baseline (atomically; refuses incomplete runs)")
    boolean updateBaseline;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Override
    public Integer call() throws Exception {
        if (updateBaseline) {
            try {
                int points = GateFiles.updateBaseline(current, baseline);
                System.out.printf("baseline %s updated from %s (%d points)%n", baseline, current, points);
                return 0;
            } catch (ResultsException e) {
                throw new UsageException(e.getMessage());
            }
        }
        GateOptions options = UsageException.check("",
                () -> GateOptions.builder().tolerance(GateOptions.parseTolerance(tolerance)).build());
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
}
