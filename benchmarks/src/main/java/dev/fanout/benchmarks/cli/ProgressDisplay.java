package dev.fanout.benchmarks.cli;

import dev.fanout.core.Outcome;
import dev.fanout.core.Progress;
import dev.fanout.core.ProgressListener;
import dev.fanout.core.RunSummary;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * Shows a run's progress: a live bar (tqdm's Java counterpart, me.tongfei:progressbar) when
 * standard error is a terminal, and plain lines at every tenth otherwise, so logs stay readable.
 */
final class ProgressDisplay implements ProgressListener {

    private final boolean terminal;
    private final PrintStream out;
    private final String name;
    private volatile ProgressBar bar;
    /** The last tenth printed; guarded by this. */
    private long lastTenth;
    private volatile long total;

    private ProgressDisplay(boolean terminal, PrintStream out, String name) {
        this.terminal = terminal;
        this.out = out;
        this.name = name;
    }

    /** @return a display fit for where standard error goes */
    static ProgressDisplay forConsole(String name) {
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        return new ProgressDisplay(terminal, System.err, name);
    }

    /** @return a display that prints plain lines to {@code out} */
    static ProgressDisplay plain(PrintStream out, String name) {
        return new ProgressDisplay(false, out, name);
    }

    @Override
    public void runStarted(String strategy, long expected) {
        total = expected;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(Math.max(expected, 0))
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(100)
                    .setUnit(" items", 1).showSpeed().build();
        }
    }

    @Override
    public void taskFinished(Outcome<?> outcome, Progress progress) {
        if (bar != null) {
            bar.stepTo(progress.finished());
            return;
        }
        if (total > 0) {
            printTenth(progress);
        }
    }

    private synchronized void printTenth(Progress progress) {
        long tenth = progress.finished() * 10 / total;
        if (tenth > lastTenth) {
            lastTenth = tenth;
            out.printf("%s: %d%% (%d of %d items)%n", name, tenth * 10, progress.finished(), total);
        }
    }

    @Override
    public void runFinished(RunSummary summary) {
        if (bar != null) {
            bar.stepTo(summary.outcomes());
            bar.close();
        }
    }
}
