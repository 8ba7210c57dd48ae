package dev.fanout.reports.browser;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What index.html says about itself after a browser ran it: the page records script errors,
 * Content-Security-Policy violations (any attempt to load something from outside) and, per chart,
 * whether it drew, into its hidden element {@code #selfcheck}.
 *
 * @param done       whether the page's script ran to its end
 * @param errors     script errors and failed loads
 * @param violations requests the page's policy blocked
 * @param charts     every chart the page tried to draw
 * @param pageHeight the page's full height in CSS pixels
 */
public record PageCheck(boolean done, List<String> errors, List<String> violations, List<Chart> charts, int pageHeight) {

    private static final Pattern SELFCHECK = Pattern.compile("<pre id=\"selfcheck\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

    public PageCheck {
        errors = List.copyOf(errors);
        violations = List.copyOf(violations);
        charts = List.copyOf(charts);
    }

    /**
     * One chart.
     *
     * @param id       its canvas id
     * @param kind     throughput, tail, percentiles or timeline
     * @param elements    data points or bars it drew
     * @param drawn       whether its canvas has a size, data elements and pixels
     * @param dashedPeers lines of peers drawn dashed, as peers are told apart from strategies
     */
    public record Chart(String id, String kind, int width, int height, int elements, boolean drawn, int dashedPeers) {
    }

    /** Reads the check from a DOM serialised by the browser (Chromium's --dump-dom). */
    public static PageCheck fromDom(String dom) {
        Matcher m = SELFCHECK.matcher(dom);
        if (!m.find() || m.group(1).isBlank()) {
            return failed("the page recorded no self-check: its scripts did not run");
        }
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            List<Chart> charts = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("charts")) {
                JsonObject c = e.getAsJsonObject();
                charts.add(new Chart(c.get("id").getAsString(), c.get("kind").getAsString(), c.get("width").getAsInt(),
                        c.get("height").getAsInt(), c.get("elements").getAsInt(), c.get("drawn").getAsBoolean(),
                        c.has("dashedPeers") ? c.get("dashedPeers").getAsInt() : 0));
            }
            return new PageCheck(o.get("done").getAsBoolean(), strings(o, "errors"), strings(o, "violations"), charts,
                    o.get("pageHeight").getAsInt());
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            return failed("the page's self-check is not readable: " + e.getMessage());
        }
    }

    /** @return every problem, in words; empty when the page worked */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!done) {
            problems.add("the page's script did not finish");
        }
        errors.forEach(e -> problems.add("script error: " + e));
        violations.forEach(v -> problems.add("outside request blocked: " + v));
        if (charts.isEmpty()) {
            problems.add("no chart was drawn");
        }
        charts.stream().filter(c -> !c.drawn())
                .forEach(c -> problems.add("chart " + c.id() + " (" + c.kind() + ") did not draw: " + c.width() + "x"
                        + c.height() + " px, " + c.elements() + " data elements"));
        return problems;
    }

    private static PageCheck failed(String why) {
        return new PageCheck(false, List.of(why), List.of(), List.of(), 0);
    }

    private static List<String> strings(JsonObject o, String field) {
        List<String> values = new ArrayList<>();
        o.getAsJsonArray(field).forEach(e -> values.add(e.getAsString()));
        return values;
    }
}
