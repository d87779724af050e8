/**
 * SCTP over DTLS (RFC 9260, RFC 8261) and WebRTC data channels (RFC 8831, DCEP RFC 8832):
 * {@code RTCSctpTransport} and {@code RTCDataChannel}.
 *
 * <p>Not implemented yet: this package arrives with the ortc-sctp issue.
 */
package org.ortc4j.sctp;
