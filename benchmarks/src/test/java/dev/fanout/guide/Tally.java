package dev.fanout.guide;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outcomes by kind, as examples/asyncio/_common.py's {@code Tally} counts them: a status is ok, a
 * timeout is timed out, a cancellation is cancelled, any other exception failed. Thread-safe: the
 * ports count from many threads at once.
 */
final class Tally {

    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder cancelled = new LongAdder();

    void count(int status) {
        ok.increment();
    }

    void count(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause(); // a future's wrapper: count what the call itself threw
        }
        if (cause instanceof CancellationException || cause instanceof InterruptedException) {
            cancelled.increment();
        } else if (cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            timedOut.increment();
        } else {
            failed.increment();
        }
    }

    long ok() {
        return ok.sum();
    }

    long failed() {
        return failed.sum();
    }

    long timedOut() {
        return timedOut.sum();
    }

    long cancelled() {
        return cancelled.sum();
    }

    long all() {
        return ok() + failed() + timedOut() + cancelled();
    }

    @Override
    public String toString() {
        return "ok=" + ok() + " failed=" + failed() + " timed_out=" + timedOut() + " cancelled=" + cancelled();
    }
}
