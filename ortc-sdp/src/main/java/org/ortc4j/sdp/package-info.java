/**
 * SDP (RFC 8866) as WebRTC speaks it: a typed, immutable model of session descriptions with the
 * attributes of JSEP (RFC 9429), ICE (RFC 8839), BUNDLE (RFC 8843), SCTP (RFC 8841), RTP header
 * extensions (RFC 8285), RTP payload formats, RID and simulcast (RFC 8851, RFC 8853); a parser
 * that rejects malformed input with {@link org.ortc4j.sdp.SdpParseException} and a writer that
 * reproduces unknown attributes and lines unchanged. Also {@link org.ortc4j.sdp.RTCSessionDescription}.
 */
package org.ortc4j.sdp;
