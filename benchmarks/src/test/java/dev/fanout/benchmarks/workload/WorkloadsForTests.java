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
}
