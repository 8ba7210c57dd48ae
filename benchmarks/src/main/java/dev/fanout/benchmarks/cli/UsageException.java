package dev.fanout.benchmarks.cli;

/**
 * Bad input from the user: the command prints the message as one line and exits 2, having written
 * nothing.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
