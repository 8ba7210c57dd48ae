package dev.fanout.reports.results;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a results folder holds, read and checked.
 *
 * @param folder      the results folder
 * @param manifest    what was planned and what finished
 * @param calibration the harness's own overhead and capacity
 * @param environment the machine
 * @param profiles    the finished points by latency spec and batch size, in the manifest's order
 * @param scenarios   the benchmark scenarios, runs over time (none in most folders)
 */
public record Results(Path folder, Manifest manifest, Calibration calibration, Environment environment,
                      List<Profile> profiles, ScenarioResults scenarios) {

    public Results {
        profiles = List.copyOf(profiles);
    }

    /** Results without benchmark scenarios. */
    public Results(Path folder, Manifest manifest, Calibration calibration, Environment environment, List<Profile> profiles) {
        this(folder, manifest, calibration, environment, profiles, ScenarioResults.NONE);
    }

    /** @return every finished point */
    public List<PointResult> points() {
        return profiles.stream().flatMap(p -> p.points().stream()).toList();
    }

    /** @return how many points the run planned */
    public int plannedPoints() {
        return manifest.points().size();
    }

    /** @return whether the run stopped before every planned point finished */
    public boolean interrupted() {
        return !manifest.complete() || points().size() < plannedPoints();
    }
}
