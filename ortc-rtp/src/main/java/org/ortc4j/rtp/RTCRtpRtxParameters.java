package org.ortc4j.rtp;

/**
 * The retransmission stream of an encoding (ORTC {@code RTCRtpRtxParameters}; aiortc
 * {@code RTCRtpRtxParameters}): RTX per RFC 4588 travels on its own SSRC.
 *
 * @param ssrc the SSRC of the RTX stream
 */
public record RTCRtpRtxParameters(int ssrc) {
}
