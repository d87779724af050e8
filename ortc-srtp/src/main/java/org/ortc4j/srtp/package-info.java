/**
 * SRTP and SRTCP (RFC 3711, RFC 7714, RFC 6188): crypto contexts per SSRC, key derivation,
 * rollover counter estimation, replay windows, and in-place {@code protect}/{@code unprotect}
 * of RTP and RTCP packets with keys exported by DTLS-SRTP. No I/O.
 *
 * <p>Not implemented yet: this package arrives with the ortc-srtp issue.
 */
package org.ortc4j.srtp;
