package org.ortc4j.dtls.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The {@link DatagramTransport} Bouncy Castle's DTLS runs over: received datagrams are queued by
 * the ICE transport's loop, and sent ones are handed to a sender that puts them on the loop.
 *
 * <p>{@link #receive} behaves by thread. On the handshake thread (the one registered with
 * {@link #handshakeThread}) it waits on the bounded queue for
 * at most the time Bouncy Castle asks for, returning {@code -1} on timeout (which BC's
 * {@code DTLSRecordLayer.receiveDatagram} treats as "no datagram", and its reliable handshake then
 * retransmits). On any other thread (the loop, after the handshake) it never waits: with an empty
 * queue it throws a
 * plain {@link InterruptedIOException}, which {@code DTLSRecordLayer.receive} and
 * {@code DTLSTransport.receive} rethrow unchanged without failing the connection (unlike a
 * {@code SocketTimeoutException}, on which BC would loop until its wait expires). The loop thus
 * calls {@code DTLSTransport.receive} only to drain what it has just queued, and returns at once.
 */
public final class QueuedDatagramTransport implements DatagramTransport {

    /**
     * Thrown on the loop when the queue is empty, so that Bouncy Castle returns at once instead
     * of polling until its wait ends. Shared and without a stack trace: it ends every burst of
     * received records, and filling in a stack each time cost as much as decrypting a record.
     */
    private static final InterruptedIOException DRAINED = new InterruptedIOException("no queued datagram") {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };


    /** Datagrams queued at most: a handshake flight is a handful; beyond this they are dropped. */
    public static final int CAPACITY = 256;

    /**
     * The smallest receive limit: the largest datagram ortc-ice's sockets deliver (2048 bytes).
     * Bouncy Castle allocates a buffer of the receive limit for every {@code receive} call, so a
     * limit of a whole maximal record (18 KB) would make each received packet cost 18 KB of
     * garbage on the loop.
     */
    public static final int MIN_RECEIVE_LIMIT = 2048;

    private static final byte[] ABORTED = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(CAPACITY);
    private volatile Thread handshakeThread;
    private final Consumer<byte[]> sender;
    private final int sendLimit;
    private final int receiveLimit;
    private volatile boolean aborted;
    private volatile boolean closedByDtls;

    /**
     * @param sender takes each outgoing datagram (a fresh array it may keep); called on the
     *     handshake thread or the loop
     * @param mtu the largest datagram to send ({@link #getSendLimit()})
     */
    public QueuedDatagramTransport(Consumer<byte[]> sender, int mtu) {
        this.sender = sender;
        this.sendLimit = mtu;
        this.receiveLimit = Math.max(mtu, MIN_RECEIVE_LIMIT);
    }

    /**
     * Sets the thread that may wait in {@link #receive} (the handshake's), or {@code null} once
     * the handshake has returned.
     */
    public void handshakeThread(Thread thread) {
        this.handshakeThread = thread;
    }

    /**
     * Queues a received datagram; false (and not queued) when the queue is full, the transport
     * aborted, or the datagram longer than {@link #getReceiveLimit()}.
     */
    public boolean offer(byte[] datagram) {
        return !aborted && datagram.length <= receiveLimit && queue.offer(datagram);
    }

    /** Whether no received datagram waits. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /**
     * Ends the transport: a handshake waiting in {@link #receive} fails at once with an
     * {@link IOException}, and nothing more is sent or queued.
     */
    public void abort() {
        aborted = true;
        queue.clear();
        queue.offer(ABORTED);
    }

    /** Whether Bouncy Castle closed this transport (after close_notify or a fatal alert). */
    public boolean isClosedByDtls() {
        return closedByDtls;
    }

    /**
     * The largest datagram received: the MTU or {@link #MIN_RECEIVE_LIMIT}, whichever is larger.
     * Fixed, because Bouncy Castle sizes buffers from it twice per record and fails the
     * connection if the two disagree. The owner drops longer datagrams before queueing them.
     */
    @Override
    public int getReceiveLimit() {
        return receiveLimit;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        byte[] datagram;
        if (Thread.currentThread() != handshakeThread) {
            datagram = queue.poll();
            if (datagram == null) {
                throw DRAINED;
            }
        } else {
            try {
                // DatagramReceiver: "A waitMillis of zero is interpreted as an infinite timeout."
                datagram = waitMillis == 0 ? queue.take() : queue.poll(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a datagram");
            }
            if (datagram == null) {
                return -1;
            }
        }
        if (datagram == ABORTED) {
            queue.offer(ABORTED);
            throw new IOException("the DTLS transport was stopped");
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (aborted) {
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        sender.accept(copy);
    }

    @Override
    public void close() {
        closedByDtls = true;
    }
}
