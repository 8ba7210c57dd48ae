package dev.fanout.reports.gate;

/**
 * What a point's change was judged against: how the machine moved between the two runs, measured on
 * other points of the same runs with the same parameters. The order is from the strongest to none.
 */
public enum Yardstick {
    /**
     * The peers: plain-JDK and Reactor fan-outs that use none of the project's run machinery. A
     * slower machine moves them with the strategies; a slower {@code FanOutRun} moves only the
     * strategies, so a change shared by every strategy is seen.
     */
    PEERS("peers"),
    /** A peer's own yardstick: the other peers. A peer is the yardstick, not the project's code: never gated. */
    OTHER_PEERS("other peers"),
    /**
     * The other strategies, when the runs have no peers: a slower machine cancels out, but so does a
     * change shared by every strategy.
     */
    OTHER_STRATEGIES("other strategies"),
    /** Nothing to cancel the machine against: absolute numbers, with the stricter rule for them. */
    NONE("none");

    private final String text;

    Yardstick(String text) {
        this.text = text;
    }

    /** @return the yardstick as the report writes it */
    public String text() {
        return text;
    }
}
