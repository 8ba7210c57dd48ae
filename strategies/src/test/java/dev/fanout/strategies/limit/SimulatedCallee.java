package dev.fanout.strategies.limit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongToIntFunction;

/**
 * A callee and a caller that keeps as many calls in flight as a {@link Limit} allows, simulated
 * event by event on a {@link FakeClock}: no threads, no sleeps, the same result every time. The
 * callee either refuses a call at once (a 429) when K are already in hand, or serves K at once and
 * queues the rest; K may change with time.
 */
final class SimulatedCallee {

    enum Kind { REFUSES, QUEUES }

    /** What one simulated run saw. */
    record Run(List<long[]> limitOverTime, long calls, long refused, long refusedAfter, long callsAfter,
               List<Long> roundTripsAfterNanos) {

        /** @return the limit at {@code nanos} from the start */
        int limitAt(long nanos) {
            int limit = (int) limitOverTime.getFirst()[1];
            for (long[] point : limitOverTime) {
                if (point[0] > nanos) {
                    break;
                }
                limit = (int) point[1];
            }
            return limit;
        }

        /** @return the share of calls started after the settling time that were refused */
        double refusedShareAfter() {
            return callsAfter == 0 ? 0 : (double) refusedAfter / callsAfter;
        }

        /** @return the largest and the smallest limit from {@code fromNanos} on */
        int[] rangeFrom(long fromNanos) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            int current = limitAt(fromNanos);
            min = Math.min(min, current);
            max = Math.max(max, current);
            for (long[] point : limitOverTime) {
                if (point[0] >= fromNanos) {
                    min = Math.min(min, (int) point[1]);
                    max = Math.max(max, (int) point[1]);
                }
            }
            return new int[] {min, max};
        }

        double meanRoundTripAfterMs() {
            return roundTripsAfterNanos.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6;
        }
    }

    private record Event(long at, long started, int inFlight, boolean refused, long seq) {
    }

    private final Kind kind;
    private final LongToIntFunction capacityAt;
    private final long serviceNanos;
    private final long refusalNanos;

    /**
     * @param capacityAt K as a function of nanoseconds since the start
     */
    SimulatedCallee(Kind kind, LongToIntFunction capacityAt, double serviceMs) {
        this.kind = kind;
        this.capacityAt = capacityAt;
        this.serviceNanos = (long) (serviceMs * 1e6);
        this.refusalNanos = 200_000; // a 429 comes back in 0.2 ms
    }

    /**
     * Runs {@code calls} calls through {@code limit} with at most {@code ceiling} in flight.
     *
     * @param settleNanos calls started after this count in the "after" totals
     */
    Run run(FakeClock clock, Limit limit, int ceiling, long calls, long settleNanos) {
        long origin = clock.nanoTime();
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
        ArrayDeque<long[]> queue = new ArrayDeque<>(); // waiting calls: started, inFlight
        List<long[]> limits = new ArrayList<>();
        List<Long> roundTrips = new ArrayList<>();
        limits.add(new long[] {0, limit.limit()});
        long started = 0;
        long refused = 0;
        long refusedAfter = 0;
        long callsAfter = 0;
        int inFlight = 0;
        int serving = 0;
        long seq = 0;
        long now = origin;
        while (started < calls || !events.isEmpty()) {
            // the caller starts calls while the limit allows
            while (started < calls && inFlight < Math.min(ceiling, limit.limit())) {
                inFlight++;
                started++;
                boolean after = now - origin >= settleNanos;
                if (after) {
                    callsAfter++;
                }
                int k = capacityAt.applyAsInt(now - origin);
                if (kind == Kind.REFUSES) {
                    if (serving >= k) {
                        events.add(new Event(now + refusalNanos, now, inFlight, true, seq++));
                    } else {
                        serving++;
                        events.add(new Event(now + serviceNanos, now, inFlight, false, seq++));
                    }
                } else if (serving < k) {
                    serving++;
                    events.add(new Event(now + serviceNanos, now, inFlight, false, seq++));
                } else {
                    queue.add(new long[] {now, inFlight});
                }
            }
            Event e = events.poll();
            if (e == null) {
                break;
            }
            now = e.at;
            clock.set(now);
            inFlight--;
            if (e.refused) {
                refused++;
                if (e.started - origin >= settleNanos) {
                    refusedAfter++;
                }
            } else {
                serving--;
                if (e.started - origin >= settleNanos) {
                    roundTrips.add(now - e.started);
                }
                int k = capacityAt.applyAsInt(now - origin);
                while (kind == Kind.QUEUES && serving < k && !queue.isEmpty()) {
                    long[] waiting = queue.poll();
                    serving++;
                    events.add(new Event(now + serviceNanos, waiting[0], (int) waiting[1], false, seq++));
                }
            }
            int before = limit.limit();
            limit.onSample(e.started, now - e.started, e.inFlight, e.refused);
            if (limit.limit() != before) {
                limits.add(new long[] {now - origin, limit.limit()});
            }
        }
        return new Run(limits, started, refused, refusedAfter, callsAfter, roundTrips);
    }
}
