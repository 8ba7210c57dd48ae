package dev.fanout.reports.jmh;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.fanout.reports.ResultsException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON result file JMH writes with {@code -rf json}: an array of points. Any problem is a
 * {@link ResultsException} naming the file and, where it helps, the point.
 *
 * <p>JMH writes non-finite numbers as the strings {@code "NaN"}, {@code "+INF"} and {@code "-INF"};
 * they are read as the matching doubles.
 */
public final class JmhResultsReader {

    private JmhResultsReader() {
    }

    /** Reads a JMH JSON file. */
    public static List<JmhPoint> read(Path file) throws ResultsException {
        try (Reader reader = Files.newBufferedReader(file)) {
            JsonReader json = new JsonReader(reader);
            json.setStrictness(Strictness.LENIENT);
            return parse(file, JsonParser.parseReader(json));
        } catch (NoSuchFileException e) {
            throw new ResultsException(file, "no such file");
        } catch (JsonParseException | IllegalStateException e) {
            throw new ResultsException(file, "not valid JSON (truncated or corrupt?): " + firstLine(e), e);
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<JmhPoint> parse(Path file, JsonElement root) throws ResultsException {
        if (!root.isJsonArray()) {
            throw new ResultsException(file, "not a JMH result file: expected a JSON array of benchmark results");
        }
        List<JmhPoint> points = new ArrayList<>();
        JsonArray array = root.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isJsonObject()) {
                throw new ResultsException(file, "result #" + (i + 1) + " is not a JSON object");
            }
            points.add(point(file, i, array.get(i).getAsJsonObject()));
        }
        return points;
    }

    private static JmhPoint point(Path file, int i, JsonObject o) throws ResultsException {
        String where = "result #" + (i + 1);
        String benchmark = string(file, where, o, "benchmark");
        where += " (" + benchmark + ")";
        String mode = string(file, where, o, "mode");
        Map<String, String> params = new LinkedHashMap<>();
        if (o.has("params") && o.get("params").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("params").entrySet()) {
                params.put(e.getKey(), e.getValue().getAsString());
            }
        }
        if (!o.has("primaryMetric") || !o.get("primaryMetric").isJsonObject()) {
            throw new ResultsException(file, where + " has no primaryMetric");
        }
        Metric primary = metric(file, where, "primary", o.getAsJsonObject("primaryMetric"));
        Map<String, Metric> secondary = new LinkedHashMap<>();
        if (o.has("secondaryMetrics") && o.get("secondaryMetrics").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("secondaryMetrics").entrySet()) {
                if (!e.getValue().isJsonObject()) {
                    throw new ResultsException(file, where + " secondary metric " + e.getKey() + " is not an object");
                }
                secondary.put(e.getKey(), metric(file, where, e.getKey(), e.getValue().getAsJsonObject()));
            }
        }
        return new JmhPoint(benchmark, mode, params, primary, secondary);
    }

    private static Metric metric(Path file, String where, String name, JsonObject o) throws ResultsException {
        if (!o.has("score")) {
            throw new ResultsException(file, where + " metric " + name + " has no score");
        }
        double score = number(file, where + " metric " + name + " score", o.get("score"));
        double error = o.has("scoreError") ? number(file, where + " metric " + name + " scoreError", o.get("scoreError")) : Double.NaN;
        String unit = o.has("scoreUnit") ? o.get("scoreUnit").getAsString() : "";
        return new Metric(name, score, error, unit, samples(file, where + " metric " + name + " rawData", o.get("rawData")));
    }

    /** JMH's rawData: one array of per-iteration values per fork, flattened. */
    private static List<Double> samples(Path file, String what, JsonElement rawData) throws ResultsException {
        List<Double> samples = new ArrayList<>();
        if (rawData == null || !rawData.isJsonArray()) {
            return samples;
        }
        for (JsonElement fork : rawData.getAsJsonArray()) {
            if (!fork.isJsonArray()) {
                throw new ResultsException(file, what + " is not an array of arrays");
            }
            for (JsonElement value : fork.getAsJsonArray()) {
                samples.add(number(file, what, value));
            }
        }
        return samples;
    }

    /** A JSON number, or one of JMH's strings for the non-finite ones. */
    static double number(Path file, String what, JsonElement e) throws ResultsException {
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber()) {
                return p.getAsDouble();
            }
            if (p.isString()) {
                switch (p.getAsString()) {
                    case "NaN":
                        return Double.NaN;
                    case "+INF", "INF", "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-INF", "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        try {
                            return Double.parseDouble(p.getAsString());
                        } catch (NumberFormatException ignored) {
                            // fall through to the error
                        }
                }
            }
        }
        throw new ResultsException(file, what + " is not a number: " + e);
    }

    private static String string(Path file, String where, JsonObject o, String field) throws ResultsException {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive()) {
            throw new ResultsException(file, where + " has no " + field);
        }
        return e.getAsString();
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
