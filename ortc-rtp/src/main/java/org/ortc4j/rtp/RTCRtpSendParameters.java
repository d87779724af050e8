package org.ortc4j.rtp;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@code RTCRtpSender} sends (W3C WebRTC §5.2.1 {@code RTCRtpSendParameters}; aiortc
 * {@code RTCRtpSendParameters}): the {@link RTCRtpParameters} fields, the MID, and the encodings.
 *
 * @param codecs the codecs; the first media codec is the one sent
 * @param headerExtensions the header extensions to write
 * @param rtcp CNAME and reduced size
 * @param mid the media identification written in the {@code sdes:mid} extension, or {@code null}
 * @param encodings the streams to send ({@code send} needs at least one)
 * @param transactionId {@code getParameters}' token that {@code setParameters} checks (W3C
 *     §5.2), or {@code null} for parameters a user builds for {@code send}
 */
public record RTCRtpSendParameters(
        List<RTCRtpCodecParameters> codecs,
        List<RTCRtpHeaderExtensionParameters> headerExtensions,
        RTCRtcpParameters rtcp,
        String mid,
        List<RTCRtpEncodingParameters> encodings,
        String transactionId) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if payload types or extension ids repeat (as
     *     {@link RTCRtpParameters} checks), or two encodings share an SSRC or a rid
     */
    public RTCRtpSendParameters {
        RTCRtpParameters common = new RTCRtpParameters(codecs, headerExtensions, rtcp);
        codecs = common.codecs();
        headerExtensions = common.headerExtensions();
        rtcp = common.rtcp();
        encodings = RTCRtpParameters.copy(encodings, "encodings");
        Set<Object> seen = new HashSet<>();
        for (RTCRtpEncodingParameters encoding : encodings) {
            if (encoding.ssrc() != null && !seen.add(encoding.ssrc())) {
                throw new IllegalArgumentException("two encodings have SSRC " + Integer.toUnsignedString(encoding.ssrc()));
            }
            if (encoding.rid() != null && !seen.add("rid:" + encoding.rid())) {
                throw new IllegalArgumentException("two encodings have rid " + encoding.rid());
            }
        }
    }

    /** Parameters with these codecs and extensions and one encoding. */
    public static RTCRtpSendParameters of(RTCRtpParameters parameters, String mid, RTCRtpEncodingParameters encoding) {
        Objects.requireNonNull(parameters, "parameters");
        return new RTCRtpSendParameters(parameters.codecs(), parameters.headerExtensions(), parameters.rtcp(), mid,
                List.of(encoding), null);
    }

    /** The same parameters with other encodings. */
    public RTCRtpSendParameters withEncodings(List<RTCRtpEncodingParameters> newEncodings) {
        return new RTCRtpSendParameters(codecs, headerExtensions, rtcp, mid, newEncodings, transactionId);
    }

    /** The same parameters with another transaction id. */
    public RTCRtpSendParameters withTransactionId(String newTransactionId) {
        return new RTCRtpSendParameters(codecs, headerExtensions, rtcp, mid, encodings, newTransactionId);
    }
}
