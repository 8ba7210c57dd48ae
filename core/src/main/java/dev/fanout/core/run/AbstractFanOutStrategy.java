package dev.fanout.core.run;

import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.OutcomeSink;
import dev.fanout.core.RunSummary;

import java.util.Iterator;

/**
 * The base of a strategy that writes only its shape: {@link #fanOut(FanOutRun)} decides when and on
 * which thread each input runs. This class opens the run, waits for every outcome, and on an
 * interrupt (or any exception) cancels everything and waits for it to stop before rethrowing.
 */
public abstract class AbstractFanOutStrategy implements FanOutStrategy {

    @Override
    public final <I, R> RunSummary stream(Iterator<? extends I> inputs, FanOutTask<I, R> task,
                                          FanOutOptions options, OutcomeSink<R> sink) throws InterruptedException {
        FanOutRun<I, R> run = FanOutRun.open(this, inputs, task, options, sink);
        try {
            fanOut(run);
            run.awaitSettled();
        } catch (Throwable t) {
            run.abort();
            run.close();
            run.finishAborted();
            throw t;
        }
        run.close();
        return run.finish();
    }

    /**
     * Runs every input of the run: take calls from {@link FanOutRun#next()} until it returns
     * {@code null}, and have each one {@linkplain FanOutRun#execute executed} on some thread, never
     * more than {@link FanOutRun#width()} at once. Threads must come from the run
     * ({@link FanOutRun#startThread}, {@link FanOutRun#threadFactory()}) so none is left behind.
     * It may return before the last call has finished; the caller waits for them.
     *
     * @throws InterruptedException when the caller's thread is interrupted
     */
    protected abstract <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException;

    @Override
    public String toString() {
        return name();
    }
}
