package dev.fanout.guide;

import dev.fanout.benchmarks.cli.CommandLineCapture;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every {@code ./fanout} command the guide quotes, at the small sizes its
 * {@code <!-- fanout-check -->} comment gives, and fails when one exits non-zero or no longer prints
 * a line the lesson quotes ({@code expect:}; numbers masked, so "at most 16 in flight" matches "at
 * most 4 in flight" but not "at most 4 queued"). The conventions: docs/guide/README.md.
 *
 * <p>The commands run in this JVM, through the command line's own entry point (what ./fanout calls):
 * one warm JVM for all of them instead of a cold one each, which tripled the check's time. A
 * {@code serve ... &} runs as the user's would, from benchmarks.jar in a JVM of its own, since it
 * serves while the next commands run.
 */
class GuideCommandsIT {

    /** A run command's JIT warm-up only feeds the harness's calibration; the check needs none of it. */
    private static final String SMALL_WARMUP = "--warmup 200";
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(\\.\\d+)?");
    private static final Pattern LOCAL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+");

    @Test
    void everyQuotedCommandRunsAndStillPrintsWhatTheLessonQuotes() throws Exception {
        List<String> failures = new ArrayList<>();
        int commands = 0;
        for (GuidePages.Page page : GuidePages.pages()) {
            for (GuidePages.Block block : GuidePages.blocks(page)) {
                boolean quotesFanout = block.body().stream().anyMatch(l -> l.startsWith("$ ./fanout "));
                if (!quotesFanout) {
                    continue;
                }
                if (block.comment() == null || !block.comment().startsWith("fanout-check")) {
                    failures.add(block.where() + ": a block with ./fanout commands has no <!-- fanout-check --> comment");
                    continue;
                }
                commands += check(block, failures);
            }
        }
        assertEquals("", String.join("\n", failures));
        assertTrue(commands >= 14, "only " + commands + " commands found");
    }

    /** Runs the block's commands; adds what went wrong to {@code failures}; returns how many ran. */
    private int check(GuidePages.Block block, List<String> failures) throws Exception {
        List<String[]> small = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String line : block.comment().lines().skip(1).map(String::trim).toList()) {
            if (line.startsWith("small:") && line.contains("=>")) {
                String[] ab = line.substring("small:".length()).split("=>", 2);
                small.add(new String[]{ab[0].trim(), ab[1].trim()});
            } else if (line.startsWith("expect:")) {
                String prefix = line.substring("expect:".length()).trim();
                block.body().stream().filter(l -> l.startsWith(prefix)).forEach(expected::add);
                if (block.body().stream().noneMatch(l -> l.startsWith(prefix))) {
                    failures.add(block.where() + ": expect: '" + prefix + "' names no line of the block");
                }
            } else if (!line.isEmpty()) {
                failures.add(block.where() + ": not a fanout-check line: " + line);
            }
        }
        if (expected.isEmpty()) {
            failures.add(block.where() + ": no expect: line");
        }
        StringBuilder output = new StringBuilder();
        List<Process> servers = new ArrayList<>();
        String serverBase = null;
        int ran = 0;
        try {
            for (String line : block.body()) {
                if (!line.startsWith("$ ./fanout ")) {
                    continue;
                }
                String command = line.substring("$ ./fanout ".length()).trim();
                for (String[] ab : small) {
                    command = command.replace(ab[0], ab[1]);
                }
                boolean background = command.endsWith("&");
                if (background) {
                    command = command.substring(0, command.length() - 1).trim().replaceAll("--port \\d+", "--port 0");
                }
                if (serverBase != null) {
                    command = LOCAL.matcher(command).replaceAll(serverBase);
                }
                List<String> args = words(command);
                if (args.getFirst().equals("run") && !command.contains("--warmup")) {
                    args.addAll(words(SMALL_WARMUP));
                }
                ran++;
                if (background) {
                    Process serve = start(args);
                    servers.add(serve);
                    BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
                    String first = out.readLine();
                    if (first == null || !first.startsWith("serving ")) {
                        failures.add(block.where() + ": " + command + " printed no 'serving' line: " + first);
                        return ran;
                    }
                    serverBase = first.split(" ")[1];
                    output.append(first).append('\n');
                    continue;
                }
                CommandLineCapture finished = CommandLineCapture.run(args.toArray(String[]::new));
                String printed = finished.out() + finished.err();
                output.append(printed);
                if (finished.exitCode() != 0) {
                    failures.add(block.where() + ": ./fanout " + command + " exited " + finished.exitCode() + ":\n" + printed);
                }
            }
        } finally {
            for (Process serve : servers) {
                serve.destroy();
                serve.waitFor(1, TimeUnit.MINUTES);
            }
        }
        List<String> printed = output.toString().lines().map(GuideCommandsIT::masked).toList();
        for (String quoted : expected) {
            Pattern shape = shape(quoted);
            if (printed.stream().noneMatch(l -> shape.matcher(l).find())) {
                failures.add(block.where() + ": no line like\n    " + quoted + "\n  in what it printed:\n" + output);
            }
        }
        return ran;
    }

    /** The quoted line with its numbers masked; "..." where the lesson trimmed it matches anything. */
    static Pattern shape(String quoted) {
        String[] pieces = masked(quoted).split("\\s*\\.\\.\\.\\s*", -1);
        List<String> quotedPieces = new ArrayList<>();
        for (String piece : pieces) {
            quotedPieces.add(Pattern.quote(piece));
        }
        return Pattern.compile(String.join(".*", quotedPieces));
    }

    static String masked(String line) {
        return NUMBER.matcher(line.strip()).replaceAll("#").replaceAll("\\s+", " ");
    }

    /** Splits a command line as a shell would, for the quoting the guide uses: '...' and "...". */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Starts {@code fanout <args>} from the built benchmarks.jar as ./fanout does, standard output piped. */
    private static Process start(List<String> args) throws IOException {
        Path jar = Path.of("target", "benchmarks.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package`");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-preview", "--sun-misc-unsafe-memory-access=allow", "-cp", jar.toString(),
                "dev.fanout.benchmarks.cli.FanoutCli"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
