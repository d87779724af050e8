package org.ortc4j.examples.signaling;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Signaling over one TCP connection, one JSON message per line, as aiortc's
 * {@code TcpSocketSignaling}, so a Java example can signal to an aiortc example and back.
 *
 * <p>The side that sends first is the server: its first {@link #send} listens on the host and
 * port and waits until the other side connects. The side that receives first is the client: its
 * first {@link #receive} connects to the host and port. In the examples the offerer sends the
 * offer first, so the offerer listens and the answerer connects; start the offerer first, since
 * the answerer does not retry a refused connection (neither does aiortc).
 *
 * <p>{@link #connect()} does nothing. Once connected, every send and receive uses the same
 * connection; {@link #receive} returns {@code null} when the other side has closed it.
 * {@link #close()} sends {@link Bye#BYE} if connected and closes the connection, and also stops a
 * {@link #send} still waiting for the other side to connect, or a {@link #receive} still
 * connecting; after it the object may connect again, as aiortc's may.
 *
 * <p>Where this differs from aiortc: the listening socket is closed once the other side has
 * connected (aiortc keeps listening and lets a later connection replace the current one), lines
 * are bounded ({@link #DEFAULT_MAX_LINE_BYTES}; aiortc's stream reader stops at 64 KiB), and a
 * {@link #receive} that is blocked when {@link #close()} runs returns {@code null}.
 *
 * <p>Blocking; one thread may send while another receives.
 */
public final class TcpSocketSignaling implements Signaling {

    /**
     * The longest line read, in bytes: far more than any offer (a Chromium offer with audio, video
     * and data is under 10 KB), little enough to hold in memory.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private final String host;
    private final int port;
    private final int maxLineBytes;

    /** Held while a connection is being made, so that a send and a receive do not both make one. */
    private final Object connectLock = new Object();
    /** Held while a line is written, so that lines from two threads do not interleave. */
    private final Object writeLock = new Object();

    /** Guards {@link #waiting} and {@link #closes}; never held while blocking. */
    private final Object stateLock = new Object();

    private volatile Connection connection;
    /** The socket an accept() or connect() is blocked on, which close() closes to end the wait. */
    private Closeable waiting;
    /** How many times close() has run, so that a connect that started before one fails. */
    private int closes;
    private volatile CompletableFuture<InetSocketAddress> listening = new CompletableFuture<>();

    private record Connection(Socket socket, InputStream in, OutputStream out) {
    }

    /**
     * Signaling on {@code host}:{@code port} with lines of at most {@link #DEFAULT_MAX_LINE_BYTES}.
     *
     * @param host the address the server listens on and the client connects to
     * @param port the TCP port; 0 lets the server pick one (see {@link #listening()})
     */
    public TcpSocketSignaling(String host, int port) {
        this(host, port, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * Signaling on {@code host}:{@code port}.
     *
     * @param host the address the server listens on and the client connects to
     * @param port the TCP port, 0 to 65535; 0 lets the server pick one
     * @param maxLineBytes the longest line {@link #receive} reads, at least 1
     * @throws IllegalArgumentException if the port or the limit is out of range
     */
    public TcpSocketSignaling(String host, int port, int maxLineBytes) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1, not " + maxLineBytes);
        }
        this.port = port;
        this.maxLineBytes = maxLineBytes;
    }

    /** The host this signaling listens on or connects to. */
    public String host() {
        return host;
    }

    /** The port given to the constructor. */
    public int port() {
        return port;
    }

    /**
     * Completes with the address this side listens on once a {@link #send} has bound it, which
     * tells the other side the port when the constructor was given port 0. {@link #close()}
     * replaces it with a new future for the next connection.
     */
    public CompletableFuture<InetSocketAddress> listening() {
        return listening;
    }

    /** Does nothing, as in aiortc: the first send or receive connects. */
    @Override
    public void connect() {
        // aiortc's TcpSocketSignaling.connect() is a no-op too
    }

    @Override
    public void send(Object message) throws IOException {
        byte[] line = (SignalingMessages.toJson(message) + "\n").getBytes(StandardCharsets.UTF_8);
        Connection c = connectAsServer();
        synchronized (writeLock) {
            c.out().write(line);
            c.out().flush();
        }
    }

    @Override
    public Object receive() throws IOException {
        Connection c = connectAsClient();
        if (c == null) {
            return null; // closed by close() while connecting
        }
        String line;
        try {
            line = BoundedLines.readUtf8Line(c.in(), maxLineBytes);
        } catch (IOException e) {
            if (connection != c) {
                return null; // closed by close() while waiting
            }
            throw e;
        }
        return line == null ? null : SignalingMessages.fromJson(line);
    }

    @Override
    public void close() throws IOException {
        Closeable blocked;
        synchronized (stateLock) {
            closes++;
            blocked = waiting;
        }
        // Ends an accept() or connect() that holds connectLock, so that the lock is free below.
        if (blocked != null) {
            blocked.close();
        }
        synchronized (connectLock) {
            if (listening.isDone()) {
                listening = new CompletableFuture<>();
            }
            Connection c = connection;
            if (c == null) {
                return;
            }
            try {
                synchronized (writeLock) {
                    c.out().write((SignalingMessages.toJson(Bye.BYE) + "\n").getBytes(StandardCharsets.UTF_8));
                    c.out().flush();
                }
            } finally {
                connection = null;
                c.socket().close();
            }
        }
    }

    private Connection connectAsServer() throws IOException {
        synchronized (connectLock) {
            Connection c = connection;
            if (c != null) {
                return c;
            }
            int seen = closesSoFar();
            Socket accepted;
            try (ServerSocket server = new ServerSocket()) {
                block(server, seen);
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(host, port), 1);
                listening.complete((InetSocketAddress) server.getLocalSocketAddress());
                accepted = server.accept();
            } finally {
                unblock(seen);
            }
            connection = open(accepted);
            return connection;
        }
    }

    /** The connection, or {@code null} if close() ended the attempt to make one. */
    private Connection connectAsClient() throws IOException {
        synchronized (connectLock) {
            Connection c = connection;
            if (c != null) {
                return c;
            }
            int seen = closesSoFar();
            Socket socket = new Socket();
            try {
                block(socket, seen);
                socket.connect(new InetSocketAddress(host, port));
            } catch (IOException | RuntimeException e) {
                boolean closed = !unblock(seen);
                socket.close();
                if (closed && e instanceof IOException) {
                    return null;
                }
                throw e;
            }
            if (!unblock(seen)) {
                socket.close();
                return null; // close() ran as the connection was made
            }
            connection = open(socket);
            return connection;
        }
    }

    private int closesSoFar() {
        synchronized (stateLock) {
            return closes;
        }
    }

    /** Lets close() end a wait on {@code socket}; fails if close() ran since {@code seen} was read. */
    private void block(Closeable socket, int seen) throws IOException {
        synchronized (stateLock) {
            if (closes != seen) {
                throw new SocketException("signaling closed while connecting");
            }
            waiting = socket;
        }
    }

    /** Ends what {@link #block} began; whether close() has not run since {@code seen} was read. */
    private boolean unblock(int seen) {
        synchronized (stateLock) {
            waiting = null;
            return closes == seen;
        }
    }

    private static Connection open(Socket socket) throws IOException {
        try {
            // one message is one write; send it at once rather than wait for more
            socket.setTcpNoDelay(true);
            return new Connection(socket, new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
