package dev.fanout.benchmarks.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlTemplateTest {

    @Test
    void replacesEveryPlaceholderWithTheItemNumber() {
        UrlTemplate t = UrlTemplate.parse("https://api.example.test:8443/v1/items/{n}?copy={n}&x=1");
        assertEquals("https://api.example.test:8443/v1/items/42?copy=42&x=1", t.expand(42));
        assertEquals("/v1/items/7?copy=7&x=1", t.describe(7));
        assertEquals("https://api.example.test:8443", t.origin());
    }

    @Test
    void theLatencyServersItemsAreOneTemplate() {
        UrlTemplate t = UrlTemplate.items(URI.create("http://127.0.0.1:41234"));
        assertEquals("http://127.0.0.1:41234/item/{n}", t.template());
        assertEquals("http://127.0.0.1:41234/item/3", t.expand(3));
        assertEquals("/item/3", t.describe(3));
        assertEquals(t, UrlTemplate.items(URI.create("http://127.0.0.1:41234/")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:8080/item       | has no {n} for the item number",
            "''                               | has no {n} for the item number",
            "ftp://127.0.0.1/item/{n}         | is not an http or https URL",
            "127.0.0.1:8080/item/{n}          | is not an http or https URL",
            "http://{n}.example.test/item     | has no host (the item number may only be in the path or the query)",
            "http:///item/{n}                 | has no host",
            "http://127.0.0.1:8080/it em/{n}  | is not a URL",
    })
    void aMalformedTemplateSaysWhatIsWrongAndShowsTheForm(String template, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse(template));
        assertTrue(e.getMessage().contains(expected.trim()), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected a URL such as " + UrlTemplate.EXAMPLE), e.getMessage());
    }
}
