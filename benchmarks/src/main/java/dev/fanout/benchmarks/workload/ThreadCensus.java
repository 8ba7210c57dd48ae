package dev.fanout.benchmarks.workload;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Counts the client-side threads a fan-out keeps alive: the strategy's and the HTTP client's, not
 * the local server's. The question it answers is asyncio's: does a call in flight cost a thread?
 *
 * <p>It listens to the JVM's own thread start and end events through JDK Flight Recorder, virtual
 * threads included ({@code ThreadMXBean} and {@code Thread.getAllStackTraces} see platform threads
 * only, so they would count a semaphore's 1,024 virtual threads as none). Threads the server runs
 * (MockWebServer names them after itself), JFR's own and this census's are left out. What it
 * reports: the most threads started during the fan-out that were alive at once, and the client's
 * own threads that were already running when it began (the JDK client's selector, OkHttp's
 * connection-pool cleaner), which serve the fan-out too. Beside the threads, the CPU time the whole
 * process spent during the fan-out ({@link Count#describeCpu}).
 */
public final class ThreadCensus implements AutoCloseable {

    /** Thread names that are not the client side: the local server's, JFR's, the JVM's. */
    private static final List<String> NOT_CLIENT = List.of("MockWebServer", "JFR ", "JFR:", "Common-Cleaner",
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Notification Thread", "Attach Listener",
            "process reaper", "ProgressBar", HeapFootprint.SAMPLER);
    /** Names of the client threads that may exist before the fan-out starts. */
    private static final List<String> CLIENT = List.of("HttpClient-", "OkHttp", "fanout-");

    /**
     * @param peakStarted    the most threads started during the fan-out alive at once
     * @param started        threads started during the fan-out in all
     * @param clientExisting client threads already alive when it began
     * @param names          a few of the names seen, most frequent first (for the reader)
     * @param cpuNanos       CPU time the whole process spent meanwhile, every thread's and the GC's
     */
    public record Count(int peakStarted, long started, int clientExisting, List<String> names, long cpuNanos) {

        /** @return every client-side thread alive at the peak, the caller's own not counted */
        public int peak() {
            return peakStarted + clientExisting;
        }

        /**
         * @return one line for {@code fanout run}: the process's CPU time per call. It is the
         *         client's, the strategy's, the garbage collector's and this census's own (a JFR event
         *         per thread started and ended), and on {@code http} the in-process server's too, which
         *         is the same for every strategy: compare strategies on one workload and client.
         */
        public String describeCpu(long calls) {
            return String.format(Locale.ROOT, "%,.1f us of process CPU per call (%,.0f ms over %,d calls; client, strategy, GC"
                    + " and, on http, the in-process server)", cpuNanos / 1e3 / Math.max(1, calls), cpuNanos / 1e6, calls);
        }

        /** @return one line for {@code fanout run} */
        public String describe() {
            return String.format(Locale.ROOT, "at most %d alive at once (%d started by the fan-out, %,d in all; %d of the client's"
                    + " already running); the server's not counted", peak(), peakStarted, started, clientExisting)
                    + (names.isEmpty() ? "" : "; e.g. " + String.join(", ", names));
        }
    }

    private record Change(Instant at, long threadId, int delta, String name) {
    }

    private final RecordingStream stream = new RecordingStream();
    private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();
    private final Set<Long> startedHere = ConcurrentHashMap.newKeySet();
    private final int clientExisting;
    private final long cpuAtStart;

    private ThreadCensus() {
        for (String event : List.of("jdk.ThreadStart", "jdk.ThreadEnd", "jdk.VirtualThreadStart", "jdk.VirtualThreadEnd")) {
            stream.enable(event);
            stream.onEvent(event, this::record);
        }
        stream.setMaxAge(Duration.ofMinutes(1));
        this.clientExisting = clientThreadsAlive();
        this.cpuAtStart = processCpuNanos();
    }

    /** @return the client threads (by name) alive now, whichever client they belong to */
    static int clientThreadsAlive() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && CLIENT.stream().anyMatch(t.getName()::startsWith)).count();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** Starts listening; call {@link #stop()} when the fan-out has returned. */
    public static ThreadCensus start() {
        ThreadCensus census = new ThreadCensus();
        census.stream.startAsync();
        return census;
    }

    private void record(RecordedEvent event) {
        String type = event.getEventType().getName();
        boolean start = type.endsWith("Start");
        boolean virtual = type.startsWith("jdk.Virtual");
        // A virtual thread's start event does not always resolve its thread (the constant pool may
        // not hold it any more), but it always carries its id; the name comes from any event of it.
        RecordedThread thread = virtual ? event.getThread() : event.getThread("thread");
        long id = virtual ? event.getLong("javaThreadId") : thread == null ? -1 : thread.getJavaThreadId();
        if (id < 0) {
            return;
        }
        String name = thread == null ? null : thread.getJavaName();
        changes.add(new Change(event.getStartTime(), id, start ? 1 : -1, name));
    }

    /** Stops listening (flushing what the JVM has recorded) and counts. */
    public Count stop() {
        long cpuNanos = processCpuNanos() - cpuAtStart;
        stream.stop();
        List<Change> sorted = new ArrayList<>(changes);
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        for (Change c : sorted) {
            if (c.name() != null) {
                names.putIfAbsent(c.threadId(), c.name());
            }
        }
        sorted.removeIf(c -> NOT_CLIENT.stream().anyMatch(names.getOrDefault(c.threadId(), "")::startsWith));
        sorted.sort(Comparator.comparing(Change::at).thenComparing(Change::delta, Comparator.reverseOrder()));
        int alive = 0;
        int peak = 0;
        long started = 0;
        java.util.Map<String, Long> byName = new java.util.HashMap<>();
        for (Change c : sorted) {
            if (c.delta() > 0) {
                startedHere.add(c.threadId());
                started++;
                String name = names.getOrDefault(c.threadId(), "");
                byName.merge(name.isEmpty() ? "(unnamed)" : name.replaceAll("-?\\d+$", "-N"), 1L, Long::sum);
            } else if (!startedHere.remove(c.threadId())) {
                continue; // a thread that was already running when the census began
            }
            alive += c.delta();
            peak = Math.max(peak, alive);
        }
        List<String> top = byName.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(e -> e.getKey() + " x" + e.getValue()).toList();
        return new Count(peak, started, clientExisting, top, cpuNanos);
    }

    @Override
    public void close() {
        stream.close();
    }
}
