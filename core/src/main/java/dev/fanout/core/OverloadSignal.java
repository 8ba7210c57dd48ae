package dev.fanout.core;

/**
 * Implemented by an exception that can say the callee refused a call because it is overloaded:
 * HTTP 429 Too Many Requests or 503 Service Unavailable, gRPC {@code RESOURCE_EXHAUSTED}, a pool's
 * "too many connections". A strategy cannot know HTTP; this is how a task tells it "back off", and
 * what an adaptive strategy counts as a loss (with timeouts).
 *
 * <p>An interface an exception implements, not an exception class, so an existing exception type
 * (one that carries a status, say) can answer per instance: the same type says {@code true} for a
 * 429 and {@code false} for a 500. A task whose own exceptions cannot implement it wraps them in one
 * that does, or the strategy is given a classifier of its own.
 *
 * <pre>{@code
 * final class HttpStatusException extends IOException implements OverloadSignal {
 *     public boolean overloaded() { return status == 429 || status == 503; }
 * }
 * }</pre>
 */
public interface OverloadSignal {

    /** @return whether this failure says the callee is overloaded */
    boolean overloaded();

    /**
     * @return whether {@code error}, or an exception in its cause chain (a
     *         {@link java.util.concurrent.CompletionException} around it, say), is an
     *         {@code OverloadSignal} that says the callee is overloaded
     */
    static boolean in(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof OverloadSignal signal) {
                return signal.overloaded();
            }
        }
        return false;
    }
}
