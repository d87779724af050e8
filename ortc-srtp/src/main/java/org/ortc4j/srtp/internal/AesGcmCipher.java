package org.ortc4j.srtp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for SRTP and SRTCP (RFC 7714), through the JDK's AES/GCM (AES-NI and CLMUL).
 *
 * <pre>
 * SRTP IV  = (00 00 || SSRC || ROC || SEQ) XOR salt                      RFC 7714 §8.1
 * SRTCP IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt       RFC 7714 §9.1
 * SRTP AAD = the RTP header with CSRCs and extension                     RFC 7714 §8.2
 * SRTCP AAD = the first 8 bytes || E flag and SRTCP index                RFC 7714 §9.2
 * SRTCP packet = header || ciphertext || tag || E flag and index         RFC 7714 §9, figure
 * </pre>
 *
 * <p>JCA GCM needs a fresh {@link GCMParameterSpec} per packet; that small object is this
 * transform's only allocation.
 */
final class AesGcmCipher extends SrtpCipher {

    private static final int TAG = 16;

    private final Cipher rtpCipher;
    private final Cipher rtcpCipher;
    private final SecretKeySpec rtpKey;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[12];
    private final byte[] word = new byte[4];
    private final byte[] none = new byte[TAG];

    AesGcmCipher(SessionKeys keys) {
        rtpKey = new SecretKeySpec(keys.rtpKey(), "AES");
        rtpSalt = keys.rtpSalt().clone();
        rtcpKey = new SecretKeySpec(keys.rtcpKey(), "AES");
        rtcpSalt = keys.rtcpSalt().clone();
        try {
            rtpCipher = Cipher.getInstance("AES/GCM/NoPadding");
            rtcpCipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available from the JDK", e);
        }
    }

    @Override
    public int rtpTrailerLength() {
        return TAG;
    }

    @Override
    public int rtcpTrailerLength() {
        return TAG + 4;
    }

    private void makeIv(byte[] salt, int ssrc, int middle, int last) {
        iv[0] = salt[0];
        iv[1] = salt[1];
        iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (salt[5] ^ ssrc);
        iv[6] = (byte) (salt[6] ^ (middle >>> 24));
        iv[7] = (byte) (salt[7] ^ (middle >>> 16));
        iv[8] = (byte) (salt[8] ^ (middle >>> 8));
        iv[9] = (byte) (salt[9] ^ middle);
        iv[10] = (byte) (salt[10] ^ (last >>> 8));
        iv[11] = (byte) (salt[11] ^ last);
    }

    @Override
    public void protectRtp(byte[] b, int off, int headerLength, int length, int ssrc, int roc, int seq) {
        makeIv(rtpSalt, ssrc, roc, seq);
        try {
            rtpCipher.init(Cipher.ENCRYPT_MODE, rtpKey, new GCMParameterSpec(TAG * 8, iv));
            rtpCipher.updateAAD(b, off, headerLength);
            rtpCipher.doFinal(b, off + headerLength, length - headerLength, b, off + headerLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed on a well-formed packet", e);
        }
    }

    @Override
    public boolean unprotectRtp(byte[] b, int off, int headerLength, int length, int ssrc, int roc, int seq) {
        makeIv(rtpSalt, ssrc, roc, seq);
        try {
            rtpCipher.init(Cipher.DECRYPT_MODE, rtpKey, new GCMParameterSpec(TAG * 8, iv));
            rtpCipher.updateAAD(b, off, headerLength);
            rtpCipher.doFinal(b, off + headerLength, length + TAG - headerLength, b, off + headerLength);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed on a well-formed packet", e);
        }
    }

    @Override
    public void protectRtcp(byte[] b, int off, int length, int ssrc, int index) {
        // RFC 7714 §9.1: 00 00 || SSRC || 00 00 || 0 || SRTCP index, XOR the salt
        makeIv(rtcpSalt, ssrc, index >>> 16, index & 0xFFFF);
        RtpPackets.putInt32(word, 0, 0x8000_0000 | index);
        try {
            rtcpCipher.init(Cipher.ENCRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG * 8, iv));
            rtcpCipher.updateAAD(b, off, 8);
            rtcpCipher.updateAAD(word, 0, 4);
            rtcpCipher.doFinal(b, off + 8, length - 8, b, off + 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed on a well-formed packet", e);
        }
        System.arraycopy(word, 0, b, off + length + TAG, 4);
    }

    @Override
    public int srtcpIndexPosition(int length) {
        return length - 4;
    }

    @Override
    public boolean unprotectRtcp(byte[] b, int off, int length, int ssrc, int eAndIndex) {
        int index = eAndIndex & 0x7FFF_FFFF;
        makeIv(rtcpSalt, ssrc, index >>> 16, index & 0xFFFF);
        int tagStart = length - 4 - TAG;
        try {
            rtcpCipher.init(Cipher.DECRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG * 8, iv));
            if (eAndIndex < 0) {
                rtcpCipher.updateAAD(b, off, 8);
                rtcpCipher.updateAAD(b, off + length - 4, 4);
                rtcpCipher.doFinal(b, off + 8, tagStart - 8 + TAG, b, off + 8);
            } else {
                // RFC 7714 §9.2, E = 0: the whole packet is authenticated and nothing is encrypted.
                rtcpCipher.updateAAD(b, off, tagStart);
                rtcpCipher.updateAAD(b, off + length - 4, 4);
                rtcpCipher.doFinal(b, off + tagStart, TAG, none, 0);
            }
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed on a well-formed packet", e);
        }
    }
}
