package org.ortc4j.sctp.internal.association;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.sctp.internal.control.PrPolicy;

/**
 * One SCTP association (RFC 9260) over DTLS (RFC 8261). Skeleton: signatures only.
 */
public final class Association {

    private final Scheduler scheduler;
    private final AssociationConfig config;
    private final SctpPacketSink sink;
    private final AssociationListener listener;
    private AssociationState state = AssociationState.CLOSED;

    /** An association in CLOSED. */
    public Association(Scheduler scheduler, AssociationConfig config, SctpPacketSink sink,
            AssociationListener listener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Sends INIT. */
    public void connect() {
        throw new UnsupportedOperationException("not yet");
    }

    /** One packet from below. */
    public void receive(ByteBuffer packet) {
    }

    /** Queues a message. */
    public boolean send(int streamId, int ppid, byte[] message, boolean unordered, PrPolicy policy) {
        throw new UnsupportedOperationException("not yet");
    }

    /** RFC 6525 reset. */
    public void resetOutgoingStreams(int[] streamIds) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Graceful shutdown. */
    public void shutdown() {
        throw new UnsupportedOperationException("not yet");
    }

    /** ABORT. */
    public void abort(String reason) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The state. */
    public AssociationState state() {
        return state;
    }

    /** Negotiated outbound streams. */
    public int outboundStreams() {
        return config.outboundStreams();
    }

    /** Negotiated inbound streams. */
    public int inboundStreams() {
        return config.inboundStreams();
    }

    /** Whether I-DATA is used. */
    public boolean interleaving() {
        return false;
    }

    /** Whether we send zero checksums. */
    public boolean zeroChecksum() {
        return false;
    }

    /** Bytes not yet sent once. */
    public long bufferedBytes() {
        return 0;
    }

    /** Counters. */
    public AssociationStats stats() {
        return new AssociationStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0);
    }
}
