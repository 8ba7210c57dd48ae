package dev.fanout.reports;

import java.nio.file.Path;

/**
 * Results that cannot be read: a missing or corrupt file, a folder of another format. The message
 * is one line that names the file and says what is wrong; the command line prints it and exits 2.
 */
public final class ResultsException extends Exception {

    private final transient Path file;

    public ResultsException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ResultsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** @return the file or folder the problem is in */
    public Path file() {
        return file;
    }
}
