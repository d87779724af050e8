/**
 * {@code RTCPeerConnection}: JSEP (RFC 9429) offer/answer composed from the ORTC objects of the
 * lower modules. Today this package holds the W3C configuration values
 * ({@link org.ortc4j.peerconnection.RTCConfiguration},
 * {@link org.ortc4j.peerconnection.RTCBundlePolicy}); the peer connection comes with its issue.
 */
package org.ortc4j.peerconnection;
