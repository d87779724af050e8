package org.ortc4j.peerconnection.internal.jsep;

/**
 * One RTP stream a remote section announces with a=ssrc (RFC 5576), with its RTX repair stream
 * when an {@code a=ssrc-group:FID} pairs them (RFC 4588 §8.3).
 *
 * @param ssrc the media SSRC
 * @param rtxSsrc the RTX SSRC, {@code null} without one
 * @param cname the CNAME (RFC 5576 §6.1), {@code null} when not given
 * @param streamId the msid stream id given with the SSRC, {@code null} when none
 * @param trackId the msid track id given with the SSRC, {@code null} when none
 */
public record RemoteStream(long ssrc, Long rtxSsrc, String cname, String streamId, String trackId) {
}
