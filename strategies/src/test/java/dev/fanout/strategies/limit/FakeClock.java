package dev.fanout.strategies.limit;

import dev.fanout.core.NanoClock;

/** A clock that moves only when told: the limits read nothing else, so a test decides every time. */
final class FakeClock implements NanoClock {

    private long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    void set(long nanos) {
        now = nanos;
    }

    void advanceMillis(double millis) {
        now += (long) (millis * 1e6);
    }
}
