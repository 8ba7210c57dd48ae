package dev.fanout.reports.render;

import dev.fanout.reports.results.Profile;
import dev.fanout.reports.results.Results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every file of the report says, worked out once: the chapters and their tables, the pick
 * (which strategy, and why) and the sentence against the peers of each profile, and the http − sim
 * line of each table that has both. The files differ only in how they say it.
 *
 * @param results           the results read
 * @param chapters          the chapters, each with its tables
 * @param recommendations   one per profile, in table order (a zero-latency one says why it has no pick)
 * @param tailBoundFactor   the tail-latency chart's reference line is this many times a profile's median
 */
record Report(Results results, List<Chapter> chapters, List<Recommendation> recommendations, double tailBoundFactor) {

    Report {
        chapters = List.copyOf(chapters);
        recommendations = List.copyOf(recommendations);
    }

    static Report of(Results results, double tailBoundFactor) {
        List<ResultTable> tables = ResultTable.of(results.manifest(), results.profiles());
        List<Chapter> chapters = Chapter.of(results.manifest(), tables);
        List<Recommendation> recommendations = new ArrayList<>();
        for (ResultTable table : tables) {
            for (Profile p : table.profiles()) {
                recommendations.add(Recommender.recommend(p));
            }
        }
        return new Report(results, chapters, recommendations, tailBoundFactor);
    }

    List<ResultTable> tables() {
        return chapters.stream().flatMap(c -> c.tables().stream()).toList();
    }

    /** @return every profile, in the order of the tables */
    List<Profile> profiles() {
        return tables().stream().flatMap(t -> t.profiles().stream()).toList();
    }

    Optional<Recommendation> recommendation(Profile profile) {
        return recommendations.stream().filter(r -> r.profile() == profile).findFirst();
    }

    /** @return the profile's sentence against the best peer, if it has peers and strategies */
    Optional<String> peerSentence(Profile profile) {
        return PeerComparison.sentence(profile);
    }

    /** @return a line per http profile of the table that has a sim profile beside it */
    List<String> harnessCostLines(ResultTable table) {
        if (table.zeroLatency()) {
            return List.of(); // no efficiency to compare when the ideal is 0
        }
        List<String> lines = new ArrayList<>();
        for (Profile http : table.profiles()) {
            if (!http.workload().equals("http")) {
                continue;
            }
            for (Profile sim : table.profiles()) {
                if (sim.workload().equals("sim")) {
                    HarnessCost.line(http, sim).ifPresent(lines::add);
                }
            }
        }
        return lines;
    }
}
