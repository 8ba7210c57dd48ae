package dev.fanout.guide;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guide's pages and its ports cannot drift apart: every Java block a lesson marks with
 * {@code <!-- code: FILE REGION -->} is the text of that region of the compiled, tested port, every
 * Python block marked {@code <!-- quote: PATH -->} is still in that asyncio script, every region is
 * shown somewhere, every lesson is in the index, and every relative link resolves.
 */
class GuidePagesTest {

    private static final Pattern CODE = Pattern.compile("code: (\\S+\\.java) (\\S+)");
    private static final Pattern QUOTE = Pattern.compile("quote: (\\S+\\.py)");
    private static final Pattern LESSON = Pattern.compile("\\d\\d-[a-z0-9-]+\\.md");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    /** Written with the page on threads and futures, by its own change; linked from here before it lands. */
    private static final Set<String> LINKED_AHEAD = Set.of("threads-or-futures.md");

    @Test
    void everyMarkedJavaBlockIsTheTextOfItsPort() {
        int checked = 0;
        for (GuidePages.Page page : GuidePages.pages()) {
            for (GuidePages.Block block : GuidePages.blocks(page)) {
                Matcher code = block.comment() == null ? null : CODE.matcher(block.comment());
                if (code == null || !code.matches()) {
                    continue;
                }
                assertEquals("java", block.language(), block.where() + ": a code: comment marks a ```java block");
                List<String> port = GuidePages.region(code.group(1), code.group(2));
                assertEquals(String.join("\n", port), String.join("\n", block.body()),
                        block.where() + " is not region '" + code.group(2) + "' of " + code.group(1)
                                + ": copy the region into the page (or the page into the region)");
                checked++;
            }
        }
        assertTrue(checked >= 14, "only " + checked + " marked blocks found");
    }

    @Test
    void everyQuotedAsyncioBlockIsInItsScript() {
        int checked = 0;
        for (GuidePages.Page page : GuidePages.pages()) {
            for (GuidePages.Block block : GuidePages.blocks(page)) {
                Matcher quote = block.comment() == null ? null : QUOTE.matcher(block.comment());
                if (quote == null || !quote.matches()) {
                    continue;
                }
                Path script = page.path().getParent().resolve(quote.group(1));
                assertTrue(Files.isRegularFile(script), block.where() + ": no such script " + script);
                // each quoted line, in order, in the script; "..." skips; indentation may differ (a nested def quoted alone)
                List<String> lines = GuidePages.read(script).stream().map(String::strip).toList();
                int at = 0;
                for (String quoted : block.body()) {
                    if (quoted.strip().equals("...")) {
                        continue;
                    }
                    while (at < lines.size() && !lines.get(at).equals(quoted.strip())) {
                        at++;
                    }
                    assertTrue(at < lines.size(), block.where() + ": not in " + quote.group(1) + " (or out of order): " + quoted);
                    at++;
                }
                checked++;
            }
        }
        assertTrue(checked >= 8, "only " + checked + " quoted asyncio blocks found");
    }

    @Test
    void everyRegionOfEveryPortIsShownInAPage() throws IOException {
        Set<String> shown = new HashSet<>();
        for (GuidePages.Page page : GuidePages.pages()) {
            for (GuidePages.Block block : GuidePages.blocks(page)) {
                Matcher code = block.comment() == null ? null : CODE.matcher(block.comment());
                if (code != null && code.matches()) {
                    shown.add(code.group(1) + " " + code.group(2));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(GuidePages.PORTS)) {
            for (String file : files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("Lesson")).sorted().toList()) {
                List<String> regions = GuidePages.regionNames(file);
                assertFalse(regions.isEmpty(), file + " has no port region");
                regions.stream().map(r -> file + " " + r).filter(r -> !shown.contains(r)).forEach(missing::add);
            }
        }
        assertEquals(List.of(), missing, "regions no page shows");
    }

    @Test
    void everyLessonIsInTheIndexAndHasItsCodeAndItsCommands() {
        List<GuidePages.Page> pages = GuidePages.pages();
        String index = String.join("\n", pages.stream().filter(p -> p.name().equals("README.md")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/guide/README.md is missing")).lines());
        List<GuidePages.Page> lessons = pages.stream().filter(p -> LESSON.matcher(p.name()).matches()).toList();
        assertTrue(lessons.size() >= 14, "lessons: " + lessons.size());
        for (GuidePages.Page lesson : lessons) {
            assertTrue(index.contains("](" + lesson.name() + ")"), "the index does not link " + lesson.name());
            List<GuidePages.Block> blocks = GuidePages.blocks(lesson);
            assertTrue(blocks.stream().anyMatch(b -> b.comment() != null && CODE.matcher(b.comment()).matches()),
                    lesson.name() + " shows no tested port");
            assertTrue(blocks.stream().anyMatch(b -> b.comment() != null && b.comment().startsWith("fanout-check")),
                    lesson.name() + " has no checked ./fanout command");
        }
    }

    @Test
    void everyRelativeLinkResolves() {
        List<String> broken = new ArrayList<>();
        for (GuidePages.Page page : GuidePages.pages()) {
            Matcher link = LINK.matcher(String.join("\n", page.lines()));
            while (link.find()) {
                String target = link.group(1);
                if (target.contains("://") || target.startsWith("mailto:") || LINKED_AHEAD.contains(target)) {
                    continue;
                }
                if (!Files.exists(page.path().getParent().resolve(target))) {
                    broken.add(page.name() + " -> " + target);
                }
            }
        }
        assertEquals(List.of(), broken, "links to nothing");
    }
}
