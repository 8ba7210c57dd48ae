package dev.fanout.benchmarks.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyProfileTest {

    @Test
    void parsesEveryProfileOfTheGrammar() {
        assertEquals(new LatencyProfile.Fixed(Duration.ofMillis(20)), LatencyProfile.parse("fixed:20ms"));
        assertEquals(new LatencyProfile.Uniform(Duration.ofMillis(10), Duration.ofMillis(30)), LatencyProfile.parse("uniform:10ms..30ms"));
        assertEquals(new LatencyProfile.LogNormal(Duration.ofMillis(20), Duration.ofMillis(200)), LatencyProfile.parse("lognormal:20ms,p99=200ms"));
        assertEquals(new LatencyProfile.Bimodal(Duration.ofMillis(10), Duration.ofMillis(500), 0.01), LatencyProfile.parse("bimodal:10ms,500ms,0.01"));
        assertEquals(Duration.ofNanos(1_500_000_000), LatencyProfile.parse("fixed:1.5s").median());
        assertEquals(Duration.ofNanos(250_000), LatencyProfile.parse("fixed:250us").median());
        assertEquals("lognormal:20ms,p99=200ms", LatencyProfile.parse("lognormal:20ms,p99=200ms").spec());
    }

    @Test
    void malformedSpecsShowTheGrammar() {
        for (String bad : new String[]{"", "fixed", "fixed:20", "fixed:20 ms", "fixed:-1ms", "uniform:30ms..10ms",
                "lognormal:20ms,p99=10ms", "bimodal:10ms,500ms,2", "gamma:3ms", "lognormal:20ms"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatencyProfile.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("malformed latency spec '" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().endsWith(LatencyProfile.GRAMMAR), e.getMessage());
        }
    }

    @Test
    void logNormalSamplesHaveTheMedianAndP99AskedFor() {
        LatencyProfile profile = LatencyProfile.parse("lognormal:20ms,p99=200ms");
        SplittableRandom random = new SplittableRandom(7);
        long[] samples = new long[200_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = profile.sample(random).toNanos();
        }
        Arrays.sort(samples);
        double median = samples[samples.length / 2] / 1e6;
        double p99 = samples[(int) (samples.length * 0.99)] / 1e6;
        assertEquals(20, median, 1.0, "median");
        assertEquals(200, p99, 15.0, "p99");
    }

    @Test
    void sameSeedSameDelays() {
        LatencyProfile profile = LatencyProfile.parse("uniform:10ms..30ms");
        SplittableRandom a = new SplittableRandom(1);
        SplittableRandom b = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            Duration d = profile.sample(a);
            assertEquals(d, profile.sample(b));
            assertTrue(d.toMillis() >= 10 && d.toMillis() <= 30, d.toString());
        }
    }

    @Test
    void faultSpecsAndRatesAreChecked() {
        assertEquals(new Faults(0.05, 0.01, 0.001, 32), Faults.parse("error=0.05,disconnect=0.01,stall=0.001,limit=32"));
        assertEquals(Faults.NONE, Faults.parse("none"));
        assertEquals("error=0.05,limit=32", Faults.parse("error=0.05,limit=32").spec());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Faults.parse("oops=1")).getMessage().contains(Faults.GRAMMAR));
        assertEquals("--error-rate must be between 0 and 1, was 1.5",
                assertThrows(IllegalArgumentException.class, () -> new Faults(1.5, 0, 0, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Faults(0.6, 0.6, 0, 0)).getMessage().contains("must not exceed 1"));
    }

    @Test
    void noDelayIsWrittenAsPeopleWriteIt() {
        // the cost section's point ids carry it: fixed_0ms, whether the plan or --latency names it
        assertEquals("fixed:0ms", LatencyProfile.parse("fixed:0ms").spec());
        assertEquals("fixed:0ms", LatencyProfile.parse("fixed:0us").spec());
    }
}
