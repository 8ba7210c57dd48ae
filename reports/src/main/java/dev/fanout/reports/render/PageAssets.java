package dev.fanout.reports.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What index.html is made of that lives on the class path: its template, style and scripts, and
 * Chart.js from its WebJar. A missing one is a broken build, not bad input, hence unchecked.
 */
final class PageAssets {

    private static final String CHART_JS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final String CHART_JS_BUNDLE = "META-INF/resources/webjars/chart.js/%s/dist/chart.umd.min.js";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    /** The bundle names its source map; a browser with developer tools open would go looking for it. */
    private static final Pattern SOURCE_MAP = Pattern.compile("(?m)^//# sourceMappingURL=.*$");

    private PageAssets() {
    }

    /** @return a resource of this package, for example {@code page.js} */
    static String resource(String name) {
        return read(PageAssets.class.getResourceAsStream(name), PageAssets.class.getPackageName() + "/" + name);
    }

    /** @return the version of the Chart.js WebJar on the class path, from its Maven metadata */
    static String chartJsVersion() {
        Properties properties = new Properties();
        try (InputStream in = classLoader().getResourceAsStream(CHART_JS_POM)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js WebJar is not on the class path (no " + CHART_JS_POM + ")");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /** @return the Chart.js UMD bundle, ready to inline */
    static String chartJs() {
        String path = CHART_JS_BUNDLE.formatted(chartJsVersion());
        return SOURCE_MAP.matcher(read(classLoader().getResourceAsStream(path), path)).replaceAll("");
    }

    /**
     * Fills {@code {{name}}} placeholders in one pass over the template only, so text put in (a
     * script, the data) is never searched for placeholders itself.
     */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + values.values().stream().mapToInt(String::length).sum());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template placeholder {{" + m.group(1) + "}} has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Makes a script safe inside a script element: nothing in it may close the element early. */
    static String inlineScript(String js) {
        return js.replaceAll("(?i)</script", "<\\\\/script").replace("<!--", "<\\!--");
    }

    private static ClassLoader classLoader() {
        return PageAssets.class.getClassLoader();
    }

    private static String read(InputStream in, String name) {
        if (in == null) {
            throw new IllegalStateException("resource " + name + " is not on the class path");
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
