package dev.fanout.benchmarks.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file whole or not at all: a reader never sees half of it, a failure leaves the old one. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void writeString(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // not createTempFile: that makes the file owner-only, and results are meant to be shared
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            Files.writeString(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Checks up front that a file can be written there, so a long run does not fail at its end.
     *
     * @param option the option that named the file, for the message
     */
    public static void requireWritableTarget(String option, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException(option + ": the folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException(option + ": the folder " + dir + " is not writable");
        }
        if (Files.isDirectory(target)) {
            throw new UsageException(option + ": " + target + " is a folder, not a file");
        }
    }
}
