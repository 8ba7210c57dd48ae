package dev.fanout.reports.render;

import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One sentence per profile: how far each strategy is from the best peer, the fastest plain-JDK or
 * Reactor code measured at the same width, in items/s. For example: "At fixed:20ms (http, okhttp),
 * semaphore and structured are within 2% of the best peer (jdk-virtual-threads) at every width;
 * worker-pool is 18% behind at width 256."
 *
 * <p>Per strategy, the ratio of its items/s to the best peer's at each width both measured. Within
 * 5% at every width, it is "within N%" (N the largest difference, rounded up); otherwise the width
 * where it falls furthest behind is named, as a percentage down to half the peer's rate and as "N×
 * slower" beyond; a strategy never 5% behind but ahead somewhere gets its largest lead likewise.
 */
final class PeerComparison {

    /** Closer than this to the best peer at every width reads as level with it. */
    static final double LEVEL = 0.05;

    private PeerComparison() {
    }

    /** How one strategy compares at one width. */
    private record Ratio(int width, double ratio, String peer, double peak, int items) {

        /**
         * @return {@code " (peak 200 in flight)"} when the strategy did not run at the width there (it
         *         exceeds it, or keeps less than half of it busy, as sequential does), which is what
         *         explains such a ratio; else empty
         */
        String peakNote() {
            double full = Math.min(width, items);
            return Double.isFinite(peak) && (peak > full || peak < full / 2)
                    ? " (peak " + Numbers.count(peak) + " in flight)" : "";
        }
    }

    /** @return the sentence, or empty when the profile has no peer or no strategy to compare */
    static Optional<String> sentence(Profile profile) {
        List<PointResult> peers = profile.points(PointKind.PEER).stream().filter(PeerComparison::measured).toList();
        if (peers.isEmpty()) {
            return Optional.empty();
        }
        List<String> level = new ArrayList<>();
        double levelPercent = 0;
        List<List<Ratio>> others = new ArrayList<>();
        List<String> otherNames = new ArrayList<>();
        Set<String> bestPeers = new LinkedHashSet<>();
        for (String strategy : profile.names(PointKind.STRATEGY)) {
            List<Ratio> ratios = new ArrayList<>();
            for (PointResult s : profile.points(PointKind.STRATEGY)) {
                if (!s.name().equals(strategy) || !Double.isFinite(s.itemsPerSecond())) {
                    continue;
                }
                peers.stream().filter(p -> p.width() == s.width()).max(Comparator.comparingDouble(PointResult::itemsPerSecond))
                        .ifPresent(best -> ratios.add(new Ratio(s.width(), s.itemsPerSecond() / best.itemsPerSecond(),
                                best.name(), peak(profile, s), s.point().items())));
            }
            if (ratios.isEmpty()) {
                continue;
            }
            ratios.forEach(r -> bestPeers.add(r.peer()));
            double furthest = ratios.stream().mapToDouble(r -> Math.abs(r.ratio() - 1)).max().orElseThrow();
            if (furthest < LEVEL) {
                level.add(strategy);
                // Rounded up, less a hair so that 0.99 / 1.00 (0.0100000000000000089) reads as 1%.
                levelPercent = Math.max(levelPercent, Math.max(1, Math.ceil(furthest * 100 - 1e-9)));
            } else {
                others.add(ratios);
                otherNames.add(strategy);
            }
        }
        if (level.isEmpty() && others.isEmpty()) {
            return Optional.empty();
        }
        String best = profile.zeroLatency() ? "the fastest peer" : "the best peer";
        boolean onePeer = bestPeers.size() == 1;
        // With one best peer it is named once, in the first clause; otherwise each clause names its own.
        String peerPhrase = onePeer ? best + " (" + bestPeers.iterator().next() + ")" : best;
        List<String> clauses = new ArrayList<>();
        if (!level.isEmpty()) {
            clauses.add(names(level) + (level.size() == 1 ? " is" : " are") + " within " + (int) levelPercent + "% of "
                    + peerPhrase + " at every width");
        }
        for (int i = 0; i < others.size(); i++) {
            boolean namePeer = clauses.isEmpty() || !onePeer;
            clauses.add(otherNames.get(i) + " is " + distance(others.get(i), namePeer ? peerPhrase : null, onePeer));
        }
        return Optional.of("At " + where(profile) + ", " + String.join("; ", clauses) + ".");
    }

    /** @return {@code fixed:20ms (http, okhttp)}, {@code fixed:20ms (sim)} */
    static String where(Profile profile) {
        String extra = profile.extraParams().isEmpty() ? "" : ", " + profile.extraParamsText();
        String client = profile.client().isBlank() || profile.client().equals("none") ? "" : ", " + profile.client();
        return profile.latency() + extra + " (" + profile.workload() + client + ")";
    }

    /**
     * @param peerPhrase the peer to name ("the best peer (X)"), or null when an earlier clause named it
     * @param onePeer    whether one peer was best at every width; if not, each clause names its own
     */
    private static String distance(List<Ratio> ratios, String peerPhrase, boolean onePeer) {
        Ratio worst = ratios.stream().min(Comparator.comparingDouble(Ratio::ratio)).orElseThrow();
        Ratio r = worst.ratio() < 1 - LEVEL ? worst : ratios.stream().max(Comparator.comparingDouble(Ratio::ratio)).orElseThrow();
        String peer = onePeer ? peerPhrase : r.peer();
        String at = " at width " + r.width() + r.peakNote();
        if (r.ratio() < 0.5) {
            return times(1 / r.ratio()) + " slower" + (peer == null ? "" : " than " + peer) + at;
        }
        if (r.ratio() < 1) {
            return Math.round((1 - r.ratio()) * 100) + "% behind" + (peer == null ? "" : " " + peer) + at;
        }
        if (r.ratio() <= 2) {
            return Math.round((r.ratio() - 1) * 100) + "% ahead" + (peer == null ? "" : " of " + peer) + at;
        }
        return times(r.ratio()) + " as fast" + (peer == null ? "" : " as " + peer) + at;
    }

    private static String times(double factor) {
        return String.format(Locale.ROOT, factor >= 10 ? "%.0f×" : "%.1f×", factor);
    }

    /** {@code a}, {@code a and b}, {@code a, b and c} */
    private static String names(List<String> names) {
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    /** @return the fastest peer of the profile at a width, if one was measured there */
    static Optional<PointResult> fastestPeer(Profile profile, int width) {
        return profile.points(PointKind.PEER).stream()
                .filter(p -> p.width() == width && measured(p))
                .max(Comparator.comparingDouble(PointResult::itemsPerSecond));
    }

    /** @return a point's items/s over the fastest peer's at its width; NaN when there is no peer there */
    static double ratioToFastestPeer(Profile profile, PointResult point) {
        return fastestPeer(profile, point.width()).map(p -> point.itemsPerSecond() / p.itemsPerSecond()).orElse(Double.NaN);
    }

    /** The in-flight peak, except for no-op tasks: one ends before the next starts, so it explains nothing there. */
    private static double peak(Profile profile, PointResult p) {
        return profile.zeroLatency() ? Double.NaN : p.score(PointMetric.SERVER_MAX_IN_FLIGHT);
    }

    private static boolean measured(PointResult p) {
        return Double.isFinite(p.itemsPerSecond()) && p.itemsPerSecond() > 0;
    }
}
