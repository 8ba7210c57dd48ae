package dev.fanout.benchmarks.cli;

import dev.fanout.core.FanOutStrategy;
import dev.fanout.strategies.StrategyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "list", description = {"Lists every strategy with one line on what it is, then the peers: plain JDK and",
        "Reactor fan-outs that ./fanout bench measures beside the strategies, as yardsticks."})
final class ListCommand implements Callable<Integer> {

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
            System.out.printf("%-" + nameWidth + "s  %-9s  %s%n", strategy.name(), bound, strategy.description());
        }
        System.out.println();
        System.out.println("peers (./fanout bench --peers):");
        for (dev.fanout.benchmarks.peers.Peer peer : dev.fanout.benchmarks.peers.PeerRegistry.all()) {
            System.out.printf("%-" + nameWidth + "s  %-9s  %s%n", peer.name(), "bounded", peer.description());
        }
        return 0;
    }

}
