package dev.fanout.benchmarks.server;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MockWebServer's warning for a connection closed before its request is dropped; nothing else is. */
class IdleConnectionLogTest {

    @Test
    void onlyTheIdleConnectionWarningIsDropped() {
        java.util.logging.Logger log = LatencyServer.MOCK_WEB_SERVER_LOG;
        assertSame(log, java.util.logging.Logger.getLogger("mockwebserver3.MockWebServer"), "the logger MockWebServer writes to");
        assertFalse(log.getFilter().isLoggable(new LogRecord(Level.WARNING,
                "MockWebServer{port=60289} connection from /127.0.0.1 didn't make a request")));
        assertTrue(log.getFilter().isLoggable(new LogRecord(Level.WARNING, "MockWebServer{port=60289} failed unexpectedly")));
        assertTrue(log.getFilter().isLoggable(new LogRecord(Level.SEVERE, "MockWebServer{port=60289} connection from /127.0.0.1 crashed")));
        assertTrue(log.getFilter().isLoggable(new LogRecord(Level.INFO, null)));
    }
}
