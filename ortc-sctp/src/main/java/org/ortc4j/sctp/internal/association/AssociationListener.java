package org.ortc4j.sctp.internal.association;

/**
 * What an association tells the layer above (the data-channel layer). Called on the
 * association's loop; implementations must not block and must not throw.
 */
public interface AssociationListener {

    /**
     * The association reached ESTABLISHED (RFC 9260 §5.1: COOKIE ACK received, or COOKIE ECHO
     * accepted). Stream counts and negotiated extensions are known from now on.
     */
    void onEstablished();

    /**
     * A complete user message arrived on {@code streamId}, in the order RFC 9260 §6.6 requires
     * (SSN/MID order per stream unless {@code unordered}).
     *
     * @param payload the whole message; the listener owns the array
     */
    void onMessage(int streamId, int ppid, byte[] payload, boolean unordered);

    /**
     * A user message left the send queue: all its fragments were transmitted once, or the message
     * was abandoned (RFC 3758) or discarded by a stream reset before that. The data-channel layer
     * lowers {@code bufferedAmount} by {@code messageLength} (W3C WebRTC §6.2: bytes "queued ...
     * but not yet transmitted to the network").
     */
    void onMessageSent(int streamId, int messageLength);

    /**
     * The peer reset these streams of ours for incoming data (RFC 6525 §5.2.2: it sent an Outgoing
     * SSN Reset Request that we performed). For data channels the peer closed them (RFC 8831 §6.7).
     */
    void onIncomingStreamsReset(int[] streamIds);

    /**
     * Our Outgoing SSN Reset Request for these streams was performed by the peer (RFC 6525 §5.1.4
     * response "Success - Performed"); each stream's next SSN is 0.
     */
    void onOutgoingStreamsReset(int[] streamIds);

    /**
     * Our Outgoing SSN Reset Request for these streams was refused (RFC 6525 §5.2.2: "Denied" or
     * an error result): their SSNs continue. The default does nothing.
     */
    default void onOutgoingStreamsResetFailed(int[] streamIds, String reason) {
    }

    /**
     * The peer restarted the association (RFC 9260 §5.2.4 action A): every stream starts afresh
     * and messages queued before were lost.
     */
    void onRestarted();

    /**
     * The association is CLOSED and will not send or deliver anything more.
     *
     * @param error {@code null} after a graceful shutdown; otherwise why it ended (ABORT received
     *     or sent, too many retransmissions, handshake failure), for the user to see
     */
    void onClosed(String error);
}
