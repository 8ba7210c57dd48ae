package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * calibration.json: what the harness itself costs and can carry, measured before the run.
 *
 * @param warmupRequests    requests sent before measuring
 * @param overheadMs        p50 service latency minus the injected latency, at width 1
 * @param overheadLatencyMs the latency injected while measuring the overhead
 * @param capacityRps       requests/s the client and server reach at zero latency
 * @param capacityWidth     the width the capacity was measured at
 * @param trustworthy       false when the overhead is too high to trust the numbers
 * @param warning           why not, when not
 * @param others            any further field, name to its JSON text (a string without quotes), in
 *                          file order: shown as written, never interpreted
 */
public record Calibration(int warmupRequests, double overheadMs, double overheadLatencyMs, double capacityRps,
                          int capacityWidth, boolean trustworthy, Optional<String> warning, Map<String, String> others) {

    private static final List<String> KNOWN = List.of("warmupRequests", "overheadMs", "overheadLatencyMs", "capacityRps",
            "capacityWidth", "trustworthy", "warning");

    public Calibration {
        others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
    }

    static Calibration read(Path file) throws ResultsException {
        JsonFields json = JsonFields.read(file);
        double capacity = json.number("capacityRps");
        if (!(capacity > 0)) {
            throw json.problem("\"capacityRps\" must be above 0, got " + capacity);
        }
        Map<String, String> others = new LinkedHashMap<>();
        for (String field : json.fieldNames()) {
            if (!KNOWN.contains(field) && json.has(field)) {
                String text = json.json(field);
                others.put(field, text.length() > 1 && text.startsWith("\"") ? json.string(field) : text);
            }
        }
        return new Calibration(json.integer("warmupRequests"), json.number("overheadMs"),
                json.number("overheadLatencyMs"), capacity, json.integer("capacityWidth"), json.bool("trustworthy"),
                json.optionalString("warning"), others);
    }
}
