package dev.fanout.reports;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file whole or not at all: a reader never sees half of it, a failure leaves the old one. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target}, whole or not at all. */
    public static void writeString(Path target, String content) throws IOException {
        Path temp = tempBeside(target);
        try {
            Files.writeString(temp, content);
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Copies {@code source} over {@code target}, whole or not at all. */
    public static void copy(Path source, Path target) throws IOException {
        Path temp = tempBeside(target);
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Not createTempFile: that makes the file owner-only, and results are meant to be shared. */
    private static Path tempBeside(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        return dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Checks up front that a file can be written there, so a long run does not fail at its end.
     *
     * @param option the option that named the file, for the message
     * @throws IllegalArgumentException naming the option and what is wrong
     */
    public static void requireWritableTarget(String option, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + ": the folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + ": the folder " + dir + " is not writable");
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(option + ": " + target + " is a folder, not a file");
        }
    }
}
