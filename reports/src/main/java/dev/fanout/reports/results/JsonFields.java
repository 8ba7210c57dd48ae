package dev.fanout.reports.results;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
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
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The fields of one JSON object of a results file, read with errors that name the file and the
 * place in it ({@code points[3].params: "width" is missing}), so every reader reports alike.
 */
final class JsonFields {

    private final Path file;
    private final JsonObject object;
    private final String where;

    private JsonFields(Path file, JsonObject object, String where) {
        this.file = file;
        this.object = object;
        this.where = where;
    }

    /** Reads a file that must hold one JSON object. */
    static JsonFields read(Path file) throws ResultsException {
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = JsonParser.parseReader(reader);
        } catch (NoSuchFileException e) {
            throw new ResultsException(file, "no such file");
        } catch (JsonParseException e) {
            throw new ResultsException(file, "not valid JSON (truncated or corrupt?): " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + firstLine(e.getMessage()), e);
        }
        if (!root.isJsonObject()) {
            throw new ResultsException(file, root.isJsonNull() ? "is empty" : "expected a JSON object");
        }
        return new JsonFields(file, root.getAsJsonObject(), "");
    }

    Path file() {
        return file;
    }

    boolean has(String field) {
        return object.has(field) && !object.get(field).isJsonNull();
    }

    /** @return a problem at this place of the file, as an exception to throw */
    ResultsException problem(String what) {
        return new ResultsException(file, (where.isEmpty() ? "" : where + ": ") + what);
    }

    String string(String field) throws ResultsException {
        return primitive(field, "a string", any -> true).getAsString();
    }

    Optional<String> optionalString(String field) throws ResultsException {
        return has(field) ? Optional.of(string(field)) : Optional.empty();
    }

    double number(String field) throws ResultsException {
        return primitive(field, "a number", JsonPrimitive::isNumber).getAsDouble();
    }

    /** @return the number, or NaN when the field is absent or null */
    double optionalNumber(String field) throws ResultsException {
        return has(field) ? number(field) : Double.NaN;
    }

    int integer(String field) throws ResultsException {
        return wholeNumber(field, primitive(field, "a whole number", any -> true));
    }

    /** A whole number written as a number or as a string ("16"), as JMH params are. */
    int integerOrString(String field) throws ResultsException {
        JsonPrimitive p = primitive(field, "a whole number", any -> true);
        if (p.isString()) {
            try {
                return Integer.parseInt(p.getAsString().strip());
            } catch (NumberFormatException e) {
                throw problem('"' + field + "\" must be a whole number, got " + p);
            }
        }
        return wholeNumber(field, p);
    }

    boolean bool(String field) throws ResultsException {
        return primitive(field, "true or false", JsonPrimitive::isBoolean).getAsBoolean();
    }

    JsonFields object(String field) throws ResultsException {
        JsonElement e = required(field);
        if (!e.isJsonObject()) {
            throw problem('"' + field + "\" must be an object");
        }
        return new JsonFields(file, e.getAsJsonObject(), place(field));
    }

    /** @return the objects of an array field, each named by its place ({@code points[3]}) */
    List<JsonFields> objects(String field) throws ResultsException {
        JsonArray array = array(field);
        List<JsonFields> objects = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isJsonObject()) {
                throw problem(field + "[" + i + "] must be an object");
            }
            objects.add(new JsonFields(file, array.get(i).getAsJsonObject(), place(field + "[" + i + "]")));
        }
        return objects;
    }

    /** @return the object's field names, in file order */
    List<String> fieldNames() {
        return List.copyOf(object.keySet());
    }

    /** @return a field's JSON text as written (compact), for fields the reader shows but does not interpret */
    String json(String field) throws ResultsException {
        return required(field).toString();
    }

    /**
     * An object whose values are strings (numbers and booleans are taken as written, {@code 16} as
     * {@code "16"}), as JMH params are.
     *
     * @return name to value, in file order
     */
    Map<String, String> stringMap(String field) throws ResultsException {
        JsonFields o = object(field);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.object.entrySet()) {
            if (!e.getValue().isJsonPrimitive()) {
                throw o.problem('"' + e.getKey() + "\" must be a string, got " + e.getValue());
            }
            values.put(e.getKey(), e.getValue().getAsString());
        }
        return values;
    }

    /** @return the strings of an array field, or none when the field is absent */
    List<String> optionalStrings(String field) throws ResultsException {
        return has(field) ? strings(field) : List.of();
    }

    /** @return the whole numbers of an array field, or none when the field is absent */
    List<Integer> optionalIntegers(String field) throws ResultsException {
        return has(field) ? integers(field) : List.of();
    }

    List<String> strings(String field) throws ResultsException {
        List<String> values = new ArrayList<>();
        for (JsonElement e : array(field)) {
            if (!e.isJsonPrimitive()) {
                throw problem('"' + field + "\" must be an array of strings");
            }
            values.add(e.getAsString());
        }
        return values;
    }

    List<Integer> integers(String field) throws ResultsException {
        List<Integer> values = new ArrayList<>();
        for (JsonElement e : array(field)) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw problem('"' + field + "\" must be an array of whole numbers");
            }
            values.add(wholeNumber(field, e.getAsJsonPrimitive()));
        }
        return values;
    }

    /** @return an array of [x, y] number pairs, such as a time series */
    List<double[]> pairs(String field) throws ResultsException {
        List<double[]> values = new ArrayList<>();
        for (JsonElement e : array(field)) {
            if (!e.isJsonArray() || e.getAsJsonArray().size() != 2 || !e.getAsJsonArray().get(0).isJsonPrimitive()
                    || !e.getAsJsonArray().get(1).isJsonPrimitive()) {
                throw problem('"' + field + "\" must be an array of [x, y] pairs, got " + e);
            }
            values.add(new double[] {e.getAsJsonArray().get(0).getAsDouble(), e.getAsJsonArray().get(1).getAsDouble()});
        }
        return values;
    }

    private JsonArray array(String field) throws ResultsException {
        JsonElement e = required(field);
        if (!e.isJsonArray()) {
            throw problem('"' + field + "\" must be an array");
        }
        return e.getAsJsonArray();
    }

    /** A string, number or boolean that passes {@code isKind}, or a problem saying what it must be. */
    private JsonPrimitive primitive(String field, String kind, Predicate<JsonPrimitive> isKind) throws ResultsException {
        JsonElement e = required(field);
        if (!e.isJsonPrimitive() || !isKind.test(e.getAsJsonPrimitive())) {
            throw problem('"' + field + "\" must be " + kind + ", got " + e);
        }
        return e.getAsJsonPrimitive();
    }

    private JsonElement required(String field) throws ResultsException {
        if (!has(field)) {
            throw problem('"' + field + "\" is missing");
        }
        return object.get(field);
    }

    private int wholeNumber(String field, JsonPrimitive p) throws ResultsException {
        if (p.isNumber()) {
            double d = p.getAsDouble();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw problem('"' + field + "\" must be a whole number, got " + p);
    }

    private String place(String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
