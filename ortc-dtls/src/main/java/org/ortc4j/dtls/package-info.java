/**
 * DTLS 1.2 over ICE for WebRTC: {@code RTCCertificate}, {@code RTCDtlsTransport}, certificate
 * fingerprints (RFC 8122), DTLS-SRTP key export (RFC 5764) and demultiplexing of STUN, DTLS and
 * SRTP on one ICE transport (RFC 7983).
 *
 * <p>Bouncy Castle's DTLS handshake blocks, so it runs on a shared handshake executor; records
 * after the handshake are decrypted on the ICE transport's loop without waiting.
 */
package org.ortc4j.dtls;
