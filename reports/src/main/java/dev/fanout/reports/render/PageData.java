package dev.fanout.reports.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.fanout.reports.LatencySpecMedian;
import dev.fanout.reports.results.LatencyDistribution;
import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;
import dev.fanout.reports.results.Results;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The data index.html draws its charts from, as one JSON object inlined in the page. Numbers that
 * are not finite become null, which JSON can carry and Chart.js draws as a gap.
 */
final class PageData {

    /** Timelines go side by side, a column per profile; more than this would be too narrow to read. */
    static final int MAX_TIMELINE_COLUMNS = 3;

    private PageData() {
    }

    static JsonObject build(Report report, int timelineWidth) {
        Results results = report.results();
        JsonObject page = new JsonObject();
        page.add("capacityRps", number(results.calibration().capacityRps()));
        JsonArray names = new JsonArray();
        for (PointKind kind : PointKind.values()) {
            for (String name : results.manifest().names(kind)) {
                JsonObject n = new JsonObject();
                n.addProperty("name", name);
                n.addProperty("kind", kind.label());
                names.add(n);
            }
        }
        page.add("names", names);
        List<Profile> profiles = report.profiles();
        List<Profile> timelineProfiles = timelineProfiles(profiles);
        JsonArray list = new JsonArray();
        for (Profile p : profiles) {
            list.add(profile(p, report.tailBoundFactor(), results.calibration().capacityRps(), timelineWidth,
                    timelineProfiles.contains(p)));
        }
        page.add("profiles", list);
        page.add("scenarios", ScenarioTables.pageData(results.scenarios()));
        return page;
    }

    /**
     * The profiles whose batches the timelines show: those measured over http when there are any
     * (sim draws the same shapes), never a zero-latency one (its bars have no length).
     */
    static List<Profile> timelineProfiles(List<Profile> profiles) {
        List<Profile> candidates = profiles.stream().filter(p -> !p.zeroLatency()).toList();
        List<Profile> http = candidates.stream().filter(Profile::http).toList();
        List<Profile> chosen = http.isEmpty() ? candidates : http;
        return chosen.subList(0, Math.min(chosen.size(), MAX_TIMELINE_COLUMNS));
    }

    private static JsonObject profile(Profile profile, double tailBoundFactor, double capacityRps, int timelineWidth,
                                      boolean timelines) {
        JsonObject o = new JsonObject();
        o.addProperty("title", profile.title());
        o.addProperty("latency", profile.latency());
        o.addProperty("items", profile.items());
        o.addProperty("http", profile.http());
        o.addProperty("zeroLatency", profile.zeroLatency());
        JsonArray widths = new JsonArray();
        profile.widths().forEach(widths::add);
        o.add("widths", widths);
        double median = medianMs(profile);
        boolean bounded = !profile.zeroLatency() && Double.isFinite(median);
        o.add("boundMs", bounded ? number(tailBoundFactor * median) : JsonNull.INSTANCE);
        o.addProperty("boundLabel", bounded ? Numbers.millis(tailBoundFactor * median) + " ms (" + Numbers.plain(tailBoundFactor)
                + " × the " + Numbers.millis(median) + " ms median)" : "");
        o.add("series", series(profile));
        o.add("ideal", ideal(profile, capacityRps));
        int focus = nearestWidth(profile.widths(), timelineWidth);
        o.addProperty("focusWidth", focus);
        JsonArray distributions = new JsonArray();
        JsonArray timelineArray = new JsonArray();
        if (!profile.zeroLatency()) {
            for (String name : profile.names()) {
                Optional<PointResult> point = profile.point(name, focus);
                if (point.isPresent()) {
                    distributions.add(distribution(point.get()));
                    if (timelines) {
                        timelineArray.add(timeline(point.get()));
                    }
                }
            }
        }
        o.add("distributions", distributions);
        o.add("timelines", timelines ? timelineArray : JsonNull.INSTANCE);
        return o;
    }

    private static JsonArray series(Profile profile) {
        JsonArray series = new JsonArray();
        for (String name : profile.names()) {
            JsonArray points = new JsonArray();
            PointKind kind = null;
            for (PointResult p : profile.points()) {
                if (p.name().equals(name)) {
                    kind = p.kind();
                    JsonObject point = new JsonObject();
                    point.addProperty("width", p.width());
                    point.add("itemsPerSec", number(p.itemsPerSecond()));
                    point.add("itemsPerSecErr", number(p.itemsPerSecondError()));
                    point.add("efficiency", profile.zeroLatency() ? JsonNull.INSTANCE : number(p.score(PointMetric.EFFICIENCY)));
                    point.add("ratio", profile.zeroLatency() ? number(PeerComparison.ratioToFastestPeer(profile, p)) : JsonNull.INSTANCE);
                    point.add("p99", number(p.score(PointMetric.SOJOURN_P99)));
                    point.add("p999", number(p.score(PointMetric.SOJOURN_P999)));
                    point.add("peak", number(p.score(PointMetric.SERVER_MAX_IN_FLIGHT)));
                    point.addProperty("harnessBound", !profile.zeroLatency() && p.harnessBound());
                    point.addProperty("beyondIdeal", !profile.zeroLatency() && p.beyondIdeal());
                    points.add(point);
                }
            }
            JsonObject s = new JsonObject();
            s.addProperty("name", name);
            s.addProperty("kind", kind.label());
            s.add("points", points);
            series.add(s);
        }
        return series;
    }

