package dev.fanout.reports.render;

/** What the cells of one table were marked with, so its footnotes say only what applies. */
final class Marks {
    boolean picked;
    boolean harnessBound;
    boolean beyondIdeal;
    boolean extraRequests;
    boolean failed;
}
