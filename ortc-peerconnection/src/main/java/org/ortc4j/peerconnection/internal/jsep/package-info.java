/**
 * The JSEP core of RTCPeerConnection (RFC 9429, RFC 3264, RFC 8843, RFC 8866): pure and free of
 * I/O, it turns the peer connection's transceivers and transports into offers and answers, reads
 * remote descriptions into facts, and negotiates codecs, header extensions, directions, BUNDLE
 * and the parameters each sender and receiver gets. Not exported: only RTCPeerConnection uses it.
 *
 * <p>The flow: {@link org.ortc4j.peerconnection.internal.jsep.OfferBuilder} or
 * {@link org.ortc4j.peerconnection.internal.jsep.AnswerBuilder} make a
 * {@link org.ortc4j.peerconnection.internal.jsep.LocalDescription};
 * {@link org.ortc4j.peerconnection.internal.jsep.RemoteDescriptionReader} reads the other side's
 * into a {@link org.ortc4j.peerconnection.internal.jsep.RemoteDescription};
 * {@link org.ortc4j.peerconnection.internal.jsep.DescriptionChecks} checks it against what was
 * negotiated; {@link org.ortc4j.peerconnection.internal.jsep.NegotiatedMedia} gives each
 * transceiver its send and receive parameters once both are known. The long-lived state a peer
 * connection keeps across negotiations is a
 * {@link org.ortc4j.peerconnection.internal.jsep.PayloadTypeRegistry}, an
 * {@link org.ortc4j.peerconnection.internal.jsep.ExtensionIdRegistry} and a
 * {@link org.ortc4j.peerconnection.internal.jsep.SessionOrigin}.
 */
package org.ortc4j.peerconnection.internal.jsep;
