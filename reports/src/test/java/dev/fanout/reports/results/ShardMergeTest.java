package dev.fanout.reports.results;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fanout.reports.ResultsException;
import dev.fanout.reports.fixture.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shards of one plan merge into the folder one machine would have written; anything else is refused
 * with one line naming the folder, and nothing is left behind.
 */
class ShardMergeTest {

    private static final String PLAN = "0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void threeShardsMergeIntoTheWholeRun() throws Exception {
        Path whole = ResultsFixture.smallCopy(dir.resolve("whole"));
        List<Path> shards = split(whole, 3, PLAN);
        Path merged = ShardMerge.merge(List.of(shards.get(2), shards.get(0), shards.get(1)), dir.resolve("merged"));

        Results expected = ResultsReader.read(whole);
        Results actual = ResultsReader.read(merged);
        assertEquals(ids(expected.manifest().points()), ids(actual.manifest().points()), "every point, in the plan's order");
        assertEquals(expected.points().stream().map(p -> p.point().id()).toList(), actual.points().stream().map(p -> p.point().id()).toList());
        assertEquals(expected.manifest().sections().stream().map(Section::name).toList(),
                actual.manifest().sections().stream().map(Section::name).toList());
        for (int i = 0; i < expected.manifest().sections().size(); i++) {
            assertEquals(expected.manifest().sections().get(i).pointIds(), actual.manifest().sections().get(i).pointIds());
        }
        assertTrue(actual.manifest().complete());
        for (int i = 0; i < expected.points().size(); i++) {
            assertEquals(expected.points().get(i).opsPerSecond(), actual.points().get(i).opsPerSecond());
        }
        JsonArray perShard = JsonParser.parseString(Files.readString(merged.resolve(ShardMerge.SHARDS_JSON))).getAsJsonArray();
        assertEquals(List.of(1, 2, 3), perShard.asList().stream().map(s -> s.getAsJsonObject().get("index").getAsInt()).toList());
        assertTrue(perShard.get(0).getAsJsonObject().getAsJsonObject("calibration").has("capacityRps"));
    }

    @Test
    void shardsOfDifferentPlansAreRefused() throws Exception {
        List<Path> shards = split(ResultsFixture.smallCopy(dir.resolve("whole")), 2, PLAN);
        List<Path> other = split(ResultsFixture.smallCopy(dir.resolve("other")), 2, "fedcba9876543210");
        ResultsException e = assertThrows(ResultsException.class, () -> ShardMerge.merge(List.of(shards.get(0), other.get(1)),
                dir.resolve("merged")));
        assertEquals(other.get(1).toRealPath() + ": shard 2/2 of plan fedcba9876543210, but " + shards.get(0).toRealPath()
                + " is shard 1/2 of plan " + PLAN + ": shards of different plans (profile or options) do not merge", e.getMessage());
        List<Path> inThree = split(ResultsFixture.smallCopy(dir.resolve("three")), 3, PLAN);
        assertTrue(assertThrows(ResultsException.class, () -> ShardMerge.merge(List.of(shards.get(0), inThree.get(1), inThree.get(2)),
                dir.resolve("merged"))).getMessage().endsWith("shards of different plans (profile or options) do not merge"));
        assertFalse(Files.exists(dir.resolve("merged")));
    }

    @Test
    void aMissingOrRepeatedShardIsRefused() throws Exception {
        List<Path> shards = split(ResultsFixture.smallCopy(dir.resolve("whole")), 3, PLAN);
        ResultsException missing = assertThrows(ResultsException.class,
                () -> ShardMerge.merge(List.of(shards.get(0), shards.get(2)), dir.resolve("merged")));
        assertEquals(shards.get(0).toRealPath() + ": shard 2/3 of plan " + PLAN + " is missing: give the folders of all 3 shards",
                missing.getMessage());
        ResultsException twice = assertThrows(ResultsException.class,
                () -> ShardMerge.merge(List.of(shards.get(0), shards.get(1), shards.get(1), shards.get(2)), dir.resolve("merged")));
        assertEquals(shards.get(1).toRealPath() + ": shard 2/3 again (" + shards.get(1).toRealPath() + " is that shard too): each shard once",
                twice.getMessage());
        assertFalse(Files.exists(dir.resolve("merged")));
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("partial")), "no half-written folder left behind");
        }
    }

    @Test
    void aWholeRunIsNotAShardAndAnExistingTargetIsNotOverwritten() throws Exception {
        Path whole = ResultsFixture.smallCopy(dir.resolve("whole"));
        List<Path> shards = split(ResultsFixture.smallCopy(dir.resolve("again")), 2, PLAN);
        ResultsException notShard = assertThrows(ResultsException.class,
                () -> ShardMerge.merge(List.of(whole, shards.get(1)), dir.resolve("merged")));
        assertTrue(notShard.getMessage().startsWith(whole.toRealPath().resolve("manifest.json") + ": not a shard"), notShard.getMessage());
        Files.createDirectories(dir.resolve("taken"));
        assertEquals(dir.resolve("taken") + ": already exists; the merge writes a new folder",
                assertThrows(ResultsException.class, () -> ShardMerge.merge(shards, dir.resolve("taken"))).getMessage());
    }

    private static List<String> ids(List<PlannedPoint> points) {
        return points.stream().map(PlannedPoint::id).toList();
    }

    /**
     * Cuts a whole results folder into shards as {@code bench --shard K/N} would write them: each group
     * of a point and its peers (every param but the name) whole in one shard, the groups dealt out in
     * turn; each shard its manifest's points, sections and {@code shard}, and its part of jmh.json.
     */
    static List<Path> split(Path whole, int count, String plan) throws IOException {
        Gson gson = new Gson();
        JsonObject manifest = JsonParser.parseString(Files.readString(whole.resolve("manifest.json"))).getAsJsonObject();
        JsonArray jmh = JsonParser.parseString(Files.readString(whole.resolve("jmh.json"))).getAsJsonArray();
        List<String> planPoints = new ArrayList<>();
        Map<String, Integer> shardOfGroup = new LinkedHashMap<>();
        Map<String, Integer> shardOf = new LinkedHashMap<>();
        for (JsonElement e : manifest.getAsJsonArray("points")) {
            JsonObject p = e.getAsJsonObject();
            String id = p.get("id").getAsString();
            planPoints.add(id);
            shardOf.put(id, shardOfGroup.computeIfAbsent(group(p.getAsJsonObject("params")), g -> shardOfGroup.size() % count + 1));
        }
        List<Path> shards = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            int index = k;
            Path shard = Files.createDirectories(whole.resolveSibling(whole.getFileName() + "-shard-" + k));
            copyTree(whole, shard);
            for (String folder : List.of("hdr", "timelines")) {
                try (var files = Files.list(shard.resolve(folder))) {
                    for (Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        if (shardOf.entrySet().stream().anyMatch(e -> e.getValue() != index
                                && name.startsWith(e.getKey() + "."))) {
                            Files.delete(f);
                        }
                    }
                }
            }
            JsonObject m = manifest.deepCopy();
            JsonArray points = new JsonArray();
            List<JsonObject> mine = new ArrayList<>();
            for (JsonElement e : manifest.getAsJsonArray("points")) {
                if (shardOf.get(e.getAsJsonObject().get("id").getAsString()) == index) {
                    points.add(e);
                    mine.add(e.getAsJsonObject());
                }
            }
            m.add("points", points);
            JsonArray sections = new JsonArray();
            for (JsonElement e : manifest.getAsJsonArray("sections")) {
                JsonObject s = e.getAsJsonObject().deepCopy();
                JsonArray ids = new JsonArray();
                s.getAsJsonArray("points").forEach(id -> {
                    if (shardOf.get(id.getAsString()) == index) {
                        ids.add(id);
                    }
                });
                if (!ids.isEmpty()) {
                    s.add("points", ids);
                    sections.add(s);
                }
            }
            m.add("sections", sections);
            JsonObject shardInfo = new JsonObject();
            shardInfo.addProperty("index", k);
            shardInfo.addProperty("count", count);
            shardInfo.addProperty("plan", plan);
            shardInfo.add("planPoints", gson.toJsonTree(planPoints));
            m.add("shard", shardInfo);
            Files.writeString(shard.resolve("manifest.json"), gson.toJson(m));
            JsonArray results = new JsonArray();
            for (JsonElement r : jmh) {
                JsonObject params = r.getAsJsonObject().getAsJsonObject("params");
                if (mine.stream().anyMatch(p -> sameParams(p.getAsJsonObject("params"), params))) {
                    results.add(r);
                }
            }
            Files.writeString(shard.resolve("jmh.json"), gson.toJson(results));
            shards.add(shard);
        }
        return shards;
    }

    private static String group(JsonObject params) {
        JsonObject p = params.deepCopy();
        p.remove("strategy");
        p.remove("peer");
        return new java.util.TreeMap<>(p.asMap()).toString();
    }

    private static boolean sameParams(JsonObject planned, JsonObject measured) {
        for (Map.Entry<String, JsonElement> e : planned.entrySet()) {
            JsonElement value = measured.get(e.getKey());
            if (value == null || !value.getAsString().strip().equals(e.getValue().getAsString().strip())) {
                return false;
            }
        }
        return true;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path copy = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
