package dev.fanout.benchmarks.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to bench and gate: one line, exit 2, nothing written. (The runs themselves are ITs.) */
class BenchAndGateCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--profile nope          | fanout bench: --profile: unknown profile 'nope'; valid profiles: smoke, quick, full, threads-or-futures",
            "--strategies semaphore,x | fanout bench: --strategies: unknown strategy 'x'; valid strategies: sequential,",
            "--strategies jdk-fixed-pool | fanout bench: --strategies: 'jdk-fixed-pool' is a peer, not a strategy (peers go to --peers in ./fanout bench); valid strategies: sequential,",
            "--peers semaphore       | fanout bench: --peers: 'semaphore' is a strategy, not a peer (strategies go to --strategies); valid peers: jdk-virtual-threads, jdk-map-concurrent, jdk-fixed-pool, reactor-flatmap, or none",
            "--peers nope            | fanout bench: --peers: unknown peer 'nope'; valid peers: jdk-virtual-threads,",
            "--client curl           | fanout bench: --client: unknown client 'curl'; valid clients: okhttp, jetty, jdk",
            "--workload net          | fanout bench: --workload: unknown workload 'net'; valid workloads: http, sim",
            "--profile quick --section http --workload sim | fanout bench: --workload: the quick profile has no section on sim (its sections: http on http)",
            "--section nope          | fanout bench: --section: the quick profile has no section 'nope' (its sections: http, http-tail, sim, cost)",
            "--shard 4/3             | fanout bench: --shard: a shard is K/N with 1 <= K <= N, got 4/3",
            "--shard half            | fanout bench: --shard: 'half' is not K/N (for example 2/8: the second of eight slices)",
            "--profile smoke --shard 4/4 | fanout bench: --shard: slice 4/4 of the smoke profile has no point: its 24 points make fewer groups (a point and its peers) than 4 slices",
            "--profile scenarios --shard 1/2 | fanout bench: --shard: the benchmark scenarios run whole, not in slices",
            "--widths 4,0            | fanout bench: --widths: every width must be at least 1, was 0",
            "--latency fixed:1       | fanout bench: --latency: malformed latency spec 'fixed:1'",
            "--latency hdr:/no/such/file.hlog | fanout bench: --latency hdr: cannot read /no/such/file.hlog (no such readable file)",
            "--items 0               | fanout bench: --items: every item count must be at least 1, was 0",
            "--forks 0               | fanout bench: --forks must be at least 1",
            "--hedge-budget 1.5      | fanout bench: --hedge-budget must be between 0 and 1, was 1.5",
            "--hedge-delay p100      | fanout bench: --hedge-delay: a percentile must be above p0 and below p100, was p100",
            "--hedge-delay 5         | fanout bench: --hedge-delay must be a duration (50ms) or a percentile of the run's latencies (p95), was '5'",
    })
    void badBenchInputIsOneLineExitTwoAndWritesNothing(String args, String expected) {
        Path out = dir.resolve("results");
        String[] argv = ("bench --out " + out + " " + args.trim()).split(" +");
        CommandLineCapture result = CommandLineCapture.run(argv);
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.errorLine().startsWith(expected.trim()), result.err());
        assertFalse(Files.exists(out), "nothing may be written for bad input");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--format csv x          | fanout report: --format: unknown format 'csv'; valid formats: html, bmf, github-action-benchmark",
            "--merged-out m x        | fanout report: --merged-out: needs the folders of several shards to merge",
            "NOPE1 NOPE2             | fanout report: NOPE1: no such folder",
    })
    void badReportInputIsOneLineExitTwo(String args, String expected) {
        String[] argv = ("report " + args.trim().replace("NOPE", dir.resolve("nope").toString())).split(" +");
        CommandLineCapture result = CommandLineCapture.run(argv);
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.errorLine().startsWith(expected.trim().replace("NOPE", dir.resolve("nope").toString())), result.err());
        assertFalse(Files.exists(dir.resolve("m")), "nothing may be written for bad input");
    }

    private static final String POINT = """
            {"benchmark": "dev.fanout.benchmarks.jmh.FanOutBenchmark.fanOut", "mode": "thrpt",
             "params": {"strategy": "semaphore", "width": "16", "latency": "fixed:20ms", "items": "48"},
             "primaryMetric": {"score": 10.0, "scoreError": 0.5, "scoreUnit": "ops/s"},
             "secondaryMetrics": {"efficiency": {"score": 0.9, "scoreError": 0.02, "scoreUnit": "ratio"}}}
            """;

    @Test
    void gateOfARunAgainstItselfPassesAndWritesMarkdown() throws Exception {
        Path run = Files.writeString(dir.resolve("run.json"), "[" + POINT + "]");
        Path markdown = dir.resolve("gate.md");
        CommandLineCapture result = CommandLineCapture.run("gate", "--baseline", run.toString(), "--current", run.toString(),
                "--markdown", markdown.toString());
        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().startsWith("gate: PASS"), result.out());
        assertTrue(Files.readString(markdown).contains("PASS"));
    }

    @Test
    void gateThatCannotCompareExitsTwoListingEveryProblem() throws Exception {
        Path run = Files.writeString(dir.resolve("run.json"), "[" + POINT + "]");
        CommandLineCapture result = CommandLineCapture.run("gate", "--baseline", dir.resolve("missing.json").toString(),
                "--current", run.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.out().contains(dir.resolve("missing.json") + ": no such file"), result.out());
    }

    @Test
    void badToleranceIsNamed() throws Exception {
        Path run = Files.writeString(dir.resolve("run.json"), "[" + POINT + "]");
        CommandLineCapture result = CommandLineCapture.run("gate", "--baseline", run.toString(), "--current", run.toString(),
                "--tolerance", "lots");
        assertEquals(2, result.exitCode());
        assertTrue(result.errorLine().startsWith("fanout gate: --tolerance:"), result.err());
    }

    @Test
    void updateBaselineCopiesTheRunAndRefusesGarbage() throws Exception {
        Path run = Files.writeString(dir.resolve("run.json"), "[" + POINT + "]");
        Path baseline = dir.resolve("baselines/smoke.json");
        CommandLineCapture ok = CommandLineCapture.run("gate", "--update-baseline", "--baseline", baseline.toString(),
                "--current", run.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals(Files.readString(run), Files.readString(baseline));
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "[{\"benchmark\":");
        CommandLineCapture bad = CommandLineCapture.run("gate", "--update-baseline", "--baseline", baseline.toString(),
                "--current", garbage.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.errorLine().contains(garbage.toString()), bad.err());
        assertEquals(Files.readString(run), Files.readString(baseline), "the old baseline must be kept");
    }
}
