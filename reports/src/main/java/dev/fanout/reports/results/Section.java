package dev.fanout.reports.results;

import java.util.List;

/**
 * A named group of a run's plan (manifest.json's {@code sections}): {@code http}, {@code sim},
 * {@code cost}... The report gives each its own chapter, titled as the manifest titles it.
 *
 * @param name     a short name, for example {@code http}
 * @param title    the heading, for example {@code What a strategy costs per item}
 * @param pointIds the ids of its points, in the plan's order
 */
public record Section(String name, String title, List<String> pointIds) {

    public Section {
        pointIds = List.copyOf(pointIds);
    }
}
