package dev.fanout.benchmarks.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and keeps what it printed (for the tests of every command package). */
public record CommandLineCapture(int exitCode, String out, String err) {

    public static synchronized CommandLineCapture run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = FanoutCli.execute(args);
            return new CommandLineCapture(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * Starts the command line in-process on a thread of its own, keeping what it prints, for a command
     * that runs until it is stopped ({@code serve}); {@link Running#finish} waits for its end. Standard
     * output and error stay captured until then.
     */
    static Running start(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().name("fanout-" + String.join("-", args).replaceAll("[^a-z-]", "")).start(() -> {
            try {
                exit.complete(FanoutCli.execute(args));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        });
        return new Running(exit, out, err, oldOut, oldErr);
    }

    /** A command line running in-process. */
    record Running(java.util.concurrent.CompletableFuture<Integer> exit, ByteArrayOutputStream out,
                   ByteArrayOutputStream err, PrintStream oldOut, PrintStream oldErr) {

        /** @return the first line of standard output that starts with {@code prefix}, once printed */
        String awaitLine(String prefix, java.time.Duration patience) throws InterruptedException {
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline) {
                java.util.Optional<String> line = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(prefix)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
                if (exit.isDone()) {
                    break;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no line starting with '" + prefix + "' (exit " + exit.getNow(null) + "); out:\n"
                    + out.toString(StandardCharsets.UTF_8) + "\nerr:\n" + err.toString(StandardCharsets.UTF_8));
        }

        /** Waits for the end (liveness bound only) and restores standard output and error. */
        CommandLineCapture finish(java.time.Duration patience) throws Exception {
            try {
                int code = exit.get(patience.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
                return new CommandLineCapture(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
    }

    /** @return the error output, which for bad input must be exactly one line */
    String errorLine() {
        String trimmed = err.strip();
        if (trimmed.contains("\n")) {
            throw new AssertionError("expected one line of error output, got:\n" + err);
        }
        return trimmed;
    }
}
