package dev.fanout.benchmarks.suite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} slices of a plan ({@code ./fanout bench --shard K/N}), so that a CI matrix of N
 * machines measures the plan together and {@code ./fanout report} merges their folders.
 *
 * <p>Deterministic: every machine that plans the same profile with the same options cuts the same
 * slices, with no coordination. Each point lands in exactly one slice. A point and its peers at
 * the same parameters (workload, client, width, latency, items: the gate's yardstick) land in the
 * same slice, so each slice carries its own yardstick, measured on the same machine. Balanced by the
 * plan's own estimate: the groups, longest first, each go to the slice with the least time so far
 * (the longest-processing-time rule; within 4/3 of the best cut).
 *
 * @param index the slice, 1 to {@code count}
 * @param count how many slices
 */
public record Shard(int index, int count) {

    /** The whole plan: one slice. */
    public static final Shard WHOLE = new Shard(1, 1);

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, got " + index + "/" + count);
        }
    }

    /**
     * @param text {@code K/N}, for example {@code 2/8}
     * @throws IllegalArgumentException with a one-line message when it is not
     */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not K/N (for example 2/8: the second of eight slices)");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean whole() {
        return count == 1;
    }

    /** @return this slice's points, in the plan's order */
    public List<BenchPoint> slice(BenchProfile plan) {
        List<BenchPoint> points = plan.points();
        if (whole()) {
            return points;
        }
        int[] shardOf = assign(plan, points);
        List<BenchPoint> mine = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (shardOf[i] == index - 1) {
                mine.add(points.get(i));
            }
        }
        return List.copyOf(mine);
    }

    /** @return for each point of the plan, its slice (0-based) */
    private int[] assign(BenchProfile plan, List<BenchPoint> points) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            groups.computeIfAbsent(yardstickGroup(points.get(i)), g -> new ArrayList<>()).add(i);
        }
        record Group(int order, List<Integer> members, double seconds) {
        }
        List<Group> byLength = new ArrayList<>();
        int order = 0;
        for (List<Integer> members : groups.values()) {
            double seconds = members.stream().mapToDouble(i -> BenchSuite.pointSeconds(plan, points.get(i))).sum();
            byLength.add(new Group(order++, members, seconds));
        }
        byLength.sort(Comparator.comparingDouble(Group::seconds).reversed().thenComparingInt(Group::order));
        double[] load = new double[count];
        int[] shardOf = new int[points.size()];
        for (Group g : byLength) {
            int least = 0;
            for (int s = 1; s < count; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            load[least] += g.seconds();
            for (int i : g.members()) {
                shardOf[i] = least;
            }
        }
        return shardOf;
    }

    /** @return what a point shares with its yardstick: every param but the strategy's or the peer's name */
    static String yardstickGroup(BenchPoint p) {
        return p.workload() + "|" + p.client() + "|" + p.width() + "|" + p.latency() + "|" + p.items();
    }

    /**
     * @return a fingerprint of the plan: its profile, forks, and every point with its section's
     *         iterations, in order. Slices of one plan carry the same; the merge refuses others.
     */
    public static String planId(BenchProfile plan) {
        StringBuilder b = new StringBuilder(plan.name()).append('\n').append(plan.forks()).append('\n');
        for (BenchPoint p : plan.points()) {
            b.append(p.id()).append(' ').append(p.kind()).append(' ').append(p.section()).append(' ')
                    .append(plan.section(p.section()).iterations()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