    /**
     * The ideal throughput of a fixed latency L at each width: a batch of N takes at least
     * ceil(N / W) x L, and on http no less than N / capacity (the calibrated ideal of docs/design.md,
     * "How performance is measured"; the harness's capacity does not bound sim). A random latency
     * has no such curve: its ideal depends
     * on the delays drawn, which the efficiency column accounts for; a zero latency has none at all.
     */
    private static JsonElement ideal(Profile profile, double capacityRps) {
        LatencySpecMedian spec;
        try {
            spec = LatencySpecMedian.parse(profile.latency());
        } catch (IllegalArgumentException e) {
            return JsonNull.INSTANCE;
        }
        if (!spec.fixed() || !(spec.medianMs() > 0)) {
            return JsonNull.INSTANCE;
        }
        int n = profile.items();
        JsonArray ideal = new JsonArray();
        for (int w : profile.widths()) {
            double makespanMs = Math.ceil((double) n / w) * spec.medianMs();
            if (profile.http()) {
                makespanMs = Math.max(makespanMs, n / capacityRps * 1000);
            }
            JsonObject point = new JsonObject();
            point.addProperty("width", w);
            point.add("itemsPerSec", number(n / (makespanMs / 1000)));
            ideal.add(point);
        }
        return ideal;
    }

    private static JsonObject distribution(PointResult p) {
        JsonObject o = new JsonObject();
        o.addProperty("name", p.name());
        o.addProperty("kind", p.kind().label());
        o.addProperty("width", p.width());
        o.add("sojourn", percentiles(p.sojourn()));
        o.add("service", percentiles(p.service()));
        return o;
    }

    /** [x, ms] pairs with x = 1 / (1 - p): the plotter's axis, on which 100% itself cannot stand. */
    private static JsonArray percentiles(LatencyDistribution d) {
        JsonArray pairs = new JsonArray();
        for (LatencyDistribution.Percentile p : d.points()) {
            if (p.percentile() < 100) {
                JsonArray pair = new JsonArray();
                pair.add(number(1 / (1 - p.percentile() / 100)));
                pair.add(number(p.millis()));
                pairs.add(pair);
            }
        }
        return pairs;
    }

    /** Bars as compact arrays [start, end, slot, index, outcome letter]: a batch can hold thousands. */
    private static JsonObject timeline(PointResult p) {
        TimelineSlots.Layout layout = TimelineSlots.assign(p.timeline());
        JsonObject o = new JsonObject();
        o.addProperty("name", p.name());
        o.addProperty("kind", p.kind().label());
        o.addProperty("width", p.width());
        o.add("makespanMs", number(p.timeline().makespanMs()));
        o.addProperty("slots", layout.slots());
        o.addProperty("notStarted", layout.notStarted());
        JsonArray bars = new JsonArray();
        for (TimelineSlots.Bar b : layout.bars()) {
            JsonArray bar = new JsonArray();
            bar.add(number(b.startMs()));
            bar.add(number(b.endMs()));
            bar.add(b.slot());
            bar.add(b.index());
            bar.add(b.outcome().substring(0, 1));
            bars.add(bar);
        }
        o.add("bars", bars);
        return o;
    }

    /** The measured width nearest the one asked for, by ratio (16 is as near 8 as 32); ties go to the smaller. */
    static int nearestWidth(List<Integer> widths, int wanted) {
        return widths.stream()
                .min(Comparator.comparingDouble((Integer w) -> (double) Math.max(w, wanted) / Math.min(w, wanted))
                        .thenComparingInt(w -> w))
                .orElse(wanted);
    }

    private static JsonElement number(double value) {
        // Rounded to what a chart can show, so the page stays small.
        return Double.isFinite(value) ? new JsonPrimitive(Double.parseDouble(Numbers.plain(value))) : JsonNull.INSTANCE;
    }

    /** @return the profile's median latency, NaN when its spec has none the report can read */
    private static double medianMs(Profile profile) {
        try {
            return LatencySpecMedian.parse(profile.latency()).medianMs();
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }
}
