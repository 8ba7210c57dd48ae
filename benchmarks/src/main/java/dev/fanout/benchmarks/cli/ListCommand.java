package dev.fanout.benchmarks.cli;

import dev.fanout.core.FanOutStrategy;
import dev.fanout.strategies.StrategyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "list", description = {"Lists every strategy with one line on what it is, the adaptive strategy's limit",
        "algorithms, then the peers: plain JDK and Reactor fan-outs that ./fanout bench",
        "measures beside the strategies, as yardsticks, the HTTP clients (async runs on",
        "the non-blocking one by default) and the scenarios' yardsticks (Netflix",
        "concurrency-limits)."})
final class ListCommand implements Callable<Integer> {

    /** After the description of a strategy built on a JDK 25 preview API. */
    static final String PREVIEW_NOTE = " [needs java --enable-preview: JDK 25 preview API]";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Override
    public Integer call() {
        int nameWidth = java.util.stream.Stream.concat(StrategyRegistry.names().stream(),
                dev.fanout.benchmarks.peers.PeerRegistry.names().stream()).mapToInt(String::length).max().orElse(10);
        for (FanOutStrategy strategy : StrategyRegistry.all()) {
            String bound = switch (strategy.capabilities().width()) {
                case ONE -> "width 1";
                case BOUNDED -> "bounded";
                case UNBOUNDED -> "unbounded";
            };
            // This JVM has the flag; a library user's may not (StrategyRegistry.needsPreview).
            String preview = StrategyRegistry.needsPreview(strategy.name()) ? PREVIEW_NOTE : "";
            System.out.printf("%-" + nameWidth + "s  %-9s  %s%s%n", strategy.name(), bound, strategy.description(), preview);
        }
        System.out.println();
        System.out.println("limit algorithms of adaptive (./fanout run --strategy adaptive --limit NAME):");
        for (dev.fanout.strategies.limit.LimitAlgorithm a : dev.fanout.strategies.limit.LimitAlgorithm.values()) {
            System.out.printf("%-" + nameWidth + "s  %-9s  %s%n", a.label(), a == dev.fanout.strategies.AdaptiveStrategy.DEFAULT_ALGORITHM
                    ? "default" : "", a.description());
        }
        System.out.println();
        System.out.println("peers (./fanout bench --peers):");
        for (dev.fanout.benchmarks.peers.Peer peer : dev.fanout.benchmarks.peers.PeerRegistry.all()) {
            System.out.printf("%-" + nameWidth + "s  %-9s  %s%n", peer.name(), "bounded", peer.description());
        }
        System.out.println();
        System.out.println("HTTP clients (./fanout run --client, ./fanout bench --client):");
        System.out.printf("%-" + nameWidth + "s  %-9s  %s%n", "okhttp", "default", "OkHttp: a blocking call on the caller's thread;"
                + " its enqueue holds a dispatcher thread per call in flight");
        System.out.printf("%-" + nameWidth + "s  %-9s  %s%n", dev.fanout.benchmarks.workload.ItemClient.NON_BLOCKING, "async's",
                "Jetty: non-blocking, one selector and a few threads at any width; async's default in ./fanout run");
        System.out.printf("%-" + nameWidth + "s  %-9s  %s%n", "jdk", "", "java.net.http: sendAsync, its completions on a small fixed executor");
        System.out.println();
        System.out.println("scenario yardsticks (./fanout bench --profile scenarios):");
        for (String limit : dev.fanout.benchmarks.peers.NetflixLimiterPeer.LIMITS) {
            dev.fanout.benchmarks.peers.Peer netflix = new dev.fanout.benchmarks.peers.NetflixLimiterPeer(limit,
                    dev.fanout.strategies.limit.LimitListener.NONE);
            System.out.printf("%-" + nameWidth + "s  %-9s  %s%n", netflix.name(), "adaptive", netflix.description());
        }
        return 0;
    }

}
