package dev.fanout.benchmarks.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and keeps what it printed. */
record CommandLineCapture(int exitCode, String out, String err) {

    static synchronized CommandLineCapture run(String... args) {
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

    /** @return the error output, which for bad input must be exactly one line */
    String errorLine() {
        String trimmed = err.strip();
        if (trimmed.contains("\n")) {
            throw new AssertionError("expected one line of error output, got:\n" + err);
        }
        return trimmed;
    }
}
