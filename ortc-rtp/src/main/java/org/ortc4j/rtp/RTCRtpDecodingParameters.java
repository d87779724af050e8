package org.ortc4j.rtp;

/**
 * One RTP stream a receiver expects (W3C WebRTC {@code RTCRtpDecodingParameters}, with ORTC's and
 * aiortc's {@code ssrc}, {@code payloadType} and {@code rtx}). A stream without an SSRC is found by
 * its MID and RID header extensions, or by payload type (RFC 8843 §9.2).
 *
 * @param ssrc the SSRC, or {@code null} when it is not signalled
 * @param payloadType the payload type, or {@code null} for any of the receiver's codecs
 * @param rtx the RTX stream, or {@code null}
 * @param rid the RTP stream id (RFC 8852), or {@code null}
 */
public record RTCRtpDecodingParameters(Integer ssrc, Integer payloadType, RTCRtpRtxParameters rtx, String rid) {

    /**
     * Validates the payload type.
     *
     * @throws IllegalArgumentException if payloadType is outside 0..127
     */
    public RTCRtpDecodingParameters {
        if (payloadType != null && (payloadType < 0 || payloadType > 127)) {
            throw new IllegalArgumentException("payloadType must be 0 to 127, not " + payloadType);
        }
    }

    /** A stream with this SSRC and nothing else set. */
    public static RTCRtpDecodingParameters ofSsrc(int ssrc) {
        return new RTCRtpDecodingParameters(ssrc, null, null, null);
    }

    /** A stream with this SSRC and an RTX stream on {@code rtxSsrc}. */
    public static RTCRtpDecodingParameters ofSsrc(int ssrc, int rtxSsrc) {
        return new RTCRtpDecodingParameters(ssrc, null, new RTCRtpRtxParameters(rtxSsrc), null);
    }
}
