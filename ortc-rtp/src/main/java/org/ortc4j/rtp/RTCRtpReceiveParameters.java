package org.ortc4j.rtp;

import java.util.List;
import java.util.Objects;

/**
 * What an {@code RTCRtpReceiver} receives (W3C WebRTC §5.2.2 {@code RTCRtpReceiveParameters};
 * aiortc {@code RTCRtpReceiveParameters}): the {@link RTCRtpParameters} fields, the MID and the
 * streams expected.
 *
 * @param codecs the codecs the peer may send, RTX included
 * @param headerExtensions the header extensions the peer writes
 * @param rtcp CNAME and reduced size
 * @param mid the media identification the peer writes in {@code sdes:mid}, or {@code null}
 * @param encodings the streams expected; an empty list means one stream, found by MID or
 *     payload type
 */
public record RTCRtpReceiveParameters(
        List<RTCRtpCodecParameters> codecs,
        List<RTCRtpHeaderExtensionParameters> headerExtensions,
        RTCRtcpParameters rtcp,
        String mid,
        List<RTCRtpDecodingParameters> encodings) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if payload types or extension ids repeat
     */
    public RTCRtpReceiveParameters {
        RTCRtpParameters common = new RTCRtpParameters(codecs, headerExtensions, rtcp);
        codecs = common.codecs();
        headerExtensions = common.headerExtensions();
        rtcp = common.rtcp();
        encodings = RTCRtpParameters.copy(encodings, "encodings");
    }

    /** Parameters with these codecs and extensions, a MID, and these streams. */
    public static RTCRtpReceiveParameters of(RTCRtpParameters parameters, String mid, List<RTCRtpDecodingParameters> encodings) {
        Objects.requireNonNull(parameters, "parameters");
        return new RTCRtpReceiveParameters(parameters.codecs(), parameters.headerExtensions(), parameters.rtcp(), mid, encodings);
    }
}
