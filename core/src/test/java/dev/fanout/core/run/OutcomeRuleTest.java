package dev.fanout.core.run;

import dev.fanout.core.run.OutcomeRule.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The outcome rule, case by case: what the run saw, and what it must call it. */
class OutcomeRuleTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                                        | ended first | interrupted by | error                | interrupt pending | on caller | verdict
            returned before any interrupt                                 | true        | CANCEL         | none                 | false             | false     | SUCCESS
            threw before any interrupt                                    | true        | CANCEL         | IOException          | false             | false     | FAILURE
            threw InterruptedException of its own, on its own thread      | true        | CANCEL         | InterruptedException | false             | false     | FAILURE
            threw InterruptedException on the caller's thread             | true        | CANCEL         | InterruptedException | false             | true      | CANCELLED
            any other error on the caller's thread                        | true        | CANCEL         | IOException          | false             | true      | FAILURE
            timed out, answered the interrupt                             | false       | TIMEOUT        | InterruptedException | false             | false     | TIMED_OUT
            timed out, returned anyway                                    | false       | TIMEOUT        | none                 | false             | false     | TIMED_OUT
            timed out, failed on its own meanwhile                        | false       | TIMEOUT        | IOException          | true              | false     | TIMED_OUT
            past the deadline                                             | false       | DEADLINE       | InterruptedException | false             | false     | PAST_DEADLINE
            past the deadline, failed on its own meanwhile                | false       | DEADLINE       | IOException          | true              | false     | PAST_DEADLINE
            cancelled, answered with InterruptedException                 | false       | CANCEL         | InterruptedException | false             | false     | CANCELLED
            cancelled, returned anyway                                    | false       | CANCEL         | none                 | true              | false     | CANCELLED
            cancelled, answered with an error of its own (reset socket)   | false       | CANCEL         | IOException          | false             | false     | CANCELLED
            cancelled, failed before the interrupt reached it             | false       | CANCEL         | IOException          | true              | false     | FAILURE
            cancelled future, failed on its own (no thread: pending)      | false       | CANCEL         | IOException          | true              | false     | FAILURE
            cancelled future, its error a CancellationException           | false       | CANCEL         | CancellationException| true              | false     | CANCELLED
            cancelled, interrupt pending, error wraps InterruptedIOException | false    | CANCEL         | wrapped InterruptedIOException | true    | false     | CANCELLED
            cancelled, interrupt pending, ClosedByInterruptException      | false       | CANCEL         | ClosedByInterruptException | true        | false     | CANCELLED
            """)
    void decides(String name, boolean endedFirst, Call.Interruption why, String error, boolean interruptPending,
                 boolean onCaller, Verdict verdict) {
        assertEquals(verdict, OutcomeRule.decide(endedFirst, why, error(error), interruptPending, onCaller), name);
    }

    private static Throwable error(String name) {
        return switch (name) {
            case "none" -> null;
            case "IOException" -> new IOException("connection reset");
            case "InterruptedException" -> new InterruptedException();
            case "CancellationException" -> new CancellationException();
            case "wrapped InterruptedIOException" -> new UncheckedIOException(new InterruptedIOException());
            case "ClosedByInterruptException" -> new ClosedByInterruptException();
            default -> throw new IllegalArgumentException("no such error in the table: " + name);
        };
    }
}
