package dev.fanout.benchmarks.scenario;

import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.benchmarks.server.LimitSchedule;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark scenario: one server, several contenders, each run once in a JVM of its own against a
 * server of its own, with the same seed; what is measured is a run over time (the limit, the 429s,
 * the service latency once settled), not a throughput. Each contender's run is a file of the
 * results folder ({@code scenarios/<scenario>/<contender>.json}, docs/results-format.md).
 *
 * @param name        unique, lower case: {@code limit-429}
 * @param title       the report's heading
 * @param description what it shows and what a contender is judged by (a sentence or two)
 * @param latency     the server's latency profile
 * @param faults      the server's limits ({@code serverLimits}, {@code serverCapacity}) and faults
 * @param items       calls per run
 * @param contenders  in the order the report lists them
 * @param measures    the columns the report shows, from {@link #MEASURES}
 */
public record Scenario(String name, String title, String description, String latency, Faults faults, long items,
                       List<Contender> contenders, List<String> measures) {

    /**
     * What a scenario may ask its report to show, per contender:
     * <ul>
     *   <li>{@code goodput}: answered calls per second, and the ratio to the reference (a fixed width
     *       at exactly K) or to the best fixed width;</li>
     *   <li>{@code refusals}: the share of calls answered 429, from the first second on;</li>
     *   <li>{@code settle}: how long the limit took to come within 20% of K and stay there (per
     *       phase of K's schedule: a change of K is followed);</li>
     *   <li>{@code latency}: p50 and p99 service latency from the first second on, and p99 over the
     *       unloaded contender's.</li>
     * </ul>
     */
    public static final List<String> MEASURES = List.of("goodput", "refusals", "settle", "latency");

    public Scenario {
        contenders = List.copyOf(contenders);
        measures = List.copyOf(measures);
        LatencyProfile.parse(latency);
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a scenario name is lower-case letters, digits and '-': " + name);
        }
        Set<String> ids = new HashSet<>();
        for (Contender c : contenders) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException(name + ": two contenders are " + c.id());
            }
        }
        for (String m : measures) {
            if (!MEASURES.contains(m)) {
                throw new IllegalArgumentException(name + ": unknown measure '" + m + "'; valid: " + String.join(", ", MEASURES));
            }
        }
        if (items < 1) {
            throw new IllegalArgumentException("items must be at least 1, was " + items);
        }
    }

    /** @return the schedule the limit is judged against: the 429 limit, else the queueing one, else none */
    public LimitSchedule target() {
        if (faults.serverLimits().any()) {
            return faults.serverLimits();
        }
        return faults.serverCapacity().any() ? faults.serverCapacity() : LimitSchedule.NONE;
    }

    /** @return the contender of that id */
    public Contender contender(String id) {
        return contenders.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no contender " + id + "; it has "
                        + String.join(", ", contenders.stream().map(Contender::id).toList())));
    }

    /** @return where a contender's result goes, relative to the results folder */
    public String file(String contenderId) {
        return "scenarios/" + name + "/" + contenderId + ".json";
    }

    /** @return the scenario as the manifest lists it */
    public Map<String, Object> manifestEntry(Map<String, Boolean> done) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("title", title);
        m.put("description", description);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("latency", latency);
        server.put("serverLimit", faults.serverLimits().spec());
        server.put("serverCapacity", faults.serverCapacity().spec());
        server.put("faults", faults.spec());
        m.put("server", server);
        m.put("items", items);
        m.put("measures", measures);
        m.put("contenders", contenders.stream().map(c -> {
            Map<String, Object> entry = c.manifestEntry(done.getOrDefault(c.id(), false));
            entry.put("file", file(c.id()));
            return entry;
        }).toList());
        return m;
    }
}
