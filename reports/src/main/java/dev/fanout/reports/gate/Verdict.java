package dev.fanout.reports.gate;

/** What the gate concluded for one metric of one point. The order is the order of the report. */
public enum Verdict {
    /** Worse beyond the tolerance and beyond the noise, and not explained by the machine. */
    REGRESSION("regression"),
    /** Better beyond the tolerance and beyond the noise, and not explained by the machine. */
    GAIN("gain"),
    /** The numbers cannot be compared (missing, NaN, infinite, other unit); listed as a problem. */
    NOT_COMPARABLE("cannot compare"),
    /**
     * A peer moved away from the other peers beyond the tolerance and the noise. The peers are the
     * yardstick, not the project's code: shown first among what moved, never failed.
     */
    PEER_MOVED("peer moved"),
    /** Moved beyond the tolerance, but the two runs' own noise could explain it. */
    WITHIN_NOISE("within noise"),
    /** Within the tolerance, or moved together with its yardstick (the machine). */
    UNCHANGED("unchanged"),
    /** An informational metric: shown, never gated. */
    NOT_GATED("not gated");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** @return the verdict as the report writes it */
    public String text() {
        return text;
    }
}
