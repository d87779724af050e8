/**
 * SCTP over DTLS (RFC 9260, RFC 8261) and WebRTC data channels (RFC 8831, DCEP RFC 8832):
 * {@link org.ortc4j.sctp.RTCSctpTransport} over an {@code RTCDtlsTransport}, and
 * {@link org.ortc4j.sctp.RTCDataChannel}s on it, with the W3C values ({@code RTCDataChannelInit},
 * {@code RTCDataChannelState}, {@code RTCPriorityType}, {@code RTCSctpCapabilities}).
 *
 * <p>Events run on the ICE transport's loop and must not block; public methods may be called
 * from any thread.
 */
package org.ortc4j.sctp;
