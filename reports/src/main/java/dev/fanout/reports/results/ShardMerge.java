package dev.fanout.reports.results;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.fanout.reports.ResultsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Merges the results folders of one plan's shards ({@code ./fanout bench --shard K/N}, one per
 * machine of a CI matrix) into one results folder of format 2, which the report and the gate read as
 * if one machine had run the whole plan (docs/results-format.md, "Shards").
 *
 * <p>Refuses, with one line naming the folder: a folder that is not a shard, shards of different
 * plans (another profile, other options, another version of the plan), the same shard twice, and a
 * missing shard. Each shard calibrated its own harness on its own machine: the merged folder's
 * {@code calibration.json} is shard 1's, and {@code shards.json} keeps every shard's calibration and
 * environment. A point is compared with its peers inside its shard (the slicing keeps them together),
 * never across machines.
 */
public final class ShardMerge {

    /** Every shard's folder, calibration and environment, in the merged folder. */
    public static final String SHARDS_JSON = "shards.json";

    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues()
            .create();

    private ShardMerge() {
    }

    /** One shard's folder and what its manifest says about the slice. */
    private record ShardFolder(Path dir, JsonObject manifest, int index, int count, String plan, List<String> planPoints) {
    }

    /**
     * @param folders the shards' results folders, in any order (a {@code latest} symlink is fine)
     * @param target  the merged folder to create; must not exist. Written beside it first and moved
     *                into place, so a failed merge leaves nothing behind.
     * @return the merged folder
     * @throws ResultsException naming the folder or file when the shards do not make one plan whole,
     *                          or cannot be read or written
     */
    public static Path merge(List<Path> folders, Path target) throws ResultsException {
        Objects.requireNonNull(target, "target");
        List<ShardFolder> shards = check(folders);
        if (Files.exists(target)) {
            throw new ResultsException(target, "already exists; the merge writes a new folder");
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteTree(partial);
            Files.createDirectories(partial.resolve("hdr"));
            Files.createDirectories(partial.resolve("timelines"));
            write(partial.resolve("manifest.json"), manifest(shards));
            write(partial.resolve("jmh.json"), jmh(shards));
            ShardFolder first = shards.getFirst();
            Files.copy(first.dir().resolve("calibration.json"), partial.resolve("calibration.json"));
            Files.copy(first.dir().resolve("environment.json"), partial.resolve("environment.json"));
            write(partial.resolve(SHARDS_JSON), shardsJson(shards));
            for (ShardFolder s : shards) {
                copyFiles(s.dir().resolve("hdr"), partial.resolve("hdr"));
                copyFiles(s.dir().resolve("timelines"), partial.resolve("timelines"));
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            try {
                deleteTree(partial);
            } catch (IOException ignored) {
                // the failure that matters is the merge's
            }
            throw new ResultsException(target, "cannot be written: " + e.getMessage(), e);
        }
        return target;
    }

    /**
     * Checks that the folders are the shards of one plan, each once, none missing.
     *
     * @return the shards, by index
     */
    private static List<ShardFolder> check(List<Path> folders) throws ResultsException {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("no folders to merge");
        }
        List<ShardFolder> shards = new ArrayList<>();
        for (Path folder : folders) {
            shards.add(read(folder));
        }
        ShardFolder first = shards.getFirst();
        Map<Integer, ShardFolder> byIndex = new HashMap<>();
        for (ShardFolder s : shards) {
            if (!s.plan().equals(first.plan()) || s.count() != first.count()) {
                throw new ResultsException(s.dir(), "shard " + s.index() + "/" + s.count() + " of plan " + s.plan() + ", but "
                        + first.dir() + " is shard " + first.index() + "/" + first.count() + " of plan " + first.plan()
                        + ": shards of different plans (profile or options) do not merge");
            }
            ShardFolder seen = byIndex.putIfAbsent(s.index(), s);
            if (seen != null) {
                throw new ResultsException(s.dir(), "shard " + s.index() + "/" + s.count() + " again (" + seen.dir()
                        + " is that shard too): each shard once");
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= first.count(); k++) {
            if (!byIndex.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new ResultsException(first.dir(), "shard" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing.stream().map(k -> k + "/" + first.count()).toList()) + " of plan " + first.plan()
                    + (missing.size() == 1 ? " is" : " are") + " missing: give the folders of all " + first.count() + " shards");
        }
        shards.sort(Comparator.comparingInt(ShardFolder::index));
        Map<String, Integer> owner = new HashMap<>();
        for (ShardFolder s : shards) {
            for (JsonElement p : s.manifest().getAsJsonArray("points")) {
                String id = p.getAsJsonObject().get("id").getAsString();
                Integer other = owner.putIfAbsent(id, s.index());
                if (other != null) {
                    throw new ResultsException(s.dir().resolve("manifest.json"), "point " + id + " is in shards " + other + " and "
                            + s.index() + ": not slices of one plan");
                }
                if (!first.planPoints().contains(id)) {
                    throw new ResultsException(s.dir().resolve("manifest.json"), "point " + id + " is not in the plan " + first.plan());
                }
            }
        }
        List<String> absent = first.planPoints().stream().filter(id -> !owner.containsKey(id)).toList();
        if (!absent.isEmpty()) {
            throw new ResultsException(first.dir(), absent.size() + " of the plan's points are in no shard, first " + absent.getFirst()
                    + ": not slices of one plan");
        }
        return shards;
    }

    private static ShardFolder read(Path folder) throws ResultsException {
        Path dir = folder;
        try {
            dir = folder.toRealPath();
        } catch (IOException e) {
            throw new ResultsException(folder, Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    ? "cannot be read: " + e.getMessage() : "no such folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new ResultsException(folder, "not a folder; expected a results folder written by ./fanout bench --shard K/N");
        }
        Manifest.read(dir.resolve("manifest.json")); // the reader's checks first: format, ids, points
        JsonObject manifest = json(dir.resolve("manifest.json")).getAsJsonObject();
        JsonElement shard = manifest.get("shard");
        if (shard == null || !shard.isJsonObject()) {
            throw new ResultsException(dir.resolve("manifest.json"), "not a shard (no \"shard\"): only the folders of"
                    + " ./fanout bench --shard K/N merge; report a whole run on its own");
        }
        JsonObject s = shard.getAsJsonObject();
        try {
            List<String> planPoints = new ArrayList<>();
            s.getAsJsonArray("planPoints").forEach(e -> planPoints.add(e.getAsString()));
            return new ShardFolder(dir, manifest, s.get("index").getAsInt(), s.get("count").getAsInt(), s.get("plan").getAsString(),
                    List.copyOf(planPoints));
        } catch (RuntimeException e) {
            throw new ResultsException(dir.resolve("manifest.json"), "\"shard\" must have index, count, plan and planPoints: " + s);
        }
    }

    /** The first shard's manifest with every shard's points and sections, in the plan's order. */
    private static JsonObject manifest(List<ShardFolder> shards) {
        ShardFolder first = shards.getFirst();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < first.planPoints().size(); i++) {
            position.put(first.planPoints().get(i), i);
        }
        Comparator<String> inPlan = Comparator.comparingInt(position::get);
        List<JsonObject> points = new ArrayList<>();
        Map<String, JsonObject> sections = new LinkedHashMap<>();
        Map<String, List<String>> sectionPoints = new LinkedHashMap<>();
        boolean complete = true;
        String createdAt = null;
        String finishedAt = null;
        for (ShardFolder s : shards) {
            JsonObject m = s.manifest();
            m.getAsJsonArray("points").forEach(p -> points.add(p.getAsJsonObject()));
            if (m.has("sections")) {
                for (JsonElement e : m.getAsJsonArray("sections")) {
                    JsonObject section = e.getAsJsonObject();
                    String name = section.get("name").getAsString();
                    sections.putIfAbsent(name, section.deepCopy());
                    section.getAsJsonArray("points").forEach(id -> sectionPoints.computeIfAbsent(name, n -> new ArrayList<>()).add(id.getAsString()));
                }
            }
            complete &= m.has("complete") && m.get("complete").getAsBoolean();
            String created = m.has("createdAt") ? m.get("createdAt").getAsString() : null;
            if (created != null && (createdAt == null || created.compareTo(createdAt) < 0)) {
                createdAt = created;
            }
            String finished = m.has("finishedAt") && !m.get("finishedAt").isJsonNull() ? m.get("finishedAt").getAsString() : null;
            if (finished != null && (finishedAt == null || finished.compareTo(finishedAt) > 0)) {
                finishedAt = finished;
            }
        }
        points.sort(Comparator.comparing(p -> p.get("id").getAsString(), inPlan));
        JsonObject merged = new JsonObject();
        for (Map.Entry<String, JsonElement> e : first.manifest().entrySet()) {
            switch (e.getKey()) {
                case "shard", "points", "sections", "complete", "createdAt", "finishedAt" -> {
                }
                default -> merged.add(e.getKey(), e.getValue().deepCopy());
            }
        }
        merged.addProperty("createdAt", createdAt);
        if (complete && finishedAt != null) {
            merged.addProperty("finishedAt", finishedAt);
        }
        merged.addProperty("complete", complete);
        JsonObject from = new JsonObject();
        from.addProperty("plan", first.plan());
        from.addProperty("count", first.count());
        JsonArray folders = new JsonArray();
        shards.forEach(s -> folders.add(s.dir().getFileName().toString()));
        from.add("folders", folders);
        merged.add("mergedShards", from);
        JsonArray sectionArray = new JsonArray();
        List<Map.Entry<String, List<String>>> bySection = new ArrayList<>(sectionPoints.entrySet());
        bySection.sort(Comparator.comparing(e -> e.getValue().stream().min(inPlan).orElseThrow(), inPlan));
        for (Map.Entry<String, List<String>> e : bySection) {
            JsonObject section = sections.get(e.getKey());
            JsonArray ids = new JsonArray();
            e.getValue().stream().sorted(inPlan).forEach(ids::add);
            section.add("points", ids);
            sectionArray.add(section);
        }
        merged.add("sections", sectionArray);
        JsonArray pointArray = new JsonArray();
        points.forEach(pointArray::add);
        merged.add("points", pointArray);
        return merged;
    }

    private static JsonArray jmh(List<ShardFolder> shards) throws ResultsException {
        JsonArray all = new JsonArray();
        for (ShardFolder s : shards) {
            JsonElement results = json(s.dir().resolve("jmh.json"));
            if (!results.isJsonArray()) {
                throw new ResultsException(s.dir().resolve("jmh.json"), "not a JMH result file: expected a JSON array");
            }
            results.getAsJsonArray().forEach(all::add);
        }
        return all;
    }

    private static JsonArray shardsJson(List<ShardFolder> shards) throws ResultsException {
        JsonArray list = new JsonArray();
        for (ShardFolder s : shards) {
            JsonObject o = new JsonObject();
            o.addProperty("index", s.index());
            o.addProperty("count", s.count());
            o.addProperty("folder", s.dir().toString());
            o.addProperty("points", s.manifest().getAsJsonArray("points").size());
            o.add("calibration", json(s.dir().resolve("calibration.json")));
            o.add("environment", json(s.dir().resolve("environment.json")));
            list.add(o);
        }
        return list;
    }

    private static JsonElement json(Path file) throws ResultsException {
        try {
            return JsonParser.parseString(Files.readString(file));
        } catch (JsonParseException e) {
            throw new ResultsException(file, "not valid JSON (truncated or corrupt?)", e);
        } catch (IOException e) {
            throw new ResultsException(file, Files.exists(file) ? "cannot be read: " + e.getMessage() : "no such file", e);
        }
    }

    private static void write(Path file, JsonElement content) throws IOException {
        Files.writeString(file, JSON.toJson(content) + "\n");
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
