package dev.fanout.benchmarks.cli;

import dev.fanout.benchmarks.jmh.BenchmarkSettings;
import dev.fanout.benchmarks.suite.BenchProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench --target}: what it refuses before it sends anything, and what it plans to send. */
class BenchTargetTest {

    private static final String URL = "http://127.0.0.1:1/item/{n}";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--target " + URL + "                                   | fanout bench: --target sends REAL traffic to " + URL + ": add --send-real-traffic",
            "--target " + URL + " --send-real-traffic --max-requests 0 | fanout bench: --max-requests must be at least 1, was 0",
            "--target " + URL + " --send-real-traffic --max-requests=-5 | fanout bench: --max-requests must be at least 1, was -5",
            "--target " + URL + " --send-real-traffic               | fanout bench: --target: the plan sends ",
            "--target " + URL + " --send-real-traffic --latency fixed:1ms | fanout bench: --target: the service's latency is its own; drop --latency",
            "--target " + URL + " --send-real-traffic --peers jdk-fixed-pool | fanout bench: --target measures strategies only",
            "--target " + URL + " --send-real-traffic --workload sim | fanout bench: --target fans out over HTTP to the service; drop --workload sim",
            "--target " + URL + " --send-real-traffic --forks 2     | fanout bench: --target runs one fork per point and one fan-out per iteration; drop --forks",
            "--target " + URL + " --send-real-traffic --iterations 0 --strategies semaphore --widths 4 --items 5 | fanout bench: --iterations must be at least 1, was 0",
            "--target no-placeholder --send-real-traffic             | fanout bench: --target: 'no-placeholder' has no {n}",
            "--max-requests 10                                       | fanout bench: --max-requests applies to --target only",
            "--send-real-traffic                                     | fanout bench: --send-real-traffic applies to --target only",
    })
    void refusedBeforeAnythingIsSentOrWritten(String args, String expected) {
        Path out = dir.resolve("results");
        CommandLineCapture result = CommandLineCapture.run(("bench --out " + out + " " + args.trim()).split(" +"));
        assertTrue(result.exitCode() == 2 && result.errorLine().startsWith(expected.trim()), result.exitCode() + ": " + result.err());
        assertFalse(Files.exists(out), "nothing may be written for bad input");
    }

    @Test
    void thePlanCountsEveryRequestAndHoldsEachForkToItsShare() {
        BenchProfile smoke = BenchProfile.named("smoke").withStrategies(List.of("semaphore", "structured"))
                .withWidths(List.of(8)).withItems(List.of(40));
        BenchTarget target = BenchTarget.of(URL, true, 400, 3, smoke);
        assertEquals(2, target.plan().points().size(), "strategies only, one latency: " + target.plan().points());
        assertTrue(target.plan().points().stream().allMatch(p -> p.latency().equals(BenchTarget.LATENCY) && !p.isPeer()));
        assertEquals(2 * (1 + 3) * 40, target.requests(), "2 points x (1 warm-up + 3 measured) fan-outs x 40 items");
        assertEquals(160, target.perFork());
        assertEquals(URL, target.properties(target.perFork()).get(BenchmarkSettings.TARGET));
        assertEquals("160", target.properties(target.perFork()).get(BenchmarkSettings.TARGET_MAX_REQUESTS));
        // 320 requests and 3 probes fit 323, not 322
        BenchTarget.of(URL, true, 323, 3, smoke);
        UsageException over = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> BenchTarget.of(URL, true, 322, 3, smoke));
        assertTrue(over.getMessage().contains("the plan sends 320 requests"), over.getMessage());
    }
}
