package org.ortc4j.peerconnection;

import java.util.List;
import java.util.Objects;
import org.ortc4j.rtp.RTCRtpEncodingParameters;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;

/**
 * Options of {@link RTCPeerConnection#addTransceiver} (W3C WebRTC §5.1
 * {@code RTCRtpTransceiverInit}).
 *
 * @param direction the transceiver's direction (W3C default sendrecv)
 * @param streams the ids of the streams the sender's track belongs to (written as a=msid); the
 *     W3C dictionary holds MediaStream objects, whose ids are what is signaled
 * @param sendEncodings the sender's encodings; empty for one encoding (simulcast is not
 *     supported yet: at most one)
 */
public record RTCRtpTransceiverInit(RTCRtpTransceiverDirection direction, List<String> streams,
        List<RTCRtpEncodingParameters> sendEncodings) {

    /** Checks and copies; a null direction is sendrecv, null lists are empty. */
    public RTCRtpTransceiverInit {
        direction = direction == null ? RTCRtpTransceiverDirection.SENDRECV : direction;
        if (direction == RTCRtpTransceiverDirection.STOPPED) {
            // W3C §5.1 addTransceiver: a new transceiver cannot be stopped (TypeError).
            throw new IllegalArgumentException("a new transceiver cannot have direction stopped");
        }
        streams = streams == null ? List.of() : List.copyOf(streams);
        sendEncodings = sendEncodings == null ? List.of() : List.copyOf(sendEncodings);
        if (sendEncodings.size() > 1) {
            throw new IllegalArgumentException("simulcast (more than one send encoding) is not supported yet");
        }
        streams.forEach(id -> Objects.requireNonNull(id, "stream id"));
    }

    /** The W3C defaults: sendrecv, no streams, one encoding. */
    public RTCRtpTransceiverInit() {
        this(null, null, null);
    }

    /** A direction with no streams and one encoding. */
    public RTCRtpTransceiverInit(RTCRtpTransceiverDirection direction) {
        this(direction, null, null);
    }
}
