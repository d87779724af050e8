package org.ortc4j.rtp.interceptor;

import java.util.OptionalDouble;

/**
 * What we sent on one local stream, under W3C webrtc-stats {@code RTCOutboundRtpStreamStats}
 * names. As webrtc-stats says, packets and bytes include retransmissions, also those sent on the
 * stream's RTX SSRC (RFC 4588); sender reports count the media SSRC alone (RFC 3550 §6.4.1).
 *
 * @param ssrc the media SSRC
 * @param packetsSent RTP packets sent, RTX included
 * @param bytesSent payload bytes sent (no headers or padding), RTX included
 * @param headerBytesSent header and padding bytes sent, RTX included
 * @param lastPacketSentTimestamp when the last packet left, ms since the Unix epoch; empty before the first
 * @param retransmittedPacketsSent packets sent on the RTX SSRC
 * @param retransmittedBytesSent payload bytes of those, without RTX's 2-byte original sequence number
 * @param nackCount generic NACK packets received about the media SSRC (RFC 4585 §6.2.1)
 * @param firCount FIR requests received for it (RFC 5104 §4.3.1)
 * @param pliCount PLIs received about it (RFC 4585 §6.3.1)
 */
public record OutboundRtpCounters(int ssrc, long packetsSent, long bytesSent, long headerBytesSent,
        OptionalDouble lastPacketSentTimestamp, long retransmittedPacketsSent, long retransmittedBytesSent,
        long nackCount, long firCount, long pliCount) {
}
