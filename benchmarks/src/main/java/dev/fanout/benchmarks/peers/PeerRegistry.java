package dev.fanout.benchmarks.peers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every peer, by its stable short name: the one list the benchmarks, the command line and the reports read. */
public final class PeerRegistry {

    private static final Map<String, Supplier<Peer>> PEERS = new LinkedHashMap<>();

    static {
        register(JdkVirtualThreadsPeer.NAME, JdkVirtualThreadsPeer::new);
        register(JdkMapConcurrentPeer.NAME, JdkMapConcurrentPeer::new);
        register(JdkFixedPoolPeer.NAME, JdkFixedPoolPeer::new);
        register(ReactorFlatMapPeer.NAME, ReactorFlatMapPeer::new);
    }

    private PeerRegistry() {
    }

    private static void register(String name, Supplier<Peer> factory) {
        if (PEERS.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("two peers are named " + name);
        }
    }

    /** @return every peer's name, in the order reports list them */
    public static List<String> names() {
        return List.copyOf(PEERS.keySet());
    }

    /** @return a new instance of every peer, in {@link #names()} order */
    public static List<Peer> all() {
        return PEERS.values().stream().map(Supplier::get).toList();
    }

    public static boolean contains(String name) {
        return PEERS.containsKey(name);
    }

    /**
     * @throws IllegalArgumentException naming the valid peers, if there is no such peer
     */
    public static Peer create(String name) {
        Supplier<Peer> factory = PEERS.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown peer '" + name + "'; valid peers: " + String.join(", ", names()));
        }
        return factory.get();
    }
}
