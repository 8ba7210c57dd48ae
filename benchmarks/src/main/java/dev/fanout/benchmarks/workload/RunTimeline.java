package dev.fanout.benchmarks.workload;

import dev.fanout.benchmarks.server.LimitSchedule;
import dev.fanout.core.Outcome;
import dev.fanout.strategies.limit.LimitListener;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One run over time: every move of an adaptive limit, and every call's start, end and status.
 * What {@code fanout run} draws the limit from, and what a benchmark scenario measures: the 429s
 * after the first second, the service latency once settled, how long the limit took to come within
 * 20% of the server's K and to follow it when K changed.
 *
 * <p>Times are nanoseconds of the run's clock; {@link #start} sets the origin. Recording is
 * thread-safe (calls end on many threads); reading is for after the run.
 */
public final class RunTimeline implements LimitListener {

    /** A call's status when it has no HTTP status of its own. */
    public static final int FAILED = -1;
    public static final int TIMED_OUT = -2;
    public static final int CANCELLED = -3;

    private final Object lock = new Object();
    private final List<long[]> limits = new ArrayList<>();
    private final List<long[]> calls = new ArrayList<>();
    private volatile long origin;
    private volatile boolean started;

    /** Sets the origin of every time this timeline reports; changes heard before it count from it too. */
    public void start(long originNanos) {
        origin = originNanos;
        started = true;
    }

    /** @return the origin, nanoseconds of the run's clock */
    public long origin() {
        return origin;
    }

    @Override
    public void limitChanged(long nanos, int limit) {
        synchronized (lock) {
            limits.add(new long[] {nanos, limit});
        }
    }

    /**
     * @param status the HTTP status (200, 429, 500...), or {@link #FAILED}, {@link #TIMED_OUT},
     *               {@link #CANCELLED}
     */
    public void call(long startedNanos, long finishedNanos, int status) {
        synchronized (lock) {
            calls.add(new long[] {startedNanos, finishedNanos, status});
        }
    }

    /** Records an outcome of the http workload (a failure's HTTP status, when it has one). Calls never started are left out. */
    public void outcome(Outcome<?> o) {
        if (!o.timing().started()) {
            return;
        }
        int status = switch (o) {
            case Outcome.Success<?> s -> s.value() instanceof Integer code ? code : 200;
            case Outcome.Failure<?> f -> statusOf(f.error());
            case Outcome.TimedOut<?> t -> TIMED_OUT;
            case Outcome.Cancelled<?> c -> CANCELLED;
        };
        call(o.timing().startedNanos(), o.timing().finishedNanos(), status);
    }

