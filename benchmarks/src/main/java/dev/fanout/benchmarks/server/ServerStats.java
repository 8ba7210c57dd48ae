package dev.fanout.benchmarks.server;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the server saw: its own truth, independent of what the client believes. The in-process sim
 * workload fills the same record with its own counts (no connections, no faults).
 *
 * @param requests            requests received
 * @param byStatus            responses written, by HTTP status
 * @param disconnected        connections closed on purpose instead of answering
 * @param stalled             requests left unanswered on purpose
 * @param maxInFlight         the most requests the server had in hand at once
 * @param connectionsAccepted connections accepted
 * @param connectionsOpen     connections open now: accepted, and neither closed by the server nor
 *                            seen closed by the client (end of stream or reset on a read or write)
 */
public record ServerStats(long requests, Map<Integer, Long> byStatus, long disconnected, long stalled, int maxInFlight,
                          long connectionsAccepted, int connectionsOpen) {

    public ServerStats {
        byStatus = java.util.Collections.unmodifiableMap(new TreeMap<>(byStatus));
    }

    /** @return responses with this status */
    public long status(int code) {
        return byStatus.getOrDefault(code, 0L);
    }
}
