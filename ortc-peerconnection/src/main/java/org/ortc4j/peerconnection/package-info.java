/**
 * {@code RTCPeerConnection}: JSEP (RFC 9429) offer/answer composed from the ORTC objects of the
 * lower modules: {@link org.ortc4j.peerconnection.RTCPeerConnection}, its configuration, states,
 * events and init dictionaries. The JSEP core (offers, answers, codec and direction negotiation)
 * is in the internal {@code jsep} package.
 */
package org.ortc4j.peerconnection;
