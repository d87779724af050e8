/**
 * RTP and RTCP for WebRTC: the W3C RTP parameter and capability values, and (with the ortc-rtp
 * issue) packets, header extensions, payload formats, {@code RTCRtpSender},
 * {@code RTCRtpReceiver}, {@code RTCRtpTransceiver}, NACK/RTX, jitter buffer, reports and stats.
 */
package org.ortc4j.rtp;
