package dev.fanout.reports.render;

import dev.fanout.reports.results.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Lays a batch's requests out in rows for the timeline picture: each request goes to the
 * lowest-numbered slot that is free when it starts. A bounded strategy then fills exactly
 * {@code width} rows, and the shapes of the strategies (a sliding window, steady workers, one wave
 * of everything) show without the report knowing anything about them.
 */
final class TimelineSlots {

    /** A request placed in a slot (from 0). */
    record Bar(long index, double startMs, double endMs, String outcome, int slot) {
    }

    /**
     * @param bars       the requests that started, in start order
     * @param slots      rows used: the most requests in flight at once
     * @param notStarted requests that never started (cancelled before their turn)
     */
    record Layout(List<Bar> bars, int slots, int notStarted) {
    }

    private TimelineSlots() {
    }

    static Layout assign(Timeline timeline) {
        List<Timeline.Span> started = timeline.spans().stream()
                .filter(Timeline.Span::started)
                .sorted(Comparator.comparingDouble(Timeline.Span::startMs).thenComparingLong(Timeline.Span::index))
                .toList();
        TreeSet<Integer> free = new TreeSet<>();
        PriorityQueue<Bar> busy = new PriorityQueue<>(Comparator.comparingDouble(Bar::endMs));
        List<Bar> bars = new ArrayList<>(started.size());
        int slots = 0;
        for (Timeline.Span span : started) {
            // A slot whose request ended at or before this start is free again.
            while (!busy.isEmpty() && busy.peek().endMs() <= span.startMs()) {
                free.add(busy.poll().slot());
            }
            int slot = free.isEmpty() ? slots++ : free.pollFirst();
            Bar bar = new Bar(span.index(), span.startMs(), span.endMs(), span.outcome(), slot);
            busy.add(bar);
            bars.add(bar);
        }
        return new Layout(bars, slots, timeline.spans().size() - started.size());
    }
}
