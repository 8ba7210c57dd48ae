package dev.fanout.strategies;

import dev.fanout.core.Capabilities;
import dev.fanout.core.ThreadKind;
import dev.fanout.core.run.AbstractFanOutStrategy;
import dev.fanout.core.run.Call;
import dev.fanout.core.run.FanOutRun;

/*
 * ALL-AT-ONCE: start everything, then wait.
 *
 * The idea. Every input gets its own virtual thread immediately; then the caller waits for all of
 * them. With a server that keeps up, the makespan is the slowest single call, whatever N is.
 *
 * asyncio:   tasks = [asyncio.create_task(fetch(u)) for u in urls]
 *            results = await asyncio.gather(*tasks)
 *
 * Pick it when N is small and known, and the service on the other side is yours or is built to take
 * N requests at once.
 *
 * The trap. There is no bound. N = 10,000 means 10,000 sockets and 10,000 requests arriving
 * together: a real service answers 429 or falls over, connection backlogs overflow, and memory is
 * O(N) because the whole input is read before the first result. The width option does not apply,
 * and the strategy declares that (Width.UNBOUNDED, unlimited read-ahead) rather than ignoring it
 * silently. Never feed it an endless iterator.
 *
 * What the benchmark shows. The best makespan at small N, because it is the one strategy that ignores
 * the width: the server's in-flight peak equals N, where every other strategy's equals W. As N grows
 * the harness ceiling takes over and p99 sojourn latency climbs with N. Measured by ./fanout bench
 * (sections http, http-tail and sim, the report's tables, where the sentence against the peers
 * prints its peak); the report never picks it, for the reason above.
 */
public final class AllAtOnceStrategy extends AbstractFanOutStrategy {

    public static final String NAME = "all-at-once";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a virtual thread per input, all started at once, then wait (gather with no cap); unbounded";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Capabilities.Width.UNBOUNDED, Capabilities.UNLIMITED, true, ThreadKind.VIRTUAL);
    }

    @Override
    protected <I, R> void fanOut(FanOutRun<I, R> run) throws InterruptedException {
        for (Call<I, R> call; (call = run.next()) != null; ) {
            Call<I, R> each = call;
            run.startThread(() -> run.execute(each));
        }
        // "then wait": the run hands over outcomes as they finish until every input has one.
    }
}
