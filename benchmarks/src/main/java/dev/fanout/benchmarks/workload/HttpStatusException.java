package dev.fanout.benchmarks.workload;

import java.io.IOException;

/** The server answered, with a status other than 2xx. */
public final class HttpStatusException extends IOException {

    private final int status;

    public HttpStatusException(int status, String path) {
        super("HTTP " + status + " from " + path);
        this.status = status;
    }

    /** @return the HTTP status the server sent */
    public int status() {
        return status;
    }
}
