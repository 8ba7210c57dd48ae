package dev.fanout.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverloadSignalTest {

    /** An exception type that answers per instance, as an HTTP status exception does. */
    static final class StatusException extends IOException implements OverloadSignal {
        final int status;

        StatusException(int status) {
            super("HTTP " + status);
            this.status = status;
        }

        @Override
        public boolean overloaded() {
            return status == 429 || status == 503;
        }
    }

    @Test
    void theSameTypeAnswersPerInstance() {
        assertTrue(OverloadSignal.in(new StatusException(429)));
        assertTrue(OverloadSignal.in(new StatusException(503)));
        assertFalse(OverloadSignal.in(new StatusException(500)));
    }

    @Test
    void itIsFoundThroughWrappers() {
        assertTrue(OverloadSignal.in(new CompletionException(new StatusException(429))));
        assertTrue(OverloadSignal.in(new ExecutionException(new RuntimeException(new StatusException(429)))));
        assertFalse(OverloadSignal.in(new CompletionException(new StatusException(404))));
    }

    @Test
    void anythingElseIsNoOverload() {
        assertFalse(OverloadSignal.in(null));
        assertFalse(OverloadSignal.in(new IOException("connection reset")));
        assertFalse(OverloadSignal.in(new IllegalStateException("a bug")));
    }
}
