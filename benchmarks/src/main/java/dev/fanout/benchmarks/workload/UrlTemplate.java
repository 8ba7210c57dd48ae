package dev.fanout.benchmarks.workload;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where item {@code n} lives: a URL with {@code {n}} in it, such as
 * {@code http://127.0.0.1:8080/item/{n}}. Every {@code {n}} is replaced by the item number.
 * Only {@code http} and {@code https}, with a host; checked once, when parsed, so that expanding is
 * plain string concatenation on the hot path.
 */
public final class UrlTemplate {

    /** The placeholder an item number replaces. */
    public static final String PLACEHOLDER = "{n}";

    /** The form every message shows. */
    public static final String EXAMPLE = "http://127.0.0.1:8080/item/{n}";

    private final String template;
    /** The text around each placeholder: item n's URL is parts[0] + n + parts[1] + n + ... */
    private final String[] parts;

    private UrlTemplate(String template) {
        Objects.requireNonNull(template, "template must not be null");
        this.template = template;
        this.parts = template.split(java.util.regex.Pattern.quote(PLACEHOLDER), -1);
        if (!template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("'" + template + "' has no " + PLACEHOLDER
                    + " for the item number; expected a URL such as " + EXAMPLE);
        }
        String lower = template.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new IllegalArgumentException("'" + template + "' is not an http or https URL; expected a URL such as " + EXAMPLE);
        }
        URI sample;
        try {
            sample = new URI(expand(0));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + template + "' is not a URL (" + e.getReason()
                    + "); expected a URL such as " + EXAMPLE);
        }
        int authority = template.indexOf("://") + 3;
        int path = authority;
        while (path < template.length() && "/?#".indexOf(template.charAt(path)) < 0) {
            path++;
        }
        if (sample.getHost() == null || template.substring(authority, path).contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("'" + template + "' has no host (the item number may only be in the path"
                    + " or the query); expected a URL such as " + EXAMPLE);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong, with an example */
    public static UrlTemplate parse(String template) {
        return new UrlTemplate(template == null ? "" : template.trim());
    }

    /** @return {@code base/item/{n}}: the latency server's item form */
    public static UrlTemplate items(URI base) {
        String b = base.toString();
        return new UrlTemplate((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/item/" + PLACEHOLDER);
    }

    /** @return the URL of item {@code n} */
    public String expand(long n) {
        if (parts.length == 2) {
            return parts[0] + n + parts[1];
        }
        StringBuilder url = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            url.append(n).append(parts[i]);
        }
        return url.toString();
    }

    /** @return the template as given */
    public String template() {
        return template;
    }

    /** @return what a message calls item {@code n}: its path and query, such as {@code /item/7} */
    public String describe(long n) {
        URI uri = URI.create(expand(n));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** @return {@code scheme://host:port} */
    public String origin() {
        URI uri = URI.create(expand(0));
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UrlTemplate t && t.template.equals(template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return template;
    }
}
