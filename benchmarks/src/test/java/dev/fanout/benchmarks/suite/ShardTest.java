package dev.fanout.benchmarks.suite;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./fanout bench --shard K/N}: slices of a plan that CI machines cut alike, with no coordination. */
class ShardTest {

    @Test
    void theSlicesOfEveryProfileCoverItsPointsOnceAndKeepEachPointWithItsPeers() {
        for (String name : BenchProfile.NAMES) {
            BenchProfile plan = BenchProfile.named(name);
            for (int count = 1; count <= 8; count++) {
                Map<String, Integer> sliceOf = new HashMap<>();
                Map<String, Integer> sliceOfGroup = new HashMap<>();
                for (int k = 1; k <= count; k++) {
                    for (BenchPoint p : new Shard(k, count).slice(plan)) {
                        Integer before = sliceOf.put(p.id(), k);
                        assertEquals(null, before, name + " " + k + "/" + count + ": " + p.id() + " is in slice " + before + " too");
                        Integer groupSlice = sliceOfGroup.putIfAbsent(Shard.yardstickGroup(p), k);
                        assertEquals(groupSlice == null ? k : groupSlice, k, name + " " + count + ": " + p.id() + " left its peers");
                    }
                }
                assertEquals(plan.points().stream().map(BenchPoint::id).collect(java.util.stream.Collectors.toSet()), sliceOf.keySet(),
                        name + " in " + count + " slices");
            }
        }
    }

    @Test
    void aSliceKeepsThePlansOrderAndIsTheSameEveryTime() {
        BenchProfile quick = BenchProfile.named("quick");
        List<String> order = quick.points().stream().map(BenchPoint::id).toList();
        for (int k = 1; k <= 3; k++) {
            List<String> slice = new Shard(k, 3).slice(quick).stream().map(BenchPoint::id).toList();
            assertEquals(slice, new Shard(k, 3).slice(BenchProfile.named("quick")).stream().map(BenchPoint::id).toList());
            List<Integer> positions = slice.stream().map(order::indexOf).toList();
            assertEquals(positions.stream().sorted().toList(), positions, "slice " + k + "/3 in the plan's order");
        }
    }

    /** The longest-processing-time rule: no slice longer than an even share plus the longest group. */
    @Test
    void theSlicesAreBalancedByThePlansOwnEstimate() {
        BenchProfile full = BenchProfile.named("full");
        double total = BenchSuite.estimate(full).toMillis();
        Map<String, Double> groupMillis = new HashMap<>();
        full.points().forEach(p -> groupMillis.merge(Shard.yardstickGroup(p), BenchSuite.pointSeconds(full, p) * 1000, Double::sum));
        double longestGroup = groupMillis.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        for (int k = 1; k <= 8; k++) {
            double slice = BenchSuite.estimate(full, new Shard(k, 8).slice(full)).toMillis();
            assertTrue(slice <= total / 8 + longestGroup, "slice " + k + "/8: " + slice + " ms of " + total);
        }
    }

    @Test
    void theWholePlanIsOneSliceAndTheFingerprintNamesThePlan() {
        BenchProfile smoke = BenchProfile.named("smoke");
        assertEquals(smoke.points(), Shard.WHOLE.slice(smoke));
        assertEquals(Shard.planId(smoke), Shard.planId(BenchProfile.named("smoke")));
        assertNotEquals(Shard.planId(smoke), Shard.planId(smoke.withWidths(List.of(16, 64))));
        assertNotEquals(Shard.planId(smoke), Shard.planId(smoke.withForks(2)));
        assertNotEquals(Shard.planId(smoke), Shard.planId(BenchProfile.named("quick")));
    }

    @Test
    void parsesKOfNAndRefusesAnythingElse() {
        assertEquals(new Shard(2, 8), Shard.parse("2/8"));
        assertEquals(new Shard(1, 1), Shard.parse(" 1 / 1 "));
        List<String> refused = new ArrayList<>();
        for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0", "-1/3", "")) {
            refused.add(assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad)).getMessage());
        }
        assertTrue(refused.stream().allMatch(m -> !m.contains("\n")), refused.toString());
        assertEquals("'3' is not K/N (for example 2/8: the second of eight slices)", refused.get(2));
        assertEquals("a shard is K/N with 1 <= K <= N, got 4/3", refused.get(1));
    }
}
