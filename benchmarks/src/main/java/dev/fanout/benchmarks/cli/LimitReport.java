package dev.fanout.benchmarks.cli;

import dev.fanout.benchmarks.server.Durations;
import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LimitSchedule;
import dev.fanout.benchmarks.workload.RunTimeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What {@code fanout run} says about an adaptive limit and the server's limits: the limit over time
 * as a line of marks, where it settled against the server's K, and the 429s, before and after the
 * first second. The same in the JSON document, as time series.
 *
 * @param algorithm the limit algorithm, or null when the strategy has no adaptive limit
 * @param ceiling   the width
 * @param timeline  the run's limit moves and calls
 * @param faults    the server's limits
 */
record LimitReport(String algorithm, int ceiling, RunTimeline timeline, Faults faults) {

    /** The first second is the search; what follows is judged. */
    static final long SETTLE_NANOS = 1_000_000_000L;
    /** "Near K" is within 20% of it. */
    static final double TOLERANCE = 0.2;
    static final int MARKS = 60;
    private static final String BARS = "▁▂▃▄▅▆▇█";

    /** @return the schedule the limit is judged against: the 429 limit, else the queueing one; null for neither */
    LimitSchedule target() {
        if (faults.serverLimits().any()) {
            return faults.serverLimits();
        }
        return faults.serverCapacity().any() ? faults.serverCapacity() : null;
    }

    private String targetName() {
        return faults.serverLimits().any() ? "the server's limit" : "the server's capacity";
    }

    /** @return the slot width of the chart: a round number of milliseconds, at most {@value #MARKS} marks */
    long slotNanos() {
        long end = Math.max(1, timeline.endNanos());
        long ms = Math.max(1, (end / 1_000_000 + MARKS - 1) / MARKS);
        for (long nice : new long[] {1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000}) {
            if (nice >= ms) {
                return nice * 1_000_000;
            }
        }
        return ms * 1_000_000;
    }

    String human() {
        StringBuilder b = new StringBuilder();
        List<RunTimeline.Slot> slots = timeline.slots(slotNanos());
        if (algorithm != null && timeline.hasLimit() && !slots.isEmpty()) {
            int start = timeline.limitAt(0);
            int end = slots.getLast().limitEnd();
            int[] after = rangeAfter(slots);
            b.append(String.format(Locale.ROOT, "%-10s %s, ceiling %d: %d at the start, %d at the end", "limit", algorithm, ceiling, start, end));
            if (after != null) {
                b.append(String.format(Locale.ROOT, "; after the first second %d..%d, median %d", after[0], after[1], after[2]));
            }
            b.append('\n');
            LimitSchedule target = target();
            if (target != null) {
                List<String> phases = new ArrayList<>();
                for (int i = 0; i < target.steps().size(); i++) {
                    LimitSchedule.Step step = target.steps().get(i);
                    if (step.limit() <= 0) {
                        continue;
                    }
                    OptionalDouble settled = timeline.settledMs(target, i, TOLERANCE);
                    String when = i == 0 ? "" : " (from " + Durations.format(step.from()) + ")";
                    phases.add(settled.isPresent()
                            ? String.format(Locale.ROOT, "within 20%% of %s %d%s after %s", targetName(), step.limit(), when, seconds(settled.getAsDouble()))
                            : String.format(Locale.ROOT, "not settled within 20%% of %s %d%s", targetName(), step.limit(), when));
                }
                if (!phases.isEmpty()) {
                    b.append(String.format(Locale.ROOT, "%-10s %s%n", "", String.join("; ", phases)));
                }
            }
            int top = slots.stream().mapToInt(RunTimeline.Slot::limitMax).max().orElse(1);
            StringBuilder marks = new StringBuilder();
            for (RunTimeline.Slot s : slots) {
                marks.append(s.limitEnd() < 0 ? ' ' : BARS.charAt(Math.min(BARS.length() - 1, (int) ((long) s.limitEnd() * BARS.length() / Math.max(1, top + 1)))));
            }
            b.append(String.format(Locale.ROOT, "%-10s %s  a mark per %s, the tallest %d%n", "", marks,
                    Durations.format(Duration.ofNanos(slotNanos())), top));
        }
        long calls = timeline.startedFrom(0);
        long tooMany = timeline.statusFrom(0, 429);
        if (calls > 0 && (tooMany > 0 || faults.serverLimits().any())) {
            long callsAfter = timeline.startedFrom(SETTLE_NANOS);
            long tooManyAfter = timeline.statusFrom(SETTLE_NANOS, 429);
            b.append(String.format(Locale.ROOT, "%-10s %,d of %,d requests (%s)", "429s", tooMany, calls, percent(tooMany, calls)));
            b.append(callsAfter > 0
                    ? String.format(Locale.ROOT, "; %,d of %,d after the first second (%s)%n", tooManyAfter, callsAfter, percent(tooManyAfter, callsAfter))
                    : "; the run ended within the first second\n");
        }
        return b.toString();
    }

