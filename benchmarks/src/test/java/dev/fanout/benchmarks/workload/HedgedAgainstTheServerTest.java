package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.Faults;
import dev.fanout.benchmarks.server.LatencyProfile;
import dev.fanout.core.FanOutOptions;
import dev.fanout.core.Outcome;
import dev.fanout.strategies.HedgedStrategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hedged strategy against the real latency server, through the real client: the server's own
 * records prove the bound and count the extra requests. Counts only, never speed.
 */
class HedgedAgainstTheServerTest {

    /** 5% of the calls take 400 ms: plenty of slow first attempts to hedge in a few hundred items. */
    private static final String TAIL = "bimodal:5ms,400ms,0.05";
    private static final int ITEMS = 400;
    private static final int WIDTH = 8;

    private record Run(FanOutMeasurement.Result result, List<Outcome<Integer>> outcomes, HedgedStrategy.Stats stats) {
    }

    private static Run run(HedgedStrategy hedged, Faults faults) throws Exception {
        try (Workload work = Workload.builder().latency(LatencyProfile.parse(TAIL)).faults(faults).seed(7)
                .maxInFlight(64).requestTimeout(Duration.ofSeconds(10)).start()) {
            WorkloadsForTests.warm(work);
            List<Outcome<Integer>> outcomes = new ArrayList<>();
            FanOutMeasurement.Result result = FanOutMeasurement.measure(hedged, FanOutOptions.builder().width(WIDTH).build(),
                    work, ITEMS, FanOutMeasurement.Order.COMPLETION, false, outcomes::add);
            assertEquals(ITEMS, outcomes.size(), "one outcome per item, however many attempts");
            return new Run(result, outcomes, hedged.stats());
        }
    }

    @Test
    void theServerNeverSeesMoreThanTheWidthAndCountsEachHedgeAsOneRequest() throws Exception {
        Run run = run(Hedging.strategy("30ms", 0.1, false), Faults.NONE);

        assertEquals(ITEMS, run.result().summary().succeeded());
        assertTrue(run.stats().hedgesStarted() > 0, "5% of the first attempts take 400 ms: some must be hedged");
        assertTrue(run.result().server().maxInFlight() <= WIDTH,
                "the server saw " + run.result().server().maxInFlight() + " in flight at width " + WIDTH
                        + ": a loser keeps its slot until its call ends, so the server's own count holds the bound");
        long extra = run.result().server().requests() - ITEMS;
        assertTrue(extra <= run.stats().hedgesStarted(), "each extra request is a hedge: " + extra + " > " + run.stats().hedgesStarted());
        assertTrue(extra <= 0.1 * ITEMS, "the budget of 10% caps the extra requests: " + extra);
    }

    @Test
    void againstAServerThatAnswers429TheExtraRequestsStayWithinTheBudget() throws Exception {
        // width 8 against a limit of 6: the server refuses some calls at once; hedging must not add to that
        double budget = 0.05;
        Run run = run(Hedging.strategy("30ms", budget, false), new Faults(0, 0, 0, 6));

        long tooMany = run.result().server().status(429);
        assertTrue(tooMany > 0, "width 8 against a limit of 6 must be refused sometimes");
        long extra = run.result().server().requests() - ITEMS;
        assertTrue(extra <= budget * ITEMS, "hedging added " + extra + " requests; its budget is " + budget * ITEMS);
        assertEquals(ITEMS, run.result().summary().succeeded() + run.result().summary().failed());
        assertTrue(run.result().server().maxInFlight() <= 6, "the server answers 429 above its limit; it never serves more");
    }
}
