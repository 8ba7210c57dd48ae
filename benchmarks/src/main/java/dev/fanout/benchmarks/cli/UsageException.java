package dev.fanout.benchmarks.cli;

/**
 * Bad input from the user: the command prints the message as one line and exits 2, having written
 * nothing.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    /**
     * Runs an argument check or parse and turns its {@link IllegalArgumentException} into a usage
     * error with the same message, after {@code prefix} (an option name and ": ", or ""), unless
     * the message already names that option ("--latency hdr: cannot read ...").
     */
    static <T> T check(String prefix, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            String option = prefix.endsWith(": ") ? prefix.substring(0, prefix.length() - 2) : prefix;
            String message = String.valueOf(e.getMessage());
            boolean named = !option.isEmpty() && message.startsWith(option);
            throw new UsageException(named ? message : prefix + message);
        }
    }
}
