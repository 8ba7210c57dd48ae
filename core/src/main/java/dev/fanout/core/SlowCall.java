package dev.fanout.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A call whose {@link AsyncFanOutTask#callAsync} held the caller's thread longer than a threshold
 * before it returned its future: asyncio's debug-mode warning ("Executing &lt;Task ...&gt; took
 * 0.150 seconds", {@code loop.slow_callback_duration}), once per run.
 *
 * <p>Why it matters. A non-blocking strategy starts every call from one thread, its event loop. A
 * {@code callAsync} that blocks before it returns (it makes the request synchronously, then hands
 * back a completed future) holds that thread, so nothing else starts meanwhile: the strategy has
 * silently become sequential, and nothing fails. A run reports the first such call, and how many
 * there were, in {@link RunSummary#slowCall()}.
 *
 * @param index     the index of the first input whose call held the caller too long
 * @param input     that input, as text ({@link String#valueOf}, cut to {@value #INPUT_TEXT_LIMIT}
 *                  characters)
 * @param held      how long its {@code callAsync} held the caller's thread
 * @param threshold the limit it crossed
 * @param count     how many calls of the run crossed it, the first included
 */
public record SlowCall(long index, String input, Duration held, Duration threshold, long count) {

    /** The longest input text kept: an input is named, not dumped. */
    public static final int INPUT_TEXT_LIMIT = 100;

    public SlowCall {
        Objects.requireNonNull(input, "input must not be null");
        Objects.requireNonNull(held, "held must not be null");
        Objects.requireNonNull(threshold, "threshold must not be null");
        if (index < 0) {
            throw new IllegalArgumentException("index must be at least 0, was " + index);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }

    /**
     * @param input the input object; its text is cut to {@value #INPUT_TEXT_LIMIT} characters
     * @return a report of a slow call
     */
    public static SlowCall of(long index, Object input, Duration held, Duration threshold, long count) {
        String text = String.valueOf(input);
        if (text.length() > INPUT_TEXT_LIMIT) {
            text = text.substring(0, INPUT_TEXT_LIMIT - 3) + "...";
        }
        return new SlowCall(index, text, held, threshold, count);
    }

    /**
     * @return one line for a person, e.g. {@code callAsync held the caller's thread 812.0 ms for
     *         input 17, over the 100.0 ms threshold (5 calls did): it blocks before returning its
     *         future, which turns a non-blocking strategy sequential}
     */
    public String message() {
        String named = input.equals(Long.toString(index)) ? "input " + index : "input " + index + " (" + input + ")";
        String others = count > 1 ? " (" + count + " calls did)" : "";
        return "callAsync held the caller's thread " + millis(held) + " for " + named + ", over the "
                + millis(threshold) + " threshold" + others
                + ": it blocks before returning its future, which turns a non-blocking strategy sequential";
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
