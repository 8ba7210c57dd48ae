package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;
import dev.fanout.reports.fixture.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryPointWithItsHistogramsAndTimeline() throws Exception {
        Results results = ResultsReader.read(ResultsFixture.standardCopy(dir));
        assertEquals(50, results.points().size());
        assertFalse(results.interrupted());
        assertEquals(List.of("fixed:20ms, 200 items", "lognormal:20ms,p99=200ms, 200 items"),
                results.profiles().stream().map(Profile::title).toList());
        Profile fixed = results.profiles().getFirst();
        assertEquals(ResultsFixture.STRATEGIES, fixed.strategies());
        assertEquals(ResultsFixture.WIDTHS, fixed.widths());
        assertEquals(5120, results.calibration().capacityRps());
        assertEquals(2, results.environment().cores());

        PointResult semaphore16 = fixed.point("semaphore", 16).orElseThrow();
        assertEquals(semaphore16.jmh().primary().score() * 200, semaphore16.itemsPerSecond(), 1e-9);
        // Every batch of every iteration went into the logs: 3 iterations x 1 batch x 200 requests.
        assertEquals(600, semaphore16.sojourn().count());
        assertEquals(600, semaphore16.service().count());
        List<LatencyDistribution.Percentile> curve = semaphore16.sojourn().points();
        assertEquals(100.0, curve.getLast().percentile());
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.get(i).millis() >= curve.get(i - 1).millis(), "a percentile curve never falls");
        }
        // The sojourn of the last item is the batch's makespan; the slowest service time is about one request.
        assertTrue(curve.getLast().millis() > 250, "max sojourn " + curve.getLast().millis());
        assertTrue(semaphore16.service().points().getLast().millis() < 25);
        assertEquals(200, semaphore16.timeline().spans().size());
    }

    @Test
    void anInterruptedRunKeepsWhatFinished() throws Exception {
        new ResultsFixture().widths(List.of(1, 16)).latencies(List.of("fixed:20ms")).interruptedAfter(7).writeTo(dir);
        Results results = ResultsReader.read(dir);
        assertTrue(results.interrupted());
        assertEquals(7, results.points().size());
        assertEquals(10, results.plannedPoints());
        assertTrue(results.manifest().finishedAt().isEmpty());
    }

    @Test
    void aManifestIdThatWouldLeaveTheFolderIsRefused() throws Exception {
        ResultsFixture.standardCopy(dir);
        Path manifest = dir.resolve("manifest.json");
        String id = ResultsFixture.pointId("semaphore", 16, "fixed:20ms", 200);
        Files.writeString(manifest, Files.readString(manifest).replace("\"" + id + "\"", "\"../../etc/passwd\""));
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsReader.read(dir));
        assertEquals(manifest, e.file());
        assertTrue(e.getMessage().contains("\"id\" must be letters, digits"), e.getMessage());
    }

    @Test
    void aMissingFieldIsNamedWithItsPlace() throws Exception {
        ResultsFixture.standardCopy(dir);
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"width\": \"1\"", "\"wide\": \"1\""));
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsReader.read(dir));
        assertEquals(manifest + ": points[0].params: \"width\" is missing", e.getMessage());
    }
}
