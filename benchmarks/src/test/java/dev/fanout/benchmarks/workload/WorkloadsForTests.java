package dev.fanout.benchmarks.workload;

/** Test helpers for workloads, shared by the tests of several packages. */
public final class WorkloadsForTests {

    private WorkloadsForTests() {
    }

    /**
     * One call answered at once, so the client's classes are loaded before a test counts what is in
     * flight: on a loaded machine a cold client took longer to open its first connections than a
     * 300 ms call lasts, and the server saw 38 of 40 calls at once.
     */
    public static void warm(Workload work) throws Exception {
        work.answerAtOnce(true);
        try {
            work.task().call(-1L);
        } finally {
            work.answerAtOnce(false);
        }
    }

    /**
     * A registered strategy that fills its width from the first call: the adaptive one with its
     * limit starting at the ceiling (by default it starts at 10 and grows from answers, so a batch
     * of two widths would not reach a width of 32; AdaptiveLimitTest covers that).
     */
    public static dev.fanout.core.FanOutStrategy atFullWidth(String name) {
        return name.equals(dev.fanout.strategies.AdaptiveStrategy.NAME)
                ? dev.fanout.strategies.AdaptiveStrategy.builder().initialLimit(Integer.MAX_VALUE).build()
                : dev.fanout.strategies.StrategyRegistry.create(name);
    }
}
