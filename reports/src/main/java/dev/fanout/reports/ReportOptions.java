package dev.fanout.reports;

/**
 * How a report is drawn.
 *
 * @param latencyBoundFactor the tail-latency chart draws a reference line at this many times the
 *                           profile's median latency (a reading aid; the pick does not use it)
 * @param timelineWidth      the width whose batches the timeline and percentile charts show (the
 *                           nearest measured width when this one was not measured)
 */
public record ReportOptions(double latencyBoundFactor, int timelineWidth) {

    public static final double DEFAULT_LATENCY_BOUND_FACTOR = 3.0;
    public static final int DEFAULT_TIMELINE_WIDTH = 16;

    public ReportOptions {
        if (!Double.isFinite(latencyBoundFactor) || latencyBoundFactor <= 0) {
            throw new IllegalArgumentException("latencyBoundFactor must be a finite number above 0, got " + latencyBoundFactor);
        }
        if (timelineWidth < 1) {
            throw new IllegalArgumentException("timelineWidth must be at least 1, got " + timelineWidth);
        }
    }

    /** @return the defaults: a reference line at 3 x the median latency, timelines at width 16 */
    public static ReportOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ReportOptions}; {@link #build()} checks the values. */
    public static final class Builder {
        private double latencyBoundFactor = DEFAULT_LATENCY_BOUND_FACTOR;
        private int timelineWidth = DEFAULT_TIMELINE_WIDTH;

        private Builder() {
        }

        public Builder latencyBoundFactor(double factor) {
            this.latencyBoundFactor = factor;
            return this;
        }

        public Builder timelineWidth(int width) {
            this.timelineWidth = width;
            return this;
        }

        /** @throws IllegalArgumentException naming the argument that is out of range */
        public ReportOptions build() {
            return new ReportOptions(latencyBoundFactor, timelineWidth);
        }
    }
}
