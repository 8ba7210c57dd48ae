package dev.fanout.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverloadClassifierTest {

    @Test
    void theDefaultSeesOverloadSignalsAndTimeoutsThroughWrappers() {
        OverloadClassifier d = OverloadClassifier.DEFAULT;
        assertTrue(d.overloaded(new OverloadSignalTest.StatusException(429)));
        assertTrue(d.overloaded(new CompletionException(new OverloadSignalTest.StatusException(503))));
        assertTrue(d.overloaded(new SocketTimeoutException("read timed out")));
        assertTrue(d.overloaded(new HttpTimeoutException("request timed out")));
        assertTrue(d.overloaded(new CompletionException(new TimeoutException())));
        assertFalse(d.overloaded(new OverloadSignalTest.StatusException(500)));
        assertFalse(d.overloaded(new IOException("connection reset")));
        assertFalse(d.overloaded(null));
    }

    @Test
    void aClassifierThatThrowsCountsAsNo() {
        OverloadClassifier broken = error -> {
            throw new IllegalStateException("a bug in the classifier");
        };
        assertFalse(broken.test(new OverloadSignalTest.StatusException(429)));
        OverloadClassifier mine = error -> error instanceof IllegalArgumentException;
        assertTrue(mine.test(new IllegalArgumentException()));
        assertFalse(mine.test(new IOException()));
    }
}
