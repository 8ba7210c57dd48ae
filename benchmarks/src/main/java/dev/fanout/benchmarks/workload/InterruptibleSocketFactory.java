package dev.fanout.benchmarks.workload;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * Sockets whose blocking reads and writes an interrupt aborts, on platform threads too: each is the
 * socket view of a {@link SocketChannel}, an interruptible channel, so {@link Thread#interrupt()}
 * closes it and the blocked call throws. A plain {@code java.net.Socket} answers an interrupt only on
 * a virtual thread; on a platform thread (worker-pool's workers, a fixed thread pool, the caller's own
 * thread) the read would go on until the server answered, and a timeout could not free its slot.
 * {@code TCP_NODELAY} is set too: a request is one write, and it must not wait for an ACK.
 */
final class InterruptibleSocketFactory extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = SocketChannel.open().socket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote) throws IOException {
        Socket socket = createSocket();
        socket.connect(remote);
        return socket;
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        socket.bind(local);
        socket.connect(remote);
        return socket;
    }
}
