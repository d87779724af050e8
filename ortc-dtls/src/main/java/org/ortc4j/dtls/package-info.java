/**
 * DTLS 1.2 over ICE for WebRTC: {@code RTCCertificate}, {@code RTCDtlsTransport}, certificate
 * fingerprints (RFC 8122), DTLS-SRTP key export (RFC 5764) and demultiplexing of STUN, DTLS and
 * SRTP on one ICE transport (RFC 7983).
 *
 * <p>Not implemented yet: this package arrives with the ortc-dtls issue.
 */
package org.ortc4j.dtls;
