/**
 * SCTP over DTLS (RFC 9260, RFC 8261) and WebRTC data channels (RFC 8831, DCEP RFC 8832):
 * {@code RTCSctpTransport} and {@code RTCDataChannel}.
 *
 * <p>So far the W3C data-channel values ({@code RTCDataChannelInit}, {@code RTCDataChannelState},
 * {@code RTCPriorityType}); the association and the transport objects come with the rest of the issue.
 */
package org.ortc4j.sctp;
