package org.ortc4j.rtp;

/**
 * A source seen in received packets recently (W3C WebRTC §5.3.1 {@code RTCRtpContributingSource}
 * and {@code RTCRtpSynchronizationSource}): an SSRC (synchronization source) or a CSRC
 * (contributing source) with the last packet's facts.
 *
 * @param timestamp when the last packet from the source arrived, in milliseconds since the Unix epoch
 * @param source the SSRC or CSRC, as an unsigned 32-bit value
 * @param audioLevel the audio level from the RFC 6464 extension, 0 to 1 (W3C: linear,
 *     10^(-dBov/20)), or {@code null} when not known
 * @param rtpTimestamp the RTP timestamp of the last packet
 */
public record RTCRtpContributingSource(double timestamp, long source, Double audioLevel, long rtpTimestamp) {
}
