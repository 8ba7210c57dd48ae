package dev.fanout.core.contract;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every contract scenario {@code -Dfanout.contract.repeat=N} times (default 1), each
 * repetition under its own liveness bound, and stops at the first repetition that fails, naming it.
 * A promise about interleavings shows its races only now and then: repeated many times with the
 * run's scheduling noise on ({@code -Dfanout.noise=true}, see {@code dev.fanout.core.run.SchedulingNoise}),
 * an unlucky interleaving comes within a few hundred repetitions.
 *
 * <p>{@code -Dfanout.contract.seconds=S} caps each scenario's repetitions at about S seconds, for a
 * long run over many scenarios: a scenario then stops at N or when its time is up, whichever comes
 * first. {@code -Dfanout.contract.liveness=S} sets the liveness bound (default 120 s); when it is
 * reached, every thread's stack is printed and saved before the scenario fails. With more than one
 * repetition, each scenario prints how many passed, so a stress run can be counted
 * (docs/contract.md). A scenario skipped by an assumption is skipped once, not repeated.
 */
public final class ContractRepetition implements InvocationInterceptor {

    /** How many times each scenario runs. */
    static final int REPEAT = Integer.getInteger("fanout.contract.repeat", 1);
    /** A liveness bound per repetition, so a broken strategy fails instead of hanging; not a speed limit. */
    static final long LIVENESS_SECONDS = Long.getLong("fanout.contract.liveness", 120);
    /** The most time one scenario's repetitions may take, or 0 for no cap. */
    static final long SECONDS = Long.getLong("fanout.contract.seconds", 0);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            body -> Thread.ofPlatform().daemon(true).name("contract-liveness").unstarted(body));

    static {
        if (REPEAT < 1) {
            throw new IllegalArgumentException("fanout.contract.repeat must be at least 1, was " + REPEAT);
        }
        if (SECONDS < 0) {
            throw new IllegalArgumentException("fanout.contract.seconds must be at least 0, was " + SECONDS);
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                    ExtensionContext extension) throws Throwable {
        repeat(invocation, context, extension);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                            ExtensionContext extension) throws Throwable {
        repeat(invocation, context, extension);
    }

    private static void repeat(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                               ExtensionContext extension) throws Throwable {
        Method method = context.getExecutable();
        Object target = context.getTarget().orElseThrow();
        Object[] arguments = context.getArguments().toArray();
        method.setAccessible(true);
        invocation.skip(); // the repetitions below are the invocation
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        int r = 1;
        for (; r <= REPEAT && (SECONDS == 0 || r == 1 || System.nanoTime() - giveUpAt < 0); r++) {
            Thread.interrupted(); // a scenario that interrupts its caller must not leak into the next repetition
            Thread tester = Thread.currentThread();
            AtomicBoolean gaveUp = new AtomicBoolean();
            AtomicReference<String> dump = new AtomicReference<>("");
            ScheduledFuture<?> liveness = WATCHDOG.schedule(() -> {
                gaveUp.set(true);
                dump.set(dumpThreads()); // before the interrupt: what is stuck, and where
                tester.interrupt();
            }, LIVENESS_SECONDS, TimeUnit.SECONDS);
            try {
                method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TestAbortedException) {
                    throw cause;
                }
                throw failed(r, gaveUp.get(), cause, dump.get());
            } finally {
                liveness.cancel(false);
            }
            if (gaveUp.get()) {
                throw failed(r, true, null, dump.get());
            }
        }
        Thread.interrupted();
        if (REPEAT > 1) {
            System.out.printf("[contract] %s.%s: %d repetitions passed (noise %s)%n",
                    extension.getRequiredTestClass().getSimpleName(), method.getName()
                            + (arguments.length == 0 ? "" : " " + extension.getDisplayName()), r - 1,
                    dev.fanout.core.run.SchedulingNoise.on() ? "on" : "off");
        }
    }

    /**
     * Every thread's stack, virtual threads included ({@code Thread.getAllStackTraces} has platform
     * threads only, and a strategy's tasks are mostly virtual), printed and saved to a file: a hang
     * that comes once in hundreds of repetitions must be readable from the one log that caught it.
     *
     * @return where the dump is, for the failure message
     */
    static String dumpThreads() {
        try {
            Path file = Files.createTempDirectory("fanout-liveness-").resolve("threads.txt").toAbsolutePath();
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            System.out.println("[contract] liveness: every thread at the moment it gave up (" + file + "):");
            System.out.println(Files.readString(file));
            return "; threads: " + file;
        } catch (IOException | RuntimeException e) {
            return "; no thread dump: " + e;
        }
    }

    private static AssertionError failed(int repetition, boolean gaveUp, Throwable cause, String dump) {
        String where = REPEAT == 1 ? "" : "repetition " + repetition + " of " + REPEAT + ": ";
        String what = gaveUp ? "gave up after " + LIVENESS_SECONDS + " s (liveness)" + dump : String.valueOf(cause);
        AssertionError error = new AssertionError(where + what, cause);
        if (cause instanceof AssertionError assertion && !gaveUp) {
            error = new AssertionError(where + assertion.getMessage(), assertion);
        }
        return error;
    }
}
