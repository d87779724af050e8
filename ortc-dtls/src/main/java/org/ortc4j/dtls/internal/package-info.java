/**
 * The machinery behind {@code RTCDtlsTransport}, not exported.
 *
 * <ul>
 *   <li>{@link org.ortc4j.dtls.internal.PacketDemultiplexer}: RFC 7983 §7 first-byte classes
 *       ({@link org.ortc4j.dtls.internal.PacketKind}).</li>
 *   <li>{@link org.ortc4j.dtls.internal.DtlsRecordFraming}: RFC 6347 §4.1 record framing checked
 *       before Bouncy Castle sees a datagram.</li>
 *   <li>{@link org.ortc4j.dtls.internal.QueuedDatagramTransport}: the Bouncy Castle
 *       {@code DatagramTransport} fed by the ICE transport's loop; it waits only on the handshake
 *       thread ({@link org.ortc4j.dtls.internal.DtlsHandshakeExecutor}).</li>
 *   <li>{@link org.ortc4j.dtls.internal.WebRtcDtlsClient} and
 *       {@link org.ortc4j.dtls.internal.WebRtcDtlsServer}: DTLS 1.2 with the WebRTC cipher suites
 *       ({@link org.ortc4j.dtls.internal.DtlsCipherSuites}), the extended master secret, use_srtp
 *       ({@link org.ortc4j.dtls.internal.SrtpNegotiation}), mutual certificates checked by
 *       fingerprint ({@link org.ortc4j.dtls.internal.RemoteCertificateCheck}) and the
 *       EXTRACTOR-dtls_srtp export into a {@link org.ortc4j.dtls.internal.DtlsHandshakeOutcome}.</li>
 *   <li>{@link org.ortc4j.dtls.internal.DtlsCredentials}: the JDK-backed Bouncy Castle crypto and
 *       our certificate as a signer; ChaCha20-Poly1305 from the JDK
 *       ({@link org.ortc4j.dtls.internal.JdkChaCha20Poly1305}).</li>
 * </ul>
 */
package org.ortc4j.dtls.internal;
