package org.ortc4j.rtp.internal.session;

/**
 * The counters of one RTP session, as read at one moment.
 *
 * @param rtpPacketsSent RTP packets protected and handed to the ICE transport
 * @param rtpBytesSent their sizes before SRTP (header, payload and padding)
 * @param rtcpPacketsSent compound (or reduced-size) RTCP packets protected and sent
 * @param rtpPacketsReceived RTP packets that authenticated and parsed
 * @param rtpBytesReceived their sizes after SRTP
 * @param rtcpPacketsReceived compound RTCP packets that authenticated and parsed
 * @param droppedNotConnected RTP and RTCP writes dropped because DTLS was not connected, had
 *     negotiated no SRTP profile, or the session was closed; and packets received before the keys
 * @param srtpFailures packets dropped by SRTP or SRTCP: authentication, replay, too old, SSRC limit;
 *     also writes SRTP refused to protect
 * @param malformed datagrams dropped because they were not well-formed RTP or RTCP
 * @param unknownSsrc RTP packets dropped because no bound stream and no handler claimed their SSRC
 */
public record RtpSessionStats(long rtpPacketsSent, long rtpBytesSent, long rtcpPacketsSent, long rtpPacketsReceived,
        long rtpBytesReceived, long rtcpPacketsReceived, long droppedNotConnected, long srtpFailures,
        long malformed, long unknownSsrc) {
}
