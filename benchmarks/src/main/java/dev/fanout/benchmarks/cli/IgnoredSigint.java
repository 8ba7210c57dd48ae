package dev.fanout.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether Ctrl-C can reach this process. A process started with SIGINT ignored (under {@code nohup},
 * or as a background job of a shell without job control) passes that on to its children, and a JVM
 * keeps an ignored SIGINT ignored: Ctrl-C then does nothing, and only SIGTERM or a set duration stops
 * a server. Linux tells it in {@code /proc/self/status}; elsewhere the answer is "no".
 */
public final class IgnoredSigint {

    private static final long SIGINT_BIT = 1L << 1; // the mask's bit n-1 is signal n; SIGINT is 2

    private IgnoredSigint() {
    }

    /** @return whether this JVM has SIGINT ignored; false where the system does not say */
    public static boolean inThisProcess() {
        try {
            return fromStatus(Files.readAllLines(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException notLinux) {
            return false;
        }
    }

    /** @param status the lines of {@code /proc/<pid>/status}; its {@code SigIgn:} line is a hexadecimal mask */
    static boolean fromStatus(List<String> status) {
        return status.stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16) & SIGINT_BIT) != 0)
                .orElse(false);
    }
}
