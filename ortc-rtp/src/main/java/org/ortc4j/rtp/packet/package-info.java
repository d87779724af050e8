/**
 * RTP and RTCP packets (RFC 3550, RFC 8285 header extensions, RFC 4585/5104 feedback, RFC 3611
 * XR, transport-wide congestion control feedback): parse views over received buffers and
 * builders for sending. Public because forwarding and recording code reads packets directly.
 */
package org.ortc4j.rtp.packet;
