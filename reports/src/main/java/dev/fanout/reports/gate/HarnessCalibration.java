package dev.fanout.reports.gate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.fanout.reports.ResultsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate reads of a run's {@code calibration.json} (docs/results-format.md): the harness's
 * capacity and overhead, measured before the run. Only these fields are read; any other field (a
 * later format's per-round numbers, say) is ignored.
 *
 * @param file           where it was read from
 * @param capacityRps    requests/s the client and server reach at zero latency: higher is better
 * @param overheadMs     p50 service latency minus the injected latency, at width 1: lower is better
 * @param warmupRequests requests sent to warm up before measuring; -1 when the file does not say
 * @param trustworthy    false when the calibration itself says its numbers cannot be trusted
 * @param warning        why not, when not
 * @param client         the HTTP client it was measured with, when the file says
 * @param overheadRounds the overhead of each calibration round ({@code overheadRoundsMs}), before
 *                       the points and after them: how much it scatters in one run; empty when the
 *                       file has none
 * @param capacityRounds the capacity measured before the points and again after them
 *                       ({@code capacityAfterRps}); empty when the file has no second measurement
 */
public record HarnessCalibration(Path file, double capacityRps, double overheadMs, int warmupRequests,
                                 boolean trustworthy, Optional<String> warning, Optional<String> client,
                                 List<Double> overheadRounds, List<Double> capacityRounds) {

    public HarnessCalibration {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(client, "client");
        overheadRounds = List.copyOf(overheadRounds);
        capacityRounds = List.copyOf(capacityRounds);
    }

    /**
     * @return how much the capacity scattered in the run, as a fraction of its largest measurement
     *         (before the points and after them); NaN with fewer than two
     */
    public double capacitySpread() {
        if (capacityRounds.size() < 2) {
            return Double.NaN;
        }
        double max = capacityRounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = capacityRounds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return max > 0 ? (max - min) / max : Double.NaN;
    }

    /**
     * @return how much the overhead scattered in the run: its largest round minus its smallest; NaN
     *         with fewer than two rounds
     */
    public double overheadSpreadMs() {
        if (overheadRounds.size() < 2) {
            return Double.NaN;
        }
        return overheadRounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - overheadRounds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /**
     * @throws ResultsException naming the file when it cannot be read, is not a JSON object, or lacks
     *                          a positive {@code capacityRps} or a finite {@code overheadMs}
     */
    public static HarnessCalibration read(Path file) throws ResultsException {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(file));
        } catch (JsonParseException e) {
            throw new ResultsException(file, "not valid JSON (truncated or corrupt?)", e);
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new ResultsException(file, "not a calibration: expected a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        double capacity = number(file, o, "capacityRps");
        if (!(capacity > 0) || Double.isInfinite(capacity)) {
            throw new ResultsException(file, "\"capacityRps\" must be a number above 0, got " + Numbers.format(capacity));
        }
        double overhead = number(file, o, "overheadMs");
        if (!Double.isFinite(overhead)) {
            throw new ResultsException(file, "\"overheadMs\" must be a finite number, got " + Numbers.format(overhead));
        }
        int warmup = present(o, "warmupRequests") ? (int) number(file, o, "warmupRequests") : -1;
        boolean trustworthy = !present(o, "trustworthy") || bool(file, o, "trustworthy");
        return new HarnessCalibration(file, capacity, overhead, warmup, trustworthy, string(file, o, "warning"), string(file, o, "client"),
                rounds(file, o, "overheadRoundsMs"),
                present(o, "capacityAfterRps") ? List.of(capacity, number(file, o, "capacityAfterRps")) : List.of());
    }

    private static List<Double> rounds(Path file, JsonObject o, String field) throws ResultsException {
        if (!present(o, field)) {
            return List.of();
        }
        JsonElement e = o.get(field);
        List<Double> rounds = new ArrayList<>();
        if (e.isJsonArray()) {
            for (JsonElement r : e.getAsJsonArray()) {
                if (!(r.isJsonPrimitive() && r.getAsJsonPrimitive().isNumber()) || !Double.isFinite(r.getAsDouble())) {
                    rounds = null;
                    break;
                }
                rounds.add(r.getAsDouble());
            }
        }
        if (!e.isJsonArray() || rounds == null) {
            throw new ResultsException(file, "\"" + field + "\" must be a list of finite numbers, got " + e);
        }
        return rounds;
    }

    private static boolean present(JsonObject o, String field) {
        return o.has(field) && !o.get(field).isJsonNull();
    }

    private static double number(Path file, JsonObject o, String field) throws ResultsException {
        if (!present(o, field)) {
            throw new ResultsException(file, "\"" + field + "\" is missing: not a calibration.json");
        }
        JsonElement e = o.get(field);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsDouble();
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            switch (e.getAsString()) {
                case "NaN":
                    return Double.NaN;
                case "+INF", "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-INF", "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new ResultsException(file, "\"" + field + "\" must be a number, got " + e);
    }

    private static boolean bool(Path file, JsonObject o, String field) throws ResultsException {
        JsonElement e = o.get(field);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw new ResultsException(file, "\"" + field + "\" must be true or false, got " + e);
    }

    private static Optional<String> string(Path file, JsonObject o, String field) throws ResultsException {
        if (!present(o, field)) {
            return Optional.empty();
        }
        JsonElement e = o.get(field);
        if (e.isJsonPrimitive() && !(e instanceof JsonPrimitive p && p.isBoolean())) {
            return Optional.of(e.getAsString());
        }
        throw new ResultsException(file, "\"" + field + "\" must be a string, got " + e);
    }
}
