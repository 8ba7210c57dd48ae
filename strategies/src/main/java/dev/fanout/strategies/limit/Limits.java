package dev.fanout.strategies.limit;

/** The argument checks the limits' builders share, so every message names its argument alike. */
final class Limits {

    private Limits() {
    }

    static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    static double backoffRatio(double value) {
        if (!(value >= 0.5 && value < 1)) {
            throw new IllegalArgumentException("backoffRatio must be from 0.5 to below 1 (what a loss multiplies the limit by), was " + value);
        }
        return value;
    }
}
