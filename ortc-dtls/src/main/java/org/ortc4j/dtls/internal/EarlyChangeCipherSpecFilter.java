package org.ortc4j.dtls.internal;

/**
 * Holds back, on the DTLS server during the handshake, a client's ChangeCipherSpec that arrives
 * before its CertificateVerify.
 *
 * <p>Why: Bouncy Castle's server installs the client's new read epoch as soon as the
 * ChangeCipherSpec is processed, even when the CertificateVerify before it in the client's
 * flight was lost or reordered behind it; every retransmitted CertificateVerify is then an
 * epoch-0 record that the server discards, and the handshake hangs until its timeout. Seen on the
 * virtual network with 20 % loss and reordering (`RTCDtlsTransportVirtualNetworkTest`). RFC 6347
 * §4.2.4 has the client resend its whole flight when its timer fires, so dropping the early
 * datagram loses nothing: the ChangeCipherSpec comes again behind the CertificateVerify. The
 * client always sends a CertificateVerify here because the server always asks for a certificate
 * (the fingerprint check needs one).
 *
 * <p>Confined to the loop.
 */
public final class EarlyChangeCipherSpecFilter {

    // RFC 6347 §4.1: ContentType change_cipher_spec(20), handshake(22); RFC 5246 §7.4:
    // HandshakeType certificate_verify(15).
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;
    private static final int CERTIFICATE_VERIFY = 15;

    private boolean certificateVerifySeen;

    /**
     * Whether {@code datagram} (well-formed records, as {@link DtlsRecordFraming} checked)
     * carries an epoch-0 ChangeCipherSpec while no epoch-0 CertificateVerify has been seen yet,
     * looking at the records in order.
     */
    public boolean holdsEarlyChangeCipherSpec(byte[] datagram) {
        int offset = 0;
        boolean early = false;
        while (offset + DtlsRecordFraming.HEADER_LENGTH <= datagram.length) {
            int type = datagram[offset] & 0xFF;
            int epoch = ((datagram[offset + 3] & 0xFF) << 8) | (datagram[offset + 4] & 0xFF);
            int length = ((datagram[offset + 11] & 0xFF) << 8) | (datagram[offset + 12] & 0xFF);
            int fragment = offset + DtlsRecordFraming.HEADER_LENGTH;
            if (epoch == 0 && type == HANDSHAKE && length > 0 && fragment < datagram.length
                    && (datagram[fragment] & 0xFF) == CERTIFICATE_VERIFY) {
                certificateVerifySeen = true;
            }
            if (epoch == 0 && type == CHANGE_CIPHER_SPEC && !certificateVerifySeen) {
                early = true;
            }
            offset = fragment + length;
        }
        return early;
    }
}
