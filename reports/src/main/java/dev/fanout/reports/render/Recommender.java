package dev.fanout.reports.render;

import dev.fanout.reports.results.PointKind;
import dev.fanout.reports.results.PointMetric;
import dev.fanout.reports.results.PointResult;
import dev.fanout.reports.results.Profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers, per profile, the question README's "Which strategy?" table answers in general: of the
 * strategies that keep to the width and use it, which came closest to the ideal here, how far the
 * best peer was from it, and whether the plain-JDK code is as good.
 *
 * <p>Closest to the ideal is the highest mean efficiency (calibrated ideal over measured makespan)
 * over the widths the strategy was measured at; a strategy measured at fewer widths than another is
 * not compared with it, so an interrupted run cannot win by luck of what finished. Three strategies
 * are never picked, whatever they measure: {@code all-at-once} has no bound (its cell can win only by
 * sending every call at once, which someone else's API answers with 429s), {@code sequential} ignores
 * the width, and {@code chunked} wastes it, idling slots while each slice's slowest call finishes.
 * Peers are yardsticks, never the pick. A strategy with a point whose efficiency exceeds 1.0 beyond its
 * error is left out and named: no code beats the ideal, so the calibration is wrong there.
 *
 * <p>When a simpler strategy is level with the leader (its items/s within
 * {@link PeerComparison#LEVEL} of the leader's, or ahead, at every width), the simpler one is the pick, and the
 * reason names the leader: {@code adaptive} against a server with no limit is the semaphore at its
 * ceiling, and a reader who has no moving limit should be told to use the semaphore. Simpler means
 * earlier in {@link #SIMPLEST_FIRST}, the order in which each strategy adds something to the plain
 * window.
 *
 * <p>Zero-latency profiles (no-op tasks) get no pick: their ideal is 0 and efficiency means nothing;
 * their table's ratios to the fastest peer say what each strategy costs per item.
 */
final class Recommender {

    /** Strategies that ignore or waste the width: measured, shown, never the answer. */
    static final Set<String> UNBOUNDED_OR_WASTEFUL = Set.of("all-at-once", "sequential", "chunked");

    /**
     * The plain window first, then what each adds: fail-fast and a preview API, no thread per call
     * (and a task of another shape), long-lived platform workers, a moving limit, extra requests.
     * A strategy not listed comes after these, in the run's order.
     */
    static final List<String> SIMPLEST_FIRST = List.of("semaphore", "structured", "async", "worker-pool", "adaptive", "hedged");

    private Recommender() {
    }

    static Recommendation recommend(Profile profile) {
        if (profile.zeroLatency()) {
            return none(profile, "With no-op tasks the ideal is 0, so no strategy can come close to it; "
                    + "the ratios to the fastest peer say what each costs per item.", List.of());
        }
        List<Recommendation.Standing> bounded = new ArrayList<>();
        List<String> passedOver = new ArrayList<>();
        for (String name : profile.names(PointKind.STRATEGY)) {
            if (UNBOUNDED_OR_WASTEFUL.contains(name)) {
                continue;
            }
            Recommendation.Standing s = standing(profile, name);
            if (s.points().isEmpty()) {
                continue;
            }
            if (s.points().stream().anyMatch(PointResult::beyondIdeal)) {
                passedOver.add(name);
            } else {
                bounded.add(s);
            }
        }
        int mostWidths = bounded.stream().mapToInt(s -> s.points().size()).max().orElse(0);
        List<Recommendation.Standing> ranked = bounded.stream()
                .filter(s -> s.points().size() == mostWidths)
                .sorted(Comparator.comparingDouble(Recommendation.Standing::meanEfficiency).reversed())
                .toList();
        if (ranked.isEmpty()) {
            return none(profile, "No bounded strategy (all-at-once, sequential and chunked are never one) "
                    + "has a measured throughput and efficiency here.", passedOver);
        }
        Recommendation.Standing leader = ranked.getFirst();
        Recommendation.Standing pick = ranked.stream().filter(s -> level(s, leader))
                .min(Comparator.comparingInt(Recommender::simplicity)).orElse(leader);
        Optional<Recommendation.Standing> next = pick == leader ? ranked.stream().skip(1).findFirst() : Optional.of(leader);
        return new Recommendation(profile, Optional.of(pick), Optional.empty(), next, pick != leader,
                bestPeer(profile, pick), passedOver);
    }

    /** @return the peer with the highest mean efficiency over the widths it shares with the pick, the most shared first */
    private static Optional<Recommendation.Standing> bestPeer(Profile profile, Recommendation.Standing pick) {
        List<Recommendation.Standing> peers = profile.names(PointKind.PEER).stream()
                .map(name -> standing(profile, name))
                .map(s -> new Recommendation.Standing(s.name(),
                        s.points().stream().filter(p -> pick.widths().contains(p.width())).toList()))
                .filter(s -> !s.points().isEmpty())
                .toList();
        int mostShared = peers.stream().mapToInt(s -> s.points().size()).max().orElse(0);
        return peers.stream().filter(s -> s.points().size() == mostShared)
                .max(Comparator.comparingDouble(Recommendation.Standing::meanEfficiency));
    }

    /** @return whether a strategy is as good as the leader ({@link Recommendation#asGood}) at every width */
    static boolean level(Recommendation.Standing s, Recommendation.Standing leader) {
        for (PointResult p : leader.points()) {
            Optional<PointResult> q = s.at(p.width());
            if (q.isEmpty()) {
                return false;
            }
            if (!Recommendation.asGood(p, q.get())) {
                return false;
            }
        }
        return true;
    }

    private static int simplicity(Recommendation.Standing s) {
        int i = SIMPLEST_FIRST.indexOf(s.name());
        return i < 0 ? SIMPLEST_FIRST.size() : i;
    }

    /** @return the name's points with a finite throughput and efficiency, by rising width */
    private static Recommendation.Standing standing(Profile profile, String name) {
        return new Recommendation.Standing(name, profile.points().stream()
                .filter(p -> p.name().equals(name))
                .filter(p -> Double.isFinite(p.itemsPerSecond()) && p.itemsPerSecond() > 0
                        && Double.isFinite(p.score(PointMetric.EFFICIENCY)))
                .sorted(Comparator.comparingInt(PointResult::width))
                .toList());
    }

    private static Recommendation none(Profile profile, String why, List<String> passedOver) {
        return new Recommendation(profile, Optional.empty(), Optional.of(why), Optional.empty(), false, Optional.empty(),
                passedOver);
    }
}
