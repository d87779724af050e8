/**
 * ICE for the JVM: STUN (RFC 8489) and TURN (RFC 8656) codecs and transactions, candidate
 * gathering, and the full ICE agent (RFC 8445, trickle RFC 8838, consent RFC 7675), exposed as
 * the ORTC objects {@code RTCIceGatherer} and {@code RTCIceTransport}.
 *
 * <p>Today this package holds the W3C ICE values ({@link org.ortc4j.ice.RTCIceServer},
 * {@link org.ortc4j.ice.RTCIceCandidate}, {@link org.ortc4j.ice.RTCIceParameters}) and the
 * DOMException family that every higher module throws; the STUN/TURN message codec is in
 * {@code org.ortc4j.ice.stun}; STUN client transactions are internal; the gatherer, the agent
 * and the transport are still to come.
 */
package org.ortc4j.ice;
