package dev.fanout.strategies;

import dev.fanout.core.FanOutOptions;
import dev.fanout.core.FanOutResult;
import dev.fanout.core.FanOutStrategy;
import dev.fanout.core.FanOutTask;
import dev.fanout.core.Outcome;
import dev.fanout.core.contract.FanOutStrategyContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkedStrategyTest extends FanOutStrategyContract {
    @Override
    protected FanOutStrategy strategy() {
        return new ChunkedStrategy();
    }

    // ------------------------------------------------------------------ what only chunked does

    @Test
    @DisplayName("the barrier: no call of a slice starts before every call of the slice before it is decided")
    void eachSliceStartsOnlyAfterTheWholeSliceBeforeIt() throws Exception {
        int width = 4;
        int n = 22; // five whole slices and a short one
        // the first call of each slice is the slow one: a sliding window would start the next input
        // as soon as one of the fast three ends, long before the slow one does
        FanOutTask<Long, Long> task = i -> {
            if (i % width == 0) {
                Thread.sleep(30);
            }
            return i;
        };
        FanOutResult<Long> result = new ChunkedStrategy().gather(LongStream.range(0, n).boxed().toList(), task,
                FanOutOptions.builder().width(width).build());

        assertTrue(result.allSucceeded());
        List<Outcome<Long>> outcomes = result.outcomes();
        for (int slice = 1; slice * width < n; slice++) {
            List<Outcome<Long>> before = outcomes.subList((slice - 1) * width, slice * width);
            List<Outcome<Long>> next = outcomes.subList(slice * width, Math.min(n, (slice + 1) * width));
            long lastFinished = before.stream().mapToLong(o -> o.timing().finishedNanos()).max().orElseThrow();
            long firstStarted = next.stream().mapToLong(o -> o.timing().startedNanos()).min().orElseThrow();
            long firstRead = next.stream().mapToLong(o -> o.timing().queuedNanos()).min().orElseThrow();
            assertTrue(firstRead >= lastFinished, "slice " + slice + " was read before the slice before it ended");
            assertTrue(firstStarted >= lastFinished, "slice " + slice + " started before the slice before it ended");
        }
    }
}
