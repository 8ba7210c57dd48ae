package dev.fanout.benchmarks.suite;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code examples/asyncio/compare.sh} as a user runs it, through the {@code ./fanout} launcher and the
 * real benchmarks.jar: two idioms at a small case, one table. Skipped where no python3 has aiohttp.
 */
class CompareScriptIT {

    @Test
    void printsOneTableRowPerIdiomWithTheServersPeaks() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path script = root.resolve("examples/asyncio/compare.sh");
        assumeTrue(pythonWithAiohttp(), "no python3 here can import aiohttp; apt-get install python3-aiohttp runs this test");

        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--only", "gather_semaphore,as_completed",
                "--warmup", "200", "12", "2ms", "3");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path log = Files.createTempFile("compare", ".log");
        Path out = Files.createTempFile("compare", ".out");
        Process compare = builder.redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        boolean finished = compare.waitFor(5, TimeUnit.MINUTES); // liveness only
        if (!finished) {
            compare.descendants().forEach(ProcessHandle::destroyForcibly);
            compare.destroyForcibly();
        }
        String table = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(finished, "compare.sh did not finish in 5 minutes:\n" + table + Files.readString(log));
        assertEquals(0, compare.exitValue(), table + Files.readString(log));

        List<String> rows = table.lines().filter(l -> l.startsWith("| 12 x 2ms, width 3 |")).toList();
        assertEquals(2, rows.size(), table);
        assertTrue(rows.get(0).contains("| `gather_semaphore` | `semaphore` |"), rows.get(0));
        assertTrue(rows.get(1).contains("| `as_completed` | `async` |"), rows.get(1));
        for (String row : rows) {
            String[] cells = row.split("\\|");
            // | case | idiom | strategy | Python ms | eff. | peak | Java ms | eff. | peak |
            for (int cell : new int[]{4, 5, 7, 8}) {
                assertTrue(Double.parseDouble(cells[cell].trim().replace(",", "")) > 0, row);
            }
            for (int cell : new int[]{6, 9}) {
                int peak = Integer.parseInt(cells[cell].trim());
                assertTrue(peak >= 1 && peak <= 3, "the server's peak, at most the width: " + row);
            }
        }
        assertFalse(table.contains("Not every item succeeded"), table);
        Files.deleteIfExists(log);
        Files.deleteIfExists(out);
    }

    private static boolean pythonWithAiohttp() throws InterruptedException {
        for (String candidate : new String[]{System.getenv("PYTHON"), "python3", "/usr/bin/python3"}) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import aiohttp").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return true;
                }
            } catch (java.io.IOException notThere) {
                // try the next
            }
        }
        return false;
    }
}
