package dev.fanout.core.run;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;

/**
 * The one rule that decides what ended a call, as a pure function of what the run saw: the run
 * keeps the state machine (who won the call's state), this says what that means. Every strategy's
 * calls go through it, including those whose tasks run on threads of the strategy's own making
 * (hedged's attempts), so the same event gets the same outcome everywhere.
 *
 * <ul>
 *   <li>The task ended before the run interrupted it: its value is a success, its error a failure
 *       (an {@link InterruptedException} too: the run did not send it), except on the caller's own
 *       thread, where an interrupt is the caller's and cancels.</li>
 *   <li>The run interrupted it first: timed out (a per-task timeout or the deadline) or cancelled,
 *       whatever the task then returned or threw, with one exception: a cancelled task that failed
 *       on its own before the cancellation reached it keeps its failure. It did so if its thread's
 *       interrupt is still pending (the task never looked) and nothing in its error's cause chain
 *       answers an interrupt or a cancel.</li>
 * </ul>
 */
final class OutcomeRule {

    /** What ended a call. */
    enum Verdict { SUCCESS, FAILURE, TIMED_OUT, PAST_DEADLINE, CANCELLED }

    private OutcomeRule() {
    }

    /**
     * @param endedFirst       whether the task ended before the run interrupted it
     * @param why              why the run interrupted it; ignored if it ended first
     * @param error            what the task threw, or {@code null} if it returned
     * @param interruptPending whether the run's interrupt was still pending on the task's thread when
     *                         it ended ({@code true} when no thread of the run ran it: a future,
     *                         where only the error can tell)
     * @param onCaller         whether the task ran on the run's caller thread
     */
    static Verdict decide(boolean endedFirst, Call.Interruption why, Throwable error,
                          boolean interruptPending, boolean onCaller) {
        if (endedFirst) {
            if (error == null) {
                return Verdict.SUCCESS;
            }
            return onCaller && error instanceof InterruptedException ? Verdict.CANCELLED : Verdict.FAILURE;
        }
        return switch (why) {
            case TIMEOUT -> Verdict.TIMED_OUT;
            case DEADLINE -> Verdict.PAST_DEADLINE;
            case CANCEL -> error != null && interruptPending && !answersAnInterrupt(error) ? Verdict.FAILURE : Verdict.CANCELLED;
        };
    }

    /** @return whether the error is, or was caused by, an answer to an interrupt or a cancel */
    static boolean answersAnInterrupt(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException
                    || t instanceof ClosedByInterruptException || t instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }
}
