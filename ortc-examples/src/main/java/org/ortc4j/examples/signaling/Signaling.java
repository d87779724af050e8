package org.ortc4j.examples.signaling;

import java.io.IOException;

/**
 * A channel that carries offers, answers, candidates and the bye between two peers, in the shape
 * of aiortc's {@code BaseSignaling}. Messages are {@link org.ortc4j.sdp.RTCSessionDescription},
 * {@link SignaledCandidate} and {@link Bye}; on the wire they are the JSON of
 * {@link SignalingMessages}.
 *
 * <p>Calls block. One thread may send while another receives; two threads must not receive at
 * once.
 */
public interface Signaling extends AutoCloseable {

    /**
     * Prepares the channel. For both aiortc channels this does nothing: the TCP socket is opened
     * by the first {@link #send} (listening) or {@link #receive} (connecting).
     *
     * @throws IOException if the channel cannot be prepared
     */
    void connect() throws IOException;

    /**
     * Sends one message.
     *
     * @param message an {@link org.ortc4j.sdp.RTCSessionDescription}, a {@link SignaledCandidate}
     *     or {@link Bye#BYE}
     * @throws IllegalArgumentException if {@code message} is none of these
     * @throws IOException if the channel fails
     */
    void send(Object message) throws IOException;

    /**
     * Waits for the next message.
     *
     * @return an {@link org.ortc4j.sdp.RTCSessionDescription}, a {@link SignaledCandidate},
     *     {@link Bye#BYE}, or {@code null} once the remote party has closed the channel (as aiortc
     *     returns {@code None})
     * @throws InvalidSignalingMessageException if the remote party sent something that is not a
     *     signaling message; the channel stays usable
     * @throws IOException if the channel fails
     */
    Object receive() throws IOException;

    /**
     * Sends {@link Bye#BYE} if the channel is open, then closes it. Does nothing if it is not
     * open.
     *
     * @throws IOException if the bye cannot be sent or the channel cannot be closed
     */
    @Override
    void close() throws IOException;
}
