package dev.fanout.reports.results;

import java.util.Locale;
import java.util.Optional;

/**
 * What a point measures: one of the project's strategies, or a peer, the plain-JDK or Reactor code a
 * user would write without the project (a yardstick the project's own code cannot move). A point
 * whose params hold {@code peer} is a peer point; one whose params hold {@code strategy}, a strategy
 * point. The name of the param is the kind's name.
 */
public enum PointKind {
    STRATEGY,
    PEER;

    /** @return {@code strategy} or {@code peer}: the manifest's word and the JMH param's name */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the kind a manifest names, if it names one */
    public static Optional<PointKind> of(String label) {
        for (PointKind k : values()) {
            if (k.label().equals(label)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
