package org.ortc4j.srtp.internal;

import org.ortc4j.srtp.SrtpMasterKey;

/**
 * The transform of one SRTP profile with the session keys of one master key: encryption and
 * authentication of the bytes of a packet whose header the session has already read. Works in
 * place on arrays and allocates nothing per packet. Not thread-safe.
 */
public abstract sealed class SrtpCipher permits AesCmHmacSha1Cipher, AesGcmCipher {

    /** The transform for {@code key}'s profile, with session keys derived from it. */
    public static SrtpCipher create(SrtpMasterKey key) {
        return create(SessionKeys.derive(key));
    }

    /** The transform for session keys given as they are (RFC 7714's vectors give session keys). */
    public static SrtpCipher create(SessionKeys keys) {
        return keys.profile().isAead() ? new AesGcmCipher(keys) : new AesCmHmacSha1Cipher(keys);
    }

    /** Bytes SRTP adds to an RTP packet. */
    public abstract int rtpTrailerLength();

    /** Bytes SRTCP adds to an RTCP packet: tag plus the 4-byte E flag and index. */
    public abstract int rtcpTrailerLength();

    /**
     * Encrypts {@code b[off + headerLength, off + length)} and writes the tag at
     * {@code off + length}.
     */
    public abstract void protectRtp(byte[] b, int off, int headerLength, int length, int ssrc, int roc, int seq);

    /**
     * Checks the tag at {@code off + length} and, if it matches, decrypts the payload. Returns
     * whether the packet authenticated.
     *
     * @param length the packet's length without the tag
     */
    public abstract boolean unprotectRtp(byte[] b, int off, int headerLength, int length, int ssrc, int roc, int seq);

    /** Encrypts {@code b[off + 8, off + length)} and writes the trailer at {@code off + length}. */
    public abstract void protectRtcp(byte[] b, int off, int length, int ssrc, int index);

    /** Where the E flag and SRTCP index word of an SRTCP packet of {@code length} bytes starts. */
    public abstract int srtcpIndexPosition(int length);

    /**
     * Checks the tag of an SRTCP packet of {@code length} bytes whose E-flag-and-index word is
     * {@code eAndIndex} and, if it matches and the E flag is set, decrypts it. Returns whether
     * the packet authenticated.
     */
    public abstract boolean unprotectRtcp(byte[] b, int off, int length, int ssrc, int eAndIndex);
}