    /** @return min, max and median of the limit over the slots after the first second, or null */
    private int[] rangeAfter(List<RunTimeline.Slot> slots) {
        List<Integer> values = new ArrayList<>();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (RunTimeline.Slot s : slots) {
            if (s.fromMs() * 1e6 >= SETTLE_NANOS && s.limitEnd() >= 0) {
                values.add(s.limitEnd());
                min = Math.min(min, s.limitMin());
                max = Math.max(max, s.limitMax());
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        values.sort(null);
        return new int[] {min, max, values.get(values.size() / 2)};
    }

    Map<String, Object> json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("algorithm", algorithm);
        doc.put("ceiling", ceiling);
        doc.put("serverLimit", faults.serverLimits().spec());
        doc.put("serverCapacity", faults.serverCapacity().spec());
        long calls = timeline.startedFrom(0);
        long callsAfter = timeline.startedFrom(SETTLE_NANOS);
        Map<String, Object> tooMany = new LinkedHashMap<>();
        tooMany.put("total", timeline.statusFrom(0, 429));
        tooMany.put("requests", calls);
        tooMany.put("afterFirstSecond", timeline.statusFrom(SETTLE_NANOS, 429));
        tooMany.put("requestsAfterFirstSecond", callsAfter);
        doc.put("tooMany", tooMany);
        if (algorithm != null && timeline.hasLimit()) {
            doc.put("start", timeline.limitAt(0));
            List<Object> settled = new ArrayList<>();
            LimitSchedule target = target();
            if (target != null) {
                for (int i = 0; i < target.steps().size(); i++) {
                    Map<String, Object> phase = new LinkedHashMap<>();
                    phase.put("fromMs", target.steps().get(i).from().toNanos() / 1e6);
                    phase.put("k", target.steps().get(i).limit());
                    OptionalDouble ms = timeline.settledMs(target, i, TOLERANCE);
                    phase.put("settledWithin20PercentMs", ms.isPresent() ? round(ms.getAsDouble()) : null);
                    settled.add(phase);
                }
            }
            doc.put("phases", settled);
            List<List<Double>> series = new ArrayList<>();
            for (double[] p : timeline.limitPoints(2000)) {
                series.add(List.of(round(p[0]), p[1]));
            }
            doc.put("series", series);
        }
        long slot = 100_000_000L;
        List<RunTimeline.Slot> slots = timeline.slots(slot);
        Map<String, Object> overTime = new LinkedHashMap<>();
        overTime.put("slotMs", slot / 1e6);
        overTime.put("limitEnd", slots.stream().map(RunTimeline.Slot::limitEnd).toList());
        overTime.put("limitMin", slots.stream().map(RunTimeline.Slot::limitMin).toList());
        overTime.put("limitMax", slots.stream().map(RunTimeline.Slot::limitMax).toList());
        overTime.put("started", slots.stream().map(RunTimeline.Slot::started).toList());
        overTime.put("ok", slots.stream().map(RunTimeline.Slot::ok).toList());
        overTime.put("tooMany", slots.stream().map(RunTimeline.Slot::tooMany).toList());
        doc.put("overTime", overTime);
        return doc;
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static String seconds(double ms) {
        return ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
