package dev.fanout.benchmarks.server;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recording a latency distribution as an HdrHistogram log and drawing delays from it: {@code hdr:FILE}. */
class LatencyLogTest {

    @TempDir
    Path dir;

    /** A log of lognormal:20ms,p99=200ms delays, in microseconds, as run --save-latency writes one. */
    private Path recorded(int count) throws Exception {
        LatencyProfile source = LatencyProfile.parse("lognormal:20ms,p99=200ms");
        SplittableRandom random = new SplittableRandom(11);
        Histogram micros = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < count; i++) {
            micros.recordValue(source.sampleNanos(random) / 1000);
        }
        Path file = dir.resolve("service.hlog");
        Files.writeString(file, LatencyLog.write(micros, "test: " + count + " draws of lognormal:20ms,p99=200ms"));
        return file;
    }

    @Test
    void drawsFollowTheRecordedDistribution() throws Exception {
        Path file = recorded(100_000);
        LatencyProfile replay = LatencyProfile.parse("hdr:" + file);
        assertEquals("hdr:" + file.toAbsolutePath().normalize(), replay.spec());
        SplittableRandom random = new SplittableRandom(3);
        long[] draws = new long[200_000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = replay.sampleNanos(random);
        }
        Arrays.sort(draws);
        LatencyLog log = LatencyLog.read(file);
        for (double p : new double[]{10, 50, 90, 99}) {
            double recordedMs = log.percentileMicros(p) / 1000.0;
            double drawnMs = draws[(int) (draws.length * p / 100)] / 1e6;
            assertEquals(recordedMs, drawnMs, recordedMs * 0.03, "p" + p);
        }
        assertEquals(20.0, replay.median().toNanos() / 1e6, 20 * 0.03);
    }

    @Test
    void theSameSeedDrawsTheSameDelays() throws Exception {
        LatencyProfile replay = LatencyProfile.parse("hdr:" + recorded(1_000));
        long[] first = new long[500];
        long[] second = new long[500];
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int i = 0; i < first.length; i++) {
            first[i] = replay.sampleNanos(a);
            second[i] = replay.sampleNanos(b);
        }
        assertArrayEquals(first, second);
        DelayDraws one = new DelayDraws(replay, Faults.NONE, 7);
        DelayDraws two = new DelayDraws(LatencyProfile.parse(replay.spec()), Faults.NONE, 7);
        for (int i = 0; i < 100; i++) {
            assertEquals(one.next(), two.next(), "draw " + i + " of the server's sequence");
        }
    }

    @Test
    void anUnreadableEmptyOrForeignFileIsRefusedNamingIt() throws Exception {
        Path missing = dir.resolve("missing.hlog");
        assertTrue(message("hdr:" + missing).contains("cannot read " + missing), message("hdr:" + missing));
        Path empty = Files.createFile(dir.resolve("empty.hlog"));
        assertTrue(message("hdr:" + empty).contains(empty + " holds no recorded latency"), message("hdr:" + empty));
        Path header = dir.resolve("header-only.hlog");
        Files.writeString(header, LatencyLog.write(new Histogram(3_600_000_000L, 3), "nothing recorded"));
        assertTrue(message("hdr:" + header).contains("holds no recorded latency"), message("hdr:" + header));
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "these are not latencies\n1,2,3\n");
        assertTrue(message("hdr:" + text).contains(text.toString()), message("hdr:" + text));
        assertTrue(message("hdr:" + dir).contains("cannot read " + dir), "a folder is not a log");
        assertTrue(message("hdr:").contains("hdr:FILE"), message("hdr:"));
    }

    private static String message(String spec) {
        String m = assertThrows(IllegalArgumentException.class, () -> LatencyProfile.parse(spec)).getMessage();
        assertTrue(!m.contains("\n"), "one line: " + m);
        return m;
    }
}
