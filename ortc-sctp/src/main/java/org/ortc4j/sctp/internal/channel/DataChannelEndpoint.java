package org.ortc4j.sctp.internal.channel;

import java.time.Duration;
import java.util.Objects;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.internal.control.PrPolicy;

/**
 * One data channel as the data-channel layer sees it: its stream, how its messages are sent, and
 * where it is in the DCEP open (RFC 8832 §6) and the close by stream reset (RFC 8831 §6.7).
 * Created on any thread (by the public {@code RTCDataChannel}); every other method is for the
 * loop, through {@link DataChannelRegistry}.
 */
public final class DataChannelEndpoint {

    /** Where the channel is, loop-side. */
    enum Phase {
        /** Waiting for the association (and so the DTLS role and a stream id). */
        WAITING,
        /** Messages flow. */
        OPEN,
        /** Our outgoing stream reset is requested or done; waiting for both directions. */
        CLOSING,
        /** Done. */
        CLOSED
    }

    private final String label;
    private final RTCDataChannelInit init;
    private final PrPolicy policy;
    private volatile ChannelEvents events;

    // Loop-confined.
    int id = -1;
    Phase phase = Phase.WAITING;
    /** RFC 8832 §6: we sent DATA_CHANNEL_OPEN and have seen neither the ACK nor any user message. */
    boolean awaitingAck;
    boolean outgoingResetRequested;
    boolean outgoingResetDone;
    boolean incomingResetDone;
    final PendingSends pending = new PendingSends();
    /** The deprecated PPID-based fragments received so far (RFC 8831 §6.6), or null. */
    byte[] partial;
    int partialLength;
    boolean partialBinary;
    /** A partial message outgrew the limit: its remaining pieces, up to its last, are dropped. */
    boolean partialDiscarding;

    /**
     * @param label the channel label
     * @param init the channel options; for a channel the peer opened, as its DATA_CHANNEL_OPEN says
     * @param events where the channel's events go; may be set later with {@link #setEvents}
     */
    public DataChannelEndpoint(String label, RTCDataChannelInit init, ChannelEvents events) {
        this.label = Objects.requireNonNull(label, "label");
        this.init = Objects.requireNonNull(init, "init");
        this.events = events;
        // RFC 8831 §6.1: "maxRetransmits" limits retransmissions, "maxPacketLifeTime" the time a
        // message may be retransmitted; RFC 3758 PR-SCTP does both.
        if (init.maxRetransmits() != null) {
            policy = PrPolicy.maxRetransmits(init.maxRetransmits());
        } else if (init.maxPacketLifeTime() != null) {
            policy = PrPolicy.lifetime(Duration.ofMillis(init.maxPacketLifeTime()));
        } else {
            policy = PrPolicy.RELIABLE;
        }
    }

    /** The label. */
    public String label() {
        return label;
    }

    /** The options. */
    public RTCDataChannelInit init() {
        return init;
    }

    /** Sets where events go (for a channel the peer opened, once its public object exists). */
    public void setEvents(ChannelEvents events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    ChannelEvents events() {
        return events;
    }

    PrPolicy policy() {
        return policy;
    }

    /**
     * RFC 8832 §6: "before the DATA_CHANNEL_ACK message or any other message has been received on
     * a data channel, all other messages containing user data ... MUST be sent ordered, no matter
     * whether the data channel is ordered or not."
     */
    boolean sendUnordered() {
        return !init.ordered() && !awaitingAck;
    }
}
