package dev.fanout.reports.render;

import dev.fanout.reports.results.Timeline;
import dev.fanout.reports.results.Timeline.Span;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimelineSlotsTest {

    private static Span span(long index, double start, double end) {
        return new Span(index, start, end, "success");
    }

    private static Map<Long, Integer> slots(TimelineSlots.Layout layout) {
        return layout.bars().stream().collect(Collectors.toMap(TimelineSlots.Bar::index, TimelineSlots.Bar::slot));
    }

    @Test
    void eachRequestTakesTheLowestSlotFreeWhenItStarts() {
        // 0 and 1 start together; 2 starts when 1 (slot 1) has ended but 0 still runs; 3 after both.
        Timeline t = new Timeline(40, List.of(span(0, 0, 30), span(1, 0, 10), span(2, 12, 20), span(3, 31, 40)));
        TimelineSlots.Layout layout = TimelineSlots.assign(t);
        assertEquals(Map.of(0L, 0, 1L, 1, 2L, 1, 3L, 0), slots(layout));
        assertEquals(2, layout.slots());
    }

    @Test
    void aSlotIsFreeAtTheInstantItsRequestEnds() {
        Timeline t = new Timeline(20, List.of(span(1, 10, 20), span(0, 0, 10)));
        TimelineSlots.Layout layout = TimelineSlots.assign(t);
        assertEquals(1, layout.slots());
        assertEquals(List.of(0L, 1L), layout.bars().stream().map(TimelineSlots.Bar::index).toList(), "in start order");
    }

    @Test
    void aBoundedWindowFillsExactlyItsWidthAndAllAtOnceOneSlotPerRequest() {
        List<Span> window = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            window.add(span(i, (i / 4) * 20.0, (i / 4) * 20.0 + 20));
        }
        assertEquals(4, TimelineSlots.assign(new Timeline(60, window)).slots());
        List<Span> everything = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            everything.add(span(i, i * 0.01, 20 + i));
        }
        assertEquals(12, TimelineSlots.assign(new Timeline(32, everything)).slots());
    }

    @Test
    void requestsThatNeverStartedAreCountedNotDrawn() {
        Timeline t = new Timeline(10, List.of(span(0, 0, 10), new Span(1, Double.NaN, Double.NaN, "cancelled")));
        TimelineSlots.Layout layout = TimelineSlots.assign(t);
        assertEquals(1, layout.bars().size());
        assertEquals(1, layout.notStarted());
    }
}
