package dev.fanout.reports.results;

import dev.fanout.reports.ResultsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The benchmark scenarios of a results folder (docs/results-format.md, "Scenarios"): what the
 * manifest's optional {@code scenarios} lists, and each finished contender's run read from its file.
 * A folder without scenarios has none; a contender the manifest calls done must have its file.
 *
 * @param scenarios in the manifest's order
 */
public record ScenarioResults(List<Scenario> scenarios) {

    public static final ScenarioResults NONE = new ScenarioResults(List.of());

    /** Files live under scenarios/ of the folder: nothing that could leave it. */
    private static final Pattern SAFE_FILE = Pattern.compile("scenarios/[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9.-]*\\.json");

    public ScenarioResults {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * One scenario.
     *
     * @param server what the server was: latency, serverLimit, serverCapacity (specs as written)
     * @param measures the columns its table shows: goodput, refusals, settle, latency
     */
    public record Scenario(String name, String title, String description, Map<String, String> server, long items,
                           List<String> measures, List<Contender> contenders) {

        public Scenario {
            server = Map.copyOf(server);
            measures = List.copyOf(measures);
            contenders = List.copyOf(contenders);
        }

        /** @return the contenders in this role (reference, fixed, unloaded) that finished */
        public List<Contender> inRole(String role) {
            return contenders.stream().filter(c -> c.roles().contains(role) && c.run().isPresent()).toList();
        }
    }

    /**
     * One contender and, when it finished, its run.
     *
     * @param kind  strategy or yardstick
     * @param roles reference, fixed, unloaded; empty for one under test
     */
    public record Contender(String id, String label, String kind, int width, List<String> roles, Optional<Run> run) {

        public Contender {
            roles = List.copyOf(roles);
        }

        /** @return whether its width is fixed (a reference or a fixed width), so its limit is not searched for */
        public boolean fixedWidth() {
            return roles.contains("reference") || roles.contains("fixed");
        }
    }

    /** One phase of the server's K (it may change during the run). */
    public record Phase(double fromMs, int k, OptionalDouble settledMs, double tooManyShare) {
    }

    /**
     * One contender's run.
     *
     * @param goodputPerSecond    answered (2xx) calls per second of the run
     * @param tooManyShareAfter   share of the calls started after the first second answered 429 (NaN: none started)
     * @param p50AfterMs          service latency of answered calls started after the first second
     * @param series              the limit over time: [ms from the start, limit]
     */
    public record Run(long requests, long ok, long tooMany, double makespanMs, double goodputPerSecond,
                      double tooManyShareAfter, double p50AfterMs, double p99AfterMs, List<Phase> phases, List<double[]> series) {

        public Run {
            phases = List.copyOf(phases);
            series = List.copyOf(series);
        }
    }

    /** Reads the scenarios of the folder whose manifest is {@code manifestFile}. */
    static ScenarioResults read(Path folder, Path manifestFile) throws ResultsException {
        JsonFields manifest = JsonFields.read(manifestFile);
        if (!manifest.has("scenarios")) {
            return NONE;
        }
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonFields s : manifest.objects("scenarios")) {
            String name = s.string("name");
            if (!names.add(name)) {
                throw s.problem("the scenario name '" + name + "' is used twice");
            }
            List<Contender> contenders = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (JsonFields c : s.objects("contenders")) {
                String id = c.string("id");
                if (!ids.add(id)) {
                    throw c.problem("the contender id '" + id + "' is used twice");
                }
                Optional<Run> run = Optional.empty();
                if (c.bool("done")) {
                    String file = c.string("file");
                    if (!SAFE_FILE.matcher(file).matches()) {
                        throw c.problem("\"file\" must be scenarios/<scenario>/<contender>.json, got '" + file + "'");
                    }
                    Path path = folder.resolve(file);
                    if (!Files.isRegularFile(path)) {
                        throw new ResultsException(path, "no such file, but manifest.json says contender " + id + " of " + name + " is done");
                    }
                    run = Optional.of(run(JsonFields.read(path)));
                }
                contenders.add(new Contender(id, c.optionalString("label").orElse(id), c.string("kind"), c.integer("width"),
                        c.optionalStrings("roles"), run));
            }
            scenarios.add(new Scenario(name, s.optionalString("title").orElse(name), s.optionalString("description").orElse(""),
                    s.has("server") ? s.stringMap("server") : Map.of(), s.has("items") ? (long) s.number("items") : 0,
                    s.optionalStrings("measures"), contenders));
        }
        return new ScenarioResults(scenarios);
    }

    private static Run run(JsonFields r) throws ResultsException {
        JsonFields after = r.object("afterFirstSecond");
        JsonFields service = after.object("serviceMs");
        List<Phase> phases = new ArrayList<>();
        for (JsonFields p : r.objects("phases")) {
            double settled = p.optionalNumber("settledWithin20PercentMs");
            phases.add(new Phase(p.number("fromMs"), p.integer("k"),
                    Double.isNaN(settled) ? OptionalDouble.empty() : OptionalDouble.of(settled), p.optionalNumber("tooManyShare")));
        }
        return new Run((long) r.number("requests"), (long) r.number("ok"), (long) r.number("tooMany"), r.number("makespanMs"),
                r.number("goodputPerSecond"), after.optionalNumber("tooManyShare"), service.number("p50"), service.number("p99"),
                phases, r.object("limit").pairs("series"));
    }
}
