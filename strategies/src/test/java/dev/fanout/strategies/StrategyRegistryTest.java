package dev.fanout.strategies;

import dev.fanout.core.FanOutStrategy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyRegistryTest {

    @Test
    void everyStrategyClassInThePackageIsRegistered() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (FanOutStrategy strategy : StrategyRegistry.all()) {
            registered.add(strategy.getClass().getName());
        }
        Set<String> found = new TreeSet<>(strategyClassesIn(SemaphoreStrategy.class));
        assertFalse(found.isEmpty(), "no strategy classes found on disk");
        assertEquals(found, registered, "every concrete FanOutStrategy in dev.fanout.strategies must be in StrategyRegistry");
    }

    @Test
    void namesAreStableShortAndMatchTheStrategies() {
        assertEquals(List.of("sequential", "all-at-once", "semaphore", "worker-pool", "structured", "async", "chunked", "adaptive", "hedged"), StrategyRegistry.names());
        for (String name : StrategyRegistry.names()) {
            FanOutStrategy strategy = StrategyRegistry.create(name);
            assertEquals(name, strategy.name());
            assertTrue(name.matches("[a-z][a-z0-9-]*"), name);
            assertFalse(strategy.description().isBlank());
        }
    }

    @Test
    void unknownNameIsRejectedListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StrategyRegistry.create("nope"));
        assertEquals("unknown strategy 'nope'; valid names: sequential, all-at-once, semaphore, worker-pool, structured, async, chunked, adaptive, hedged",
                e.getMessage());
    }

    @Test
    void onlyStructuredNeedsThePreviewFlagAndItIsLoadedByItsRealClassName() {
        assertEquals(List.of("structured"), StrategyRegistry.names().stream().filter(StrategyRegistry::needsPreview).toList());
        assertEquals(StructuredStrategy.class.getName(), StrategyRegistry.STRUCTURED_CLASS);
        // This JVM has --enable-preview, so the class loads; PlainJvmIT shows a JVM without it.
        assertEquals(StructuredStrategy.class, StrategyRegistry.create("structured").getClass());
        assertEquals("unknown strategy 'nope'; valid names: sequential, all-at-once, semaphore, worker-pool, structured, async, chunked, adaptive, hedged",
                assertThrows(IllegalArgumentException.class, () -> StrategyRegistry.needsPreview("nope")).getMessage());
    }

    @Test
    void aSubstituteForThePreviewStrategyIsCreatedWithoutItsClass() {
        String key = StrategyRegistry.SUBSTITUTE_PREFIX + "structured";
        try {
            System.setProperty(key, RenamedStructured.class.getName());
            assertEquals(RenamedStructured.class, StrategyRegistry.create("structured").getClass());
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void aSystemPropertySubstitutesAVariantUnderTheSameName() {
        String key = StrategyRegistry.SUBSTITUTE_PREFIX + "semaphore";
        try {
            System.setProperty(key, RenamedSemaphore.class.getName());
            assertEquals(RenamedSemaphore.class, StrategyRegistry.create("semaphore").getClass());
            System.setProperty(key, SequentialStrategy.class.getName());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StrategyRegistry.create("semaphore"));
            assertTrue(e.getMessage().contains("reports the name 'sequential', not 'semaphore'"), e.getMessage());
            System.setProperty(key, "no.such.Class");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> StrategyRegistry.create("semaphore"))
                    .getMessage().startsWith(key + "=no.such.Class: not a FanOutStrategy"));
        } finally {
            System.clearProperty(key);
        }
        assertEquals(SemaphoreStrategy.class, StrategyRegistry.create("semaphore").getClass());
    }

    /** A variant of the semaphore strategy, as an experiment would substitute it. */
    public static final class RenamedSemaphore extends dev.fanout.core.run.AbstractFanOutStrategy {
        private final SemaphoreStrategy original = new SemaphoreStrategy();

        @Override
        public String name() {
            return "semaphore";
        }

        @Override
        public String description() {
            return "the semaphore strategy, substituted";
        }

        @Override
        public dev.fanout.core.Capabilities capabilities() {
            return original.capabilities();
        }

        @Override
        protected <I, R> void fanOut(dev.fanout.core.run.FanOutRun<I, R> run) throws InterruptedException {
            for (dev.fanout.core.run.Call<I, R> call; (call = run.next()) != null; ) {
                run.execute(call);
            }
        }
    }

    /** A variant under the preview strategy's name that uses no preview API: a plain JVM can run it. */
    public static final class RenamedStructured extends dev.fanout.core.run.AbstractFanOutStrategy {
        private final RenamedSemaphore plain = new RenamedSemaphore();

        @Override
        public String name() {
            return "structured";
        }

        @Override
        public String description() {
            return "the semaphore strategy, under the structured strategy's name";
        }

        @Override
        public dev.fanout.core.Capabilities capabilities() {
            return plain.capabilities();
        }

        @Override
        protected <I, R> void fanOut(dev.fanout.core.run.FanOutRun<I, R> run) throws InterruptedException {
            plain.fanOut(run);
        }
    }

    /** Concrete FanOutStrategy classes compiled into the same folder (or jar) as {@code anchor}. */
    private static List<String> strategyClassesIn(Class<?> anchor) throws IOException, URISyntaxException {
        Path dir = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(anchor.getPackageName().replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> anchor.getPackageName() + "." + f.substring(0, f.length() - ".class".length()))
                    .filter(StrategyRegistryTest::isConcreteStrategy)
                    .toList();
        }
    }

    private static boolean isConcreteStrategy(String className) {
        try {
            Class<?> c = Class.forName(className);
            return FanOutStrategy.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