    /** @return the HTTP status of a failure, or {@link #FAILED} */
    public static int statusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpStatusException h) {
                return h.status();
            }
        }
        return FAILED;
    }

    /** @return whether any limit was heard */
    public boolean hasLimit() {
        synchronized (lock) {
            return !limits.isEmpty();
        }
    }

    private List<long[]> limitsSorted() {
        synchronized (lock) {
            List<long[]> copy = new ArrayList<>(limits);
            copy.sort((a, b) -> Long.compare(a[0], b[0]));
            return copy;
        }
    }

    private List<long[]> callsCopy() {
        synchronized (lock) {
            return new ArrayList<>(calls);
        }
    }

    /** @return nanoseconds from the origin to the last call's end (0 with no calls) */
    public long endNanos() {
        long end = 0;
        for (long[] c : callsCopy()) {
            end = Math.max(end, c[1] - origin);
        }
        return end;
    }

    /** @return the limit at {@code nanos} from the origin (the first value heard before it), or -1 without a limit */
    public int limitAt(long nanos) {
        int value = -1;
        for (long[] l : limitsSorted()) {
            if (l[0] - origin > nanos && value >= 0) {
                break;
            }
            value = (int) l[1];
        }
        return value;
    }

    /**
     * One slot of time.
     *
     * @param fromMs       the slot's start, ms from the origin
     * @param limitMin     the lowest limit in it (-1 without a limit)
     * @param limitMax     the highest
     * @param limitEnd     the limit at its end
     * @param started      calls started in it
     * @param ok           of those, answered 2xx
     * @param tooMany      of those, answered 429
     */
    public record Slot(double fromMs, int limitMin, int limitMax, int limitEnd, long started, long ok, long tooMany) {
    }

    /** @return the run cut into slots of {@code slotNanos}, from the origin to the last call's end */
    public List<Slot> slots(long slotNanos) {
        long end = Math.max(endNanos(), 1);
        int n = (int) Math.min(100_000, (end + slotNanos - 1) / slotNanos);
        long[] started = new long[n];
        long[] ok = new long[n];
        long[] tooMany = new long[n];
        for (long[] c : callsCopy()) {
            int i = (int) Math.max(0, Math.min(n - 1, (c[0] - origin) / slotNanos));
            started[i]++;
            if (c[2] >= 200 && c[2] < 300) {
                ok[i]++;
            } else if (c[2] == 429) {
                tooMany[i]++;
            }
        }
        List<long[]> ls = limitsSorted();
        List<Slot> slots = new ArrayList<>(n);
        int current = -1;
        int k = 0;
        for (int i = 0; i < n; i++) {
            long slotEnd = (i + 1) * slotNanos;
            int min = current;
            int max = current;
            while (k < ls.size() && ls.get(k)[0] - origin < slotEnd) {
                current = (int) ls.get(k)[1];
                min = min < 0 ? current : Math.min(min, current);
                max = Math.max(max, current);
                k++;
            }
            slots.add(new Slot(i * slotNanos / 1e6, min, max, current, started[i], ok[i], tooMany[i]));
        }
        return slots;
    }

    /** @return every move of the limit as {ms from the origin, limit}, at most {@code maxPoints} (the extremes of each stretch kept) */
    public List<double[]> limitPoints(int maxPoints) {
        List<long[]> ls = limitsSorted();
        List<double[]> points = new ArrayList<>();
        if (ls.size() <= maxPoints) {
            for (long[] l : ls) {
                points.add(new double[] {Math.max(0, l[0] - origin) / 1e6, l[1]});
            }
            return points;
        }
        int per = (ls.size() + maxPoints / 2 - 1) / (maxPoints / 2);
        for (int i = 0; i < ls.size(); i += per) {
            long[] lo = ls.get(i);
            long[] hi = ls.get(i);
            for (int j = i; j < Math.min(ls.size(), i + per); j++) {
                if (ls.get(j)[1] < lo[1]) {
                    lo = ls.get(j);
                }
                if (ls.get(j)[1] > hi[1]) {
                    hi = ls.get(j);
                }
            }
            long[] first = lo[0] <= hi[0] ? lo : hi;
            long[] second = first == lo ? hi : lo;
            points.add(new double[] {Math.max(0, first[0] - origin) / 1e6, first[1]});
            if (second != first) {
                points.add(new double[] {Math.max(0, second[0] - origin) / 1e6, second[1]});
            }
        }
        return points;
    }

    /** @return calls started at or after {@code fromNanos} (from the origin) */
    public long startedFrom(long fromNanos) {
        return callsCopy().stream().filter(c -> c[0] - origin >= fromNanos).count();
    }

    /** @return calls started at or after {@code fromNanos} whose status was {@code status} */
    public long statusFrom(long fromNanos, int status) {
        return callsCopy().stream().filter(c -> c[0] - origin >= fromNanos && c[2] == status).count();
    }

    /** @return the round trips of calls answered 2xx that started at or after {@code fromNanos}, in microseconds */
    public Histogram okServiceMicros(long fromNanos) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (long[] c : callsCopy()) {
            if (c[0] - origin >= fromNanos && c[2] >= 200 && c[2] < 300) {
                h.recordValue(Math.max(0, (c[1] - c[0]) / 1000));
            }
        }
        return h;
    }

    /**
     * How long the limit took to settle within {@code tolerance} of the server's K in one phase of
     * its schedule: from the phase's start (0, or the time K last changed before {@code phaseEnd}) to
     * the moment after which it never left the band until the phase ended.
     *
     * @param phase     which step of the schedule (0 the first)
     * @param tolerance 0.2 for "within 20%"
     * @return milliseconds from the phase's start; empty when it ended outside the band, or without a limit
     */
    public OptionalDouble settledMs(LimitSchedule schedule, int phase, double tolerance) {
        if (!hasLimit() || phase >= schedule.steps().size()) {
            return OptionalDouble.empty();
        }
        long from = schedule.steps().get(phase).from().toNanos();
        long to = phase + 1 < schedule.steps().size() ? schedule.steps().get(phase + 1).from().toNanos() : Long.MAX_VALUE;
        int k = schedule.steps().get(phase).limit();
        if (k <= 0) {
            return OptionalDouble.empty();
        }
        double low = k * (1 - tolerance);
        double high = k * (1 + tolerance);
        int current = limitAt(from);
        long settledAt = current >= low && current <= high ? from : -1;
        for (long[] l : limitsSorted()) {
            long t = l[0] - origin;
            if (t <= from) {
                continue;
            }
            if (t >= to) {
                break;
            }
            boolean inside = l[1] >= low && l[1] <= high;
            if (!inside) {
                settledAt = -1;
            } else if (settledAt < 0) {
                settledAt = t;
            }
        }
        return settledAt < 0 ? OptionalDouble.empty() : OptionalDouble.of((settledAt - from) / 1e6);
    }

    /**
     * @return the share of the time from {@code fromNanos} to the run's end (or {@code toNanos})
     *         the limit spent within {@code tolerance} of {@code k}; NaN without a limit
     */
    public double shareWithin(int k, double tolerance, long fromNanos, long toNanos) {
        if (!hasLimit() || toNanos <= fromNanos) {
            return Double.NaN;
        }
        double low = k * (1 - tolerance);
        double high = k * (1 + tolerance);
        long inside = 0;
        long t = fromNanos;
        int current = limitAt(fromNanos);
        for (long[] l : limitsSorted()) {
            long at = l[0] - origin;
            if (at <= fromNanos) {
                continue;
            }
            if (at >= toNanos) {
                break;
            }
            if (current >= low && current <= high) {
                inside += at - t;
            }
            t = at;
            current = (int) l[1];
        }
        if (current >= low && current <= high) {
            inside += toNanos - t;
        }
        return (double) inside / (toNanos - fromNanos);
    }
}
