package org.ortc4j.sdp;

import java.util.Objects;

/**
 * A session description as signaled between peers (W3C WebRTC §4.7.2): its type and the SDP text.
 *
 * <p>The text is kept exactly as given; {@link #parse()} reads it into a typed
 * {@link SessionDescription}. A rollback carries no SDP, so its text must be empty; every other
 * type may have empty text only while it is a W3C "implicit" description (one that
 * {@code setLocalDescription} fills in), so nothing here demands a parse.
 *
 * @param type what role the description plays in offer/answer
 * @param sdp the SDP text, never {@code null}
 */
public record RTCSessionDescription(RTCSdpType type, String sdp) {

    public RTCSessionDescription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sdp, "sdp");
        if (type == RTCSdpType.ROLLBACK && !sdp.isEmpty()) {
            throw new IllegalArgumentException("a rollback description carries no SDP");
        }
    }

    /**
     * A description from W3C strings, as a signaling channel delivers them.
     *
     * @throws IllegalArgumentException if {@code type} is not a W3C {@link RTCSdpType}
     */
    public static RTCSessionDescription of(String type, String sdp) {
        return new RTCSessionDescription(RTCSdpType.fromValue(type), sdp);
    }

    /**
     * Reads the SDP text.
     *
     * @throws SdpParseException if the text is not valid SDP (including when it is empty)
     */
    public SessionDescription parse() {
        return SessionDescription.parse(sdp);
    }
}
