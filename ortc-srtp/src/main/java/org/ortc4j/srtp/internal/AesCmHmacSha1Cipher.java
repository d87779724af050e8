package org.ortc4j.srtp.internal;


/**
 * AES counter mode with HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1; 256-bit keys RFC 6188).
 *
 * <pre>
 * IV  = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16)       RFC 3711 §4.1.1
 * tag = HMAC-SHA1(k_a, authenticated portion || ROC)        RFC 3711 §4.2.1, truncated
 * </pre>
 * For SRTCP the index {@code i} is the 31-bit SRTCP index and the authenticated portion ends
 * with the E flag and index word (RFC 3711 §3.4).
 */
final class AesCmHmacSha1Cipher extends SrtpCipher {

    private final AesCounterMode rtpCipher;
    private final AesCounterMode rtcpCipher;
    private final HmacSha1 rtpMac;
    private final HmacSha1 rtcpMac;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final byte[] iv = new byte[16];
    private final byte[] mac = new byte[HmacSha1.LENGTH];

    AesCmHmacSha1Cipher(SessionKeys keys) {
        rtpCipher = new AesCounterMode(keys.rtpKey());
        rtpMac = new HmacSha1(keys.rtpAuthKey());
        rtpSalt = keys.rtpSalt().clone();
        rtcpCipher = new AesCounterMode(keys.rtcpKey());
        rtcpMac = new HmacSha1(keys.rtcpAuthKey());
        rtcpSalt = keys.rtcpSalt().clone();
        rtpTagLength = keys.profile().rtpTagLength();
        rtcpTagLength = keys.profile().rtcpTagLength();
    }

    @Override
    public int rtpTrailerLength() {
        return rtpTagLength;
    }

    @Override
    public int rtcpTrailerLength() {
        return rtcpTagLength + 4;
    }

    /** RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16). */
    private void makeIv(byte[] salt, int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        iv[8] ^= (byte) (index >>> 40);
        iv[9] ^= (byte) (index >>> 32);
        iv[10] ^= (byte) (index >>> 24);
        iv[11] ^= (byte) (index >>> 16);
        iv[12] ^= (byte) (index >>> 8);
        iv[13] ^= (byte) index;
    }

    @Override
    public void protectRtp(byte[] b, int off, int headerLength, int length, int ssrc, int roc, int seq) {
        makeIv(rtpSalt, ssrc, ((roc & 0xFFFF_FFFFL) << 16) | seq);
        rtpCipher.apply(iv, b, off + headerLength, length - headerLength);
        rtpMac.begin();
        rtpMac.update(b, off, length);
        rtpMac.updateInt(roc);
        rtpMac.finish(mac, 0);
        System.arraycopy(mac, 0, b, off + length, rtpTagLength);
    }

    @Override
    public boolean unprotectRtp(byte[] b, int off, int headerLength, int length, int ssrc, int roc, int seq) {
        rtpMac.begin();
        rtpMac.update(b, off, length);
        rtpMac.updateInt(roc);
        rtpMac.finish(mac, 0);
        if (!tagMatches(b, off + length, rtpTagLength)) {
            return false;
        }
        makeIv(rtpSalt, ssrc, ((roc & 0xFFFF_FFFFL) << 16) | seq);
        rtpCipher.apply(iv, b, off + headerLength, length - headerLength);
        return true;
    }

    @Override
    public void protectRtcp(byte[] b, int off, int length, int ssrc, int index) {
        makeIv(rtcpSalt, ssrc, index);
        rtcpCipher.apply(iv, b, off + 8, length - 8);
        // RFC 3711 §3.4: the E flag (1: encrypted) and the 31-bit SRTCP index follow the packet.
        RtpPackets.putInt32(b, off + length, 0x8000_0000 | index);
        rtcpMac.begin();
        rtcpMac.update(b, off, length + 4);
        rtcpMac.finish(mac, 0);
        System.arraycopy(mac, 0, b, off + length + 4, rtcpTagLength);
    }

    @Override
    public int srtcpIndexPosition(int length) {
        return length - rtcpTagLength - 4;
    }

    @Override
    public boolean unprotectRtcp(byte[] b, int off, int length, int ssrc, int eAndIndex) {
        int authenticated = length - rtcpTagLength;
        rtcpMac.begin();
        rtcpMac.update(b, off, authenticated);
        rtcpMac.finish(mac, 0);
        if (!tagMatches(b, off + authenticated, rtcpTagLength)) {
            return false;
        }
        if (eAndIndex < 0) {
            makeIv(rtcpSalt, ssrc, eAndIndex & 0x7FFF_FFFF);
            rtcpCipher.apply(iv, b, off + 8, authenticated - 4 - 8);
        }
        return true;
    }

    // Constant time, so that the time taken does not tell a forger how many bytes were right.
    private boolean tagMatches(byte[] b, int offset, int length) {
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= mac[i] ^ b[offset + i];
        }
        return diff == 0;
    }
}
