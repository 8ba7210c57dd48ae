package dev.fanout.strategies;

import dev.fanout.core.FanOutStrategy;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a library user gets in a JVM started without {@code --enable-preview}, as most services run:
 * the packaged fanout-core and fanout-strategies jars, and a plain program ({@code NoPreviewProbe},
 * run from source) that creates every strategy through the registry and fans out with it. This test
 * JVM has the preview flag (the build gives it to every test), so only a child JVM can show this.
 *
 * <p>Every strategy but {@code structured} runs; {@code structured} is the registry's one-line
 * error naming the flag and the JEP, not a class-version error. Once on the class path, once on the
 * module path, where the jars are the modules their manifests name.
 */
class PlainJvmIT {

    private static final List<String> EXPECTED = StrategyRegistry.names().stream()
            .map(name -> name + ": " + (StrategyRegistry.needsPreview(name)
                    ? "java.lang.IllegalStateException: strategy 'structured' uses the JDK 25 preview API StructuredTaskScope"
                            + " (JEP 505): run the JVM with --enable-preview, or pick another strategy"
                    : "[10, 20, 30]"))
            .toList();

    @Test
    void onTheClassPathEveryStrategyButStructuredRunsAndStructuredSaysWhichFlag() throws Exception {
        List<String> out = runProbe("-cp", jars());
        assertEquals(EXPECTED, out.subList(0, EXPECTED.size()), String.join("\n", out));
        assertEquals("modules: null null", out.getLast());
    }

    @Test
    void onTheModulePathTheJarsAreTheModulesTheirManifestsName() throws Exception {
        List<String> out = runProbe("--module-path", jars(), "--add-modules", "dev.fanout.strategies");
        assertEquals(EXPECTED, out.subList(0, EXPECTED.size()), String.join("\n", out));
        assertEquals("modules: dev.fanout.core dev.fanout.strategies", out.getLast());
    }

    /** @return the probe's output lines, after checking it ran without the preview flag and exited 0 */
    private static List<String> runProbe(String... jvmOptions) throws IOException, InterruptedException, URISyntaxException {
        Path probe = Path.of(PlainJvmIT.class.getResource("NoPreviewProbe.java").toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.add(probe.toString());
        Path errors = Files.createTempFile("no-preview-probe", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        // Either variable would add options to the child JVM, --enable-preview among them.
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process child = builder.start();
        byte[] output = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the probe did not exit");
        List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();
        String stderr = Files.readString(errors);
        Files.delete(errors);
        assertEquals(0, child.exitValue(), String.join("\n", lines) + "\n" + stderr);
        String options = lines.stream().filter(l -> l.startsWith("jvm options: ")).findFirst().orElseThrow();
        assertFalse(options.contains("preview"), options);
        return lines;
    }

    /** @return the two packaged jars, as a path list */
    private static String jars() throws URISyntaxException {
        Path core = Path.of(FanOutStrategy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path strategies = Path.of(System.getProperty("fanout.strategies.jar", "(fanout.strategies.jar is not set)"));
        for (Path jar : List.of(core, strategies)) {
            assertTrue(jar.toString().endsWith(".jar") && Files.isRegularFile(jar),
                    jar + ": not a packaged jar; run this test with `mvnw verify`, after `package`");
        }
        return core + File.pathSeparator + strategies;
    }
}
