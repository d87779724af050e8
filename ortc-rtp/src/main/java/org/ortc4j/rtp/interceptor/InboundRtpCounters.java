package org.ortc4j.rtp.interceptor;

import java.util.OptionalDouble;

/**
 * What we received on one remote stream, under W3C webrtc-stats {@code RTCInboundRtpStreamStats}
 * names. Packets and bytes include those on the stream's RTX SSRC; loss and jitter are the media
 * SSRC's own (RFC 3550 A.3, A.8), as the receiver reports carry them.
 *
 * @param ssrc the media SSRC
 * @param packetsReceived RTP packets received, RTX included
 * @param packetsLost RFC 3550 A.3 cumulative loss of the media SSRC (negative with duplicates)
 * @param jitter RFC 3550 A.8 interarrival jitter, in seconds
 * @param bytesReceived payload bytes received, RTX included
 * @param headerBytesReceived header and padding bytes received, RTX included
 * @param lastPacketReceivedTimestamp when the last packet arrived, ms since the Unix epoch; empty before the first
 * @param retransmittedPacketsReceived packets received on the RTX SSRC
 * @param retransmittedBytesReceived payload bytes of those, without RTX's 2-byte original sequence number
 * @param nackCount generic NACK packets we sent about the media SSRC
 * @param firCount FIR requests we sent for it
 * @param pliCount PLIs we sent about it
 */
public record InboundRtpCounters(int ssrc, long packetsReceived, long packetsLost, double jitter, long bytesReceived,
        long headerBytesReceived, OptionalDouble lastPacketReceivedTimestamp, long retransmittedPacketsReceived,
        long retransmittedBytesReceived, long nackCount, long firCount, long pliCount) {
}
