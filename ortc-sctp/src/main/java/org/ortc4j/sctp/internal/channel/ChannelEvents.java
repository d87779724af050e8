package org.ortc4j.sctp.internal.channel;

import org.ortc4j.sctp.RTCError;

/**
 * What the data-channel layer tells one {@code RTCDataChannel}. Called on the loop; the public
 * object updates its volatile attributes and fires its events.
 */
public interface ChannelEvents {

    /** The channel got its SCTP stream id (W3C WebRTC §6.2: allocated once the DTLS role is known). */
    void onIdAssigned(int id);

    /** The channel is open (W3C WebRTC §6.2 "announce the data channel as open"). */
    void onOpen();

    /**
     * A message arrived.
     *
     * @param binary whether it is binary (else a UTF-8 string)
     * @param data the message; the receiver owns it
     */
    void onMessage(boolean binary, byte[] data);

    /** {@code userBytes} of queued messages left the send queue: {@code bufferedAmount} drops by them. */
    void onSent(long userBytes);

    /** The peer started closing the channel (W3C "closing" event). */
    void onClosing();

    /**
     * The channel is closed (W3C "announce the data channel as closed").
     *
     * @param error why, if it closed abruptly; {@code null} after a clean close
     */
    void onClosed(RTCError error);

    /**
     * The channel is closed abruptly, without the closing procedure and without events (W3C
     * §4.4.1.5 close the connection: "The RTCDataChannels will be closed abruptly and the
     * closing procedure will not be invoked"). By default as {@link #onClosed} without error.
     */
    default void onClosedSilently() {
        onClosed(null);
    }
}
