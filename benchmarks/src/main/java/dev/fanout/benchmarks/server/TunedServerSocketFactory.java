package dev.fanout.benchmarks.server;

import javax.net.ServerSocketFactory;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server sockets tuned for measuring, not for serving:
 * <ul>
 *   <li>{@code TCP_NODELAY} on every accepted socket. MockWebServer writes a response in several
 *       small writes; with Nagle's algorithm on, each request then waits for the client's delayed
 *       ACK. Measured on a 2-core machine: 5 ms injected became 48 ms observed (docs/design.md,
 *       "Traps measured on this machine class", trap 1).</li>
 *   <li>A listen backlog of at least {@code minBacklog}. MockWebServer asks for 50; with hundreds of
 *       connections opening at once the excess would wait in SYN retries (trap 2).</li>
 *   <li>Every accepted connection is counted, and counted again when it ends: closed by the server,
 *       or seen closed by the client (end of stream or a reset on a read or a write). That is how the
 *       server can show that a client really aborted an exchange instead of leaving it behind.</li>
 * </ul>
 */
final class TunedServerSocketFactory extends ServerSocketFactory {

    private final int minBacklog;
    private final LongAdder accepted = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();

    TunedServerSocketFactory(int minBacklog) {
        this.minBacklog = minBacklog;
    }

    /** @return connections accepted since the last {@link #resetAccepted()} */
    long accepted() {
        return accepted.sum();
    }

    void resetAccepted() {
        accepted.reset();
    }

    /** @return connections open now */
    int open() {
        return open.get();
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket();
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

    private final class NoDelayServerSocket extends ServerSocket {

        NoDelayServerSocket() throws IOException {
        }

        @Override
        public void bind(SocketAddress endpoint, int backlog) throws IOException {
            super.bind(endpoint, Math.max(backlog, minBacklog));
        }

        @Override
        public Socket accept() throws IOException {
            TrackedSocket socket = new TrackedSocket();
            implAccept(socket);
            socket.setTcpNoDelay(true);
            accepted.increment();
            open.incrementAndGet();
            return socket;
        }
    }

    /** An accepted socket that notices its own end, once. */
    private final class TrackedSocket extends Socket {
        private final AtomicBoolean ended = new AtomicBoolean();
        private InputStream in;
        private OutputStream out;

        void ended() {
            if (ended.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                super.close();
            } finally {
                ended();
            }
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        return seen(readOne());
                    }

                    private int readOne() throws IOException {
                        try {
                            return super.read();
                        } catch (IOException e) {
                            ended();
                            throw e;
                        }
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        try {
                            return seen(super.read(b, off, len));
                        } catch (IOException e) {
                            ended();
                            throw e;
                        }
                    }
                };
            }
            return in;
        }

        private int seen(int read) {
            if (read < 0) {
                ended();
            }
            return read;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        try {
                            super.out.write(b);
                        } catch (IOException e) {
                            ended();
                            throw e;
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        try {
                            super.out.write(b, off, len); // FilterOutputStream's own would write byte by byte
                        } catch (IOException e) {
                            ended();
                            throw e;
                        }
                    }
                };
            }
            return out;
        }
    }
}
