package dev.fanout.reports.results;

/**
 * The secondary metrics every point carries in jmh.json (docs/results-format.md), with the column
 * name results.csv gives each. One list, so the reader's check and the CSV cannot drift apart.
 */
public enum PointMetric {
    EFFICIENCY("efficiency", "efficiency"),
    IDEAL_MS("idealMs", "ideal_ms"),
    SERVICE_P50("service.p50", "service_p50_ms"),
    SERVICE_P90("service.p90", "service_p90_ms"),
    SERVICE_P99("service.p99", "service_p99_ms"),
    SERVICE_P999("service.p999", "service_p999_ms"),
    SERVICE_MAX("service.max", "service_max_ms"),
    SOJOURN_P50("sojourn.p50", "sojourn_p50_ms"),
    SOJOURN_P90("sojourn.p90", "sojourn_p90_ms"),
    SOJOURN_P99("sojourn.p99", "sojourn_p99_ms"),
    SOJOURN_P999("sojourn.p999", "sojourn_p999_ms"),
    SOJOURN_MAX("sojourn.max", "sojourn_max_ms"),
    SERVER_MAX_IN_FLIGHT("server.maxInFlight", "server_max_in_flight"),
    REQUEST_RATE("requestRate", "request_rate_per_s"),
    HARNESS_BOUND("harnessBound", "harness_bound");

    private final String label;
    private final String column;

    PointMetric(String label, String column) {
        this.label = label;
        this.column = column;
    }

    /** @return the secondary metric's label in jmh.json */
    public String label() {
        return label;
    }

    /** @return the column's name in results.csv */
    public String column() {
        return column;
    }
}
