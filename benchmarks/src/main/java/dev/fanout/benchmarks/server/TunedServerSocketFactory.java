package dev.fanout.benchmarks.server;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * Server sockets tuned for measuring, not for serving:
 * <ul>
 *   <li>{@code TCP_NODELAY} on every accepted socket. MockWebServer writes a response in several
 *       small writes; with Nagle's algorithm on, each request then waits for the client's delayed
 *       ACK. Measured on a 2-core machine: 5 ms injected became 48 ms observed (design, trap 1).</li>
 *   <li>A listen backlog of at least {@code minBacklog}. MockWebServer asks for 50; with hundreds of
 *       connections opening at once the excess would wait in SYN retries (trap 2).</li>
 * </ul>
 */
final class TunedServerSocketFactory extends ServerSocketFactory {

    private final int minBacklog;

    TunedServerSocketFactory(int minBacklog) {
        this.minBacklog = minBacklog;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket(minBacklog);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new java.net.InetSocketAddress(port), minBacklog);
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new java.net.InetSocketAddress(port), backlog);
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new java.net.InetSocketAddress(address, port), backlog);
        return socket;
    }

    private static final class NoDelayServerSocket extends ServerSocket {
        private final int minBacklog;

        NoDelayServerSocket(int minBacklog) throws IOException {
            this.minBacklog = minBacklog;
        }

        @Override
        public void bind(SocketAddress endpoint, int backlog) throws IOException {
            super.bind(endpoint, Math.max(backlog, minBacklog));
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
