package org.ortc4j.rtp.interceptor;

import java.util.OptionalDouble;

/**
 * What a remote sender said in its last sender report (RFC 3550 §6.4.1), under W3C webrtc-stats
 * {@code RTCRemoteOutboundRtpStreamStats} names.
 *
 * @param ssrc the remote sender's SSRC
 * @param packetsSent its packet count
 * @param bytesSent its payload octet count
 * @param remoteTimestamp its NTP timestamp, as ms since the Unix epoch
 * @param reportsSent how many of its sender reports arrived
 * @param roundTripTime the last RTT from an XR DLRR answering our RRTR (RFC 3611 §4.5), in
 *     seconds; empty before one (RRTRs are sent when {@link RtcpReportConfig#receiverReferenceTime()})
 * @param totalRoundTripTime the sum of those RTTs, in seconds
 * @param roundTripTimeMeasurements how many DLRRs gave an RTT
 * @param timestamp when its last sender report arrived, ms since the Unix epoch
 */
public record RemoteOutboundCounters(int ssrc, long packetsSent, long bytesSent, double remoteTimestamp,
        long reportsSent, OptionalDouble roundTripTime, double totalRoundTripTime, long roundTripTimeMeasurements,
        double timestamp) {
}
