/**
 * The RTP session of one {@code RTCDtlsTransport}: SRTP and SRTCP with the keys of the DTLS
 * exporter, RTP/RTCP demultiplexing on the shared transport (RFC 5761 §4, RFC 8843 §9.2) and the
 * interceptor chain every sender and receiver on the transport goes through.
 */
package org.ortc4j.rtp.internal.session;
