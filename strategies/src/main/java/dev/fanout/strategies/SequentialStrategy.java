package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

/*
 * SEQUENTIAL: one call after another.
 *
 * The idea. The loop that awaits each call before it starts the next. Nothing overlaps, so N calls
 * of latency L take N x L. Every other strategy is measured against this baseline.
 *
 * asyncio:   for url in urls:
 *                result = await fetch(url)
 *
 * Pick it when calls must not overlap (ordered side effects, an API that allows one request at a
 * time), or when N is so small that concurrency is noise.
 *
 * The trap. In async code it looks concurrent ("it is all await!") but awaiting inside the loop
 * serialises everything. Here there is no disguise: the task runs on the caller's own thread and no
 * thread is started at all. The width is ignored, and the strategy says so (Width.ONE) instead of
 * pretending.
 *
 * The second trap: the caller's interrupt. The task runs on the caller's thread, so the caller's
 * interrupt lands on the task itself, not on the run. A task that answers it by throwing cancels
 * the run as it should; a task that catches InterruptedException and returns normally swallows it,
 * and the loop goes on to the next input as if the caller had never asked it to stop. No code can
 * see an interrupt that was cleared, so no strategy can fix this: the task must restore the flag
 * (Thread.currentThread().interrupt()) or rethrow. By the same token an InterruptedException the
 * task throws by itself is the caller's interrupt here, and cancels the run. The strategy declares
 * both (Capabilities.tasksOnCallerThread); every other strategy puts the run between the caller
 * and the task, and there a task's own interrupt ends that task only.
 *
 * What the benchmark shows. items/s = 1 / (L + harness overhead) whatever the width: a flat line
 * while the others climb. Its efficiency stays high, because its ideal is also one at a time: it is
 * as good as a loop can be, less the harness's overhead per request, which is what a baseline is
 * for. Measured by ./fanout bench (section http, the report's table "HTTP against the local latency
 * server", one row at the smallest width); docs/benchmarks.md shows a run.
 */
public final class SequentialStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "sequential";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one call after another on the caller's thread (await in a loop); the baseline";
    }

    @Override
    public Capabilities capabilities() {
        // tasks on the caller's own thread: its interrupt reaches them directly (see the trap)
        return new Capabilities(Capabilities.Width.ONE, 0, true, null, true);
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        for (Call<I, R> call; (call = run.next()) != null; ) {
            run.execute(call);
        }
    }
}
