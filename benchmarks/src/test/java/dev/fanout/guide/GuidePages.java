package dev.fanout.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads docs/guide/ the way its two checks need it. The conventions (docs/guide/README.md, "How the
 * guide stays true"):
 * <ul>
 *   <li>{@code <!-- code: Lesson01AwaitInALoopTest.java port -->} on the line before a {@code ```java}
 *       block: the block is the text between {@code // begin port} and {@code // end port} in that
 *       file of this package, its common indentation removed;</li>
 *   <li>a {@code <!-- fanout-check ... -->} comment on the lines before a {@code ```console} block
 *       whose {@code $ ./fanout ...} commands are run: {@code small: A => B} lines replace text in
 *       every command, {@code expect: PREFIX} lines name the block's output lines that must still
 *       appear (numbers masked).</li>
 * </ul>
 */
final class GuidePages {

    static final Path GUIDE = Path.of("..", "docs", "guide");
    static final Path PORTS = Path.of("src", "test", "java", "dev", "fanout", "guide");

    private GuidePages() {
    }

    /** A page of the guide and its lines. */
    record Page(Path path, List<String> lines) {
        String name() {
            return path.getFileName().toString();
        }
    }

    /** A fenced block: its language, its lines, the comment just before it (or null) and where it starts. */
    record Block(Page page, int line, String language, List<String> body, String comment) {
        String where() {
            return page.name() + ":" + line;
        }
    }

    static List<Page> pages() {
        try (Stream<Path> files = Files.list(GUIDE)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted()
                    .map(f -> new Page(f, read(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fenced block of the page, with the HTML comment that ends on the line before it. */
    static List<Block> blocks(Page page) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = page.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```") || line.length() == 3) {
                continue;
            }
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
                body.add(lines.get(i));
            }
            blocks.add(new Block(page, start + 1, line.substring(3).trim(), body, commentBefore(lines, start)));
        }
        return blocks;
    }

    private static String commentBefore(List<String> lines, int fence) {
        if (fence == 0 || !lines.get(fence - 1).trim().endsWith("-->")) {
            return null;
        }
        int open = fence - 1;
        while (open >= 0 && !lines.get(open).contains("<!--")) {
            open--;
        }
        if (open < 0) {
            return null;
        }
        String text = String.join("\n", lines.subList(open, fence));
        return text.substring(text.indexOf("<!--") + 4, text.lastIndexOf("-->")).trim();
    }

    /** @return the lines between {@code // begin NAME} and {@code // end NAME} in a port's file, dedented */
    static List<String> region(String file, String name) {
        List<String> lines = read(PORTS.resolve(file));
        int begin = indexOf(lines, "// begin " + name);
        int end = indexOf(lines, "// end " + name);
        if (begin < 0 || end < begin) {
            throw new AssertionError(file + " has no region '" + name + "' (// begin " + name + " ... // end " + name + ")");
        }
        List<String> region = lines.subList(begin + 1, end);
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    /** @return every region name in a port's file */
    static List<String> regionNames(String file) {
        return read(PORTS.resolve(file)).stream().map(String::trim)
                .filter(l -> l.startsWith("// begin ")).map(l -> l.substring("// begin ".length()).trim()).toList();
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        return -1;
    }
}
