package dev.fanout.reports.gate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Direction from unit and meaning; every unit of docs/results-format.md and JMH's own. */
class MetricRuleTest {

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
            // throughput: bigger is better (trap 11)
            "primary, ops/s, HIGHER_IS_BETTER, false",
            "primary, ops/ms, HIGHER_IS_BETTER, false",
            "primary, ops/us, HIGHER_IS_BETTER, false",
            // efficiency: bigger is better, and the machine cancels in it
            "efficiency, ratio, HIGHER_IS_BETTER, true",
            // time per operation: smaller is better
            "primary, s/op, LOWER_IS_BETTER, false",
            "primary, ms/op, LOWER_IS_BETTER, false",
            "primary, us/op, LOWER_IS_BETTER, false",
            "primary, ns/op, LOWER_IS_BETTER, false",
            "fanOut·p0.99, ms/op, LOWER_IS_BETTER, false",
            // latencies: smaller is better, whatever the time unit
            "service.p50, ms, LOWER_IS_BETTER, false",
            "sojourn.p99, ms, LOWER_IS_BETTER, false",
            "sojourn.p90, us, LOWER_IS_BETTER, false",
            "service.p99, ns, LOWER_IS_BETTER, false",
            "sojourn.p50, s, LOWER_IS_BETTER, false",
            // noisy maxima: shown, not gated
            "sojourn.max, ms, INFORMATIONAL, false",
            "service.p999, ms, INFORMATIONAL, false",
            "fanOut·p0.999, ms/op, INFORMATIONAL, false",
            "fanOut·p1.00, ms/op, INFORMATIONAL, false",
            // a time that is not a latency of the fan-out, and units without a better direction
            "idealMs, ms, INFORMATIONAL, false",
            "server.maxInFlight, requests, INFORMATIONAL, false",
            "requestRate, requests/s, INFORMATIONAL, false",
            "harnessBound, flag, INFORMATIONAL, false",
            // the machine's own number, whatever its unit: shown, never gated
            "machine.otherCores, cores, INFORMATIONAL, false",
            "machine.otherCores, ms, INFORMATIONAL, false",
            "·gc.alloc.rate.norm, B/op, INFORMATIONAL, false",
            "mystery, '', INFORMATIONAL, false",
    })
    void directionComesFromUnitAndMeaning(String label, String unit, Direction direction, boolean machineIndependent) {
        MetricRule rule = MetricRule.forMetric(label, unit);
        assertEquals(direction, rule.direction());
        assertEquals(machineIndependent, rule.machineIndependent());
        assertEquals(direction != Direction.INFORMATIONAL, rule.gated());
        assertEquals(rule.gated(), rule.note().isEmpty(), "an informational metric says why: " + rule.note());
        boolean tail = label.endsWith(".p99") || label.endsWith("·p0.99");
        assertEquals(tail ? MetricRule.TAIL_TOLERANCE_FACTOR : 1.0, rule.toleranceFactor(), label);
    }
}
