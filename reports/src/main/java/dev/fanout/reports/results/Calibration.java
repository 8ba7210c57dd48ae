package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;

import java.nio.file.Path;
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
 */
public record Calibration(int warmupRequests, double overheadMs, double overheadLatencyMs, double capacityRps,
                          int capacityWidth, boolean trustworthy, Optional<String> warning) {

    static Calibration read(Path file) throws ResultsException {
        JsonFields json = JsonFields.read(file);
        double capacity = json.number("capacityRps");
        if (!(capacity > 0)) {
            throw json.problem("\"capacityRps\" must be above 0, got " + capacity);
        }
        return new Calibration(json.integer("warmupRequests"), json.number("overheadMs"),
                json.number("overheadLatencyMs"), capacity, json.integer("capacityWidth"), json.bool("trustworthy"),
                json.optionalString("warning"));
    }
}
