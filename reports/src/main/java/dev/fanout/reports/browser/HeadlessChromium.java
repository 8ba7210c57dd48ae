package dev.fanout.reports.browser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Chromium run once per call on a local file: to read the page's DOM after its scripts
 * ran, or to take a screenshot. Each run gets a new, deleted-after profile folder and the flags
 * that keep Chromium from calling home (a closed network refuses those connections, and a report
 * check must not depend on them).
 */
public final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);
    /** Virtual time lets the page's scripts and timers finish without waiting for real time to pass. */
    private static final String VIRTUAL_TIME_BUDGET_MS = "10000";

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** @return a Chromium found on PATH (or in /usr/bin), if any */
    public static Optional<HeadlessChromium> find() {
        List<Path> folders = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(File.pathSeparator)) {
                if (!folder.isBlank()) {
                    folders.add(Path.of(folder));
                }
            }
        }
        folders.add(Path.of("/usr/bin"));
        for (String name : NAMES) {
            for (Path folder : folders) {
                Path candidate = folder.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** @return why {@link #find()} found nothing, and how to fix it */
    public static String absentReason() {
        return "no Chromium found (looked for " + String.join(", ", NAMES) + " on PATH and in /usr/bin); "
                + "install it, for example: apt-get install -y chromium";
    }

    public Path executable() {
        return executable;
    }

    /** @return the page's DOM, serialised after its scripts ran in a window of the given size */
    public String dumpDom(Path html, int width, int height) throws IOException {
        return run(html, List.of("--window-size=" + width + "," + height, "--dump-dom"));
    }

    /** Saves a PNG of the page at the given window size. */
    public void screenshot(Path html, Path png, int width, int height) throws IOException {
        Files.deleteIfExists(png);
        run(html, List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath()));
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new IOException(executable + " wrote no screenshot to " + png);
        }
    }

    private String run(Path html, List<String> action) throws IOException {
        if (!Files.isRegularFile(html)) {
            throw new java.nio.file.NoSuchFileException(html.toString());
        }
        Path profile = Files.createTempDirectory("fanout-chromium-");
        Path out = profile.resolve("stdout.txt");
        Path err = profile.resolve("stderr.txt");
        try {
            List<String> command = new ArrayList<>(List.of(executable.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-extensions", "--mute-audio",
                    "--user-data-dir=" + profile.resolve("profile"),
                    "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS));
            command.addAll(action);
            command.add(html.toAbsolutePath().toUri().toString());
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            boolean finished;
            try {
                finished = process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(executable + " did not finish within " + TIME_LIMIT.toSeconds() + " s on " + html);
            }
            if (process.exitValue() != 0) {
                throw new IOException(executable + " exited with " + process.exitValue() + " on " + html + ": " + lastLines(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            deleteQuietly(profile);
        }
    }

    /** Chromium's own complaints, without the D-Bus noise a machine without a session bus produces. */
    private static String lastLines(Path err) throws IOException {
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.contains("dbus") && !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary profile left behind harms nothing.
        }
    }
}
