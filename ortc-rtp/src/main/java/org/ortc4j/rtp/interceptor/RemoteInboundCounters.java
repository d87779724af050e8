package org.ortc4j.rtp.interceptor;

import java.util.OptionalDouble;

/**
 * What the remote side reported receiving of one of our streams (report blocks about our SSRC in
 * their SRs and RRs), under W3C webrtc-stats {@code RTCRemoteInboundRtpStreamStats} names.
 *
 * @param ssrc our media SSRC the reports are about
 * @param packetsLost their cumulative loss (RFC 3550 §6.4.1, signed)
 * @param fractionLost the fraction lost in their last interval, 0 to 255/256
 * @param jitter their interarrival jitter, in seconds
 * @param roundTripTime the last RTT measured from LSR/DLSR (RFC 3550 §6.4.1), in seconds; empty
 *     before a block carried a non-zero LSR
 * @param totalRoundTripTime the sum of all RTT measurements, in seconds
 * @param roundTripTimeMeasurements how many blocks gave an RTT
 * @param reportsReceived how many report blocks about the SSRC arrived
 * @param timestamp when the last block arrived, ms since the Unix epoch
 */
public record RemoteInboundCounters(int ssrc, long packetsLost, double fractionLost, double jitter,
        OptionalDouble roundTripTime, double totalRoundTripTime, long roundTripTimeMeasurements,
        long reportsReceived, double timestamp) {
}
