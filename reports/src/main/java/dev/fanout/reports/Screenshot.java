package dev.fanout.reports;

import dev.fanout.reports.browser.PageCheck;

import java.nio.file.Path;
import java.util.List;

/** The outcome of {@link Reports#screenshot}: a picture, or why there is none. */
public sealed interface Screenshot {

    /**
     * The screenshot was saved.
     *
     * @param file  index.png, beside index.html
     * @param check what the page reported about itself in the browser
     */
    record Saved(Path file, PageCheck check) implements Screenshot {

        /** @return script errors, blocked outside requests, charts that did not draw; empty when all was well */
        public List<String> problems() {
            return check.problems();
        }
    }

    /** No screenshot: no browser to take it with. */
    record Skipped(String reason) implements Screenshot {
    }
}
