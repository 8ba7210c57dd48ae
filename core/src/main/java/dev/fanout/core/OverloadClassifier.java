package dev.fanout.core;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Whether a call's failure says the callee is overloaded: the one question every strategy that
 * backs off asks (adaptive lowers its limit, hedged stops hedging), answered in one place with one
 * default, and given to either builder as {@code overloadWhen}.
 *
 * <p>The {@linkplain #DEFAULT default} says yes to an {@link OverloadSignal} that says so (an HTTP
 * 429 or 503 a task's exception reports) and to a call that timed out in the client (a
 * {@link TimeoutException}, {@link SocketTimeoutException} or {@link HttpTimeoutException}): a
 * callee too slow to answer is the first sign of one too busy to, and the safe side for both a
 * limit and a hedge is to back off. A strategy's own per-task timeout is the strategy's business
 * (adaptive counts it as a loss; it never reaches a classifier).
 */
@FunctionalInterface
public interface OverloadClassifier {

    /** An {@link OverloadSignal} that says so, or a timeout, anywhere in the cause chain. */
    OverloadClassifier DEFAULT = OverloadClassifier::signalOrTimeout;

    /** @return whether this failure says the callee is overloaded */
    boolean overloaded(Throwable error);

    /**
     * Asks without letting the classifier break the run: one that throws counts as no.
     *
     * @return whether the failure counts as an overload
     */
    default boolean test(Throwable error) {
        try {
            return overloaded(error);
        } catch (RuntimeException classifierFailed) {
            return false;
        }
    }

    /** @return the default's answer: {@link OverloadSignal#in}, or a timeout in the cause chain */
    static boolean signalOrTimeout(Throwable error) {
        if (OverloadSignal.in(error)) {
            return true;
        }
        int depth = 0;
        for (Throwable t = error; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
