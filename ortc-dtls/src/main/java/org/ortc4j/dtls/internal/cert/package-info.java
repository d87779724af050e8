/**
 * How an {@code RTCCertificate} is made, fingerprinted and stored: the self-signed certificate
 * builder, the RFC 8122 §5 fingerprint hash functions and text form, and the RFC 7468 PEM
 * reader and writer. Not exported; the public face is {@code org.ortc4j.dtls.RTCCertificate}.
 */
package org.ortc4j.dtls.internal.cert;
