package dev.fanout.benchmarks.workload;

import dev.fanout.core.OverloadSignal;

import java.io.IOException;

/**
 * The server answered, with a status other than 2xx. A 429 or a 503 says the server is overloaded
 * ({@link OverloadSignal}): the adaptive strategy backs off on it.
 */
public final class HttpStatusException extends IOException implements OverloadSignal {

    private final int status;

    public HttpStatusException(int status, String path) {
        super("HTTP " + status + " from " + path);
        this.status = status;
    }

    /** @return whether the status says "too many requests" (429) or "unavailable" (503) */
    @Override
    public boolean overloaded() {
        return status == 429 || status == 503;
    }

    /** @return the HTTP status the server sent */
    public int status() {
        return status;
    }
}
