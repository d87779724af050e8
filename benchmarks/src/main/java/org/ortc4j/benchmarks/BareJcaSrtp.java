package org.ortc4j.benchmarks;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ortc4j.srtp.SrtpProfile;

/**
 * The baseline of {@link SrtpBenchmark}: the JCA work an SRTP transform cannot avoid, written the
 * way a careful hand-written JCA SRTP would do it, and nothing else. No header parsing, no
 * rollover counter estimation, no replay window, no SSRC table: the caller passes the SSRC and
 * the packet index, and the packet lies in a heap array at offset 0.
 *
 * <ul>
 *   <li>AES-CM profiles: {@code AES/CTR/NoPadding} initialised per packet with a new
 *       {@link IvParameterSpec} (RFC 3711 §4.1.1 IV), encrypting the payload into a reused
 *       scratch array that is copied back over it (the keystream XOR), and a reused {@code Mac}
 *       HmacSHA1 updated with the authenticated portion and the 4-byte ROC, {@code doFinal} into
 *       a reused array.
 *   <li>AES-GCM profiles: {@code AES/GCM/NoPadding} initialised per packet with a new
 *       {@link GCMParameterSpec} (RFC 7714 §8.1 IV), the header as AAD, sealing or opening the
 *       payload in place.
 * </ul>
 *
 * <p>The session keys and salts are derived with the RFC 3711 §4.3 KDF (written here again, on
 * {@code AES/CTR}), so that this baseline's packets are byte for byte those of ortc-srtp, which
 * {@link SrtpBenchmark}'s set-up checks.
 */
abstract class BareJcaSrtp {

    static final int RTP_HEADER = 12;

    /** The baseline for {@code profile} with the session keys of this master key and salt. */
    static BareJcaSrtp create(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        return profile.isAead() ? new Gcm(profile, masterKey, masterSalt) : new AesCm(profile, masterKey, masterSalt);
    }

    /** Protects the plain RTP packet {@code b[0, length)} (12-byte header); returns the new length. */
    abstract int protectRtp(byte[] b, int length, int ssrc, long index);

    /** Unprotects the SRTP packet {@code b[0, length)}; returns the plain length, or -1 if it does not authenticate. */
    abstract int unprotectRtp(byte[] b, int length, int ssrc, long index);

    /** Protects the plain RTCP packet {@code b[0, length)} with SRTCP index {@code index}; returns the new length. */
    abstract int protectRtcp(byte[] b, int length, int ssrc, int index);

    /** Unprotects the SRTCP packet {@code b[0, length)}; returns the plain length, or -1 if it does not authenticate. */
    abstract int unprotectRtcp(byte[] b, int length, int ssrc);

    /** RFC 3711 §4.3.1 with key derivation rate 0, the AES-CM PRF of §4.3.3: AES-CTR over zeros. */
    static byte[] kdf(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        iv[7] ^= (byte) label;
        try {
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
            return ctr.doFinal(new byte[length]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void putInt(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }

    static int getInt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
                | (b[offset + 3] & 0xFF);
    }

    /** AES-CM with HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1; RFC 6188 for 256-bit keys). */
    static final class AesCm extends BareJcaSrtp {

        private final Cipher ctr;
        private final Mac rtpMac;
        private final Mac rtcpMac;
        private final SecretKeySpec rtpKey;
        private final SecretKeySpec rtcpKey;
        private final byte[] rtpSalt;
        private final byte[] rtcpSalt;
        private final int rtpTag;
        private final int rtcpTag;
        private final byte[] iv = new byte[16];
        private final byte[] roc = new byte[4];
        private final byte[] mac = new byte[20];
        private final byte[] scratch = new byte[2048];

        AesCm(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
            int n = profile.keyLength();
            rtpKey = new SecretKeySpec(kdf(masterKey, masterSalt, 0, n), "AES");
            rtpSalt = kdf(masterKey, masterSalt, 2, 14);
            rtcpKey = new SecretKeySpec(kdf(masterKey, masterSalt, 3, n), "AES");
            rtcpSalt = kdf(masterKey, masterSalt, 5, 14);
            rtpTag = profile.rtpTagLength();
            rtcpTag = profile.rtcpTagLength();
            try {
                ctr = Cipher.getInstance("AES/CTR/NoPadding");
                rtpMac = Mac.getInstance("HmacSHA1");
                rtpMac.init(new SecretKeySpec(kdf(masterKey, masterSalt, 1, 20), "HmacSHA1"));
                rtcpMac = Mac.getInstance("HmacSHA1");
                rtcpMac.init(new SecretKeySpec(kdf(masterKey, masterSalt, 4, 20), "HmacSHA1"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
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

        // Encrypted out of place into a scratch array and copied back. In place (input and output
        // the same bytes) the JDK copies the input first, 1.2 kB a packet; a keystream XORed in by
        // a byte loop costs ~2 µs a packet on JDK 17 (C2 does not vectorise it).
        private void crypt(SecretKeySpec key, byte[] salt, int ssrc, long index, byte[] b, int from, int to)
                throws GeneralSecurityException {
            makeIv(salt, ssrc, index);
            ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            int n = ctr.doFinal(b, from, to - from, scratch, 0);
            System.arraycopy(scratch, 0, b, from, n);
        }

        private boolean tagMatches(byte[] b, int offset, int length) {
            int diff = 0;
            for (int i = 0; i < length; i++) {
                diff |= mac[i] ^ b[offset + i];
            }
            return diff == 0;
        }

        @Override
        int protectRtp(byte[] b, int length, int ssrc, long index) {
            try {
                crypt(rtpKey, rtpSalt, ssrc, index, b, RTP_HEADER, length);
                rtpMac.update(b, 0, length);
                putInt(roc, 0, (int) (index >>> 16));
                rtpMac.update(roc);
                rtpMac.doFinal(mac, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            System.arraycopy(mac, 0, b, length, rtpTag);
            return length + rtpTag;
        }

        @Override
        int unprotectRtp(byte[] b, int length, int ssrc, long index) {
            int plain = length - rtpTag;
            try {
                rtpMac.update(b, 0, plain);
                putInt(roc, 0, (int) (index >>> 16));
                rtpMac.update(roc);
                rtpMac.doFinal(mac, 0);
                if (!tagMatches(b, plain, rtpTag)) {
                    return -1;
                }
                crypt(rtpKey, rtpSalt, ssrc, index, b, RTP_HEADER, plain);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return plain;
        }

        @Override
        int protectRtcp(byte[] b, int length, int ssrc, int index) {
            try {
                crypt(rtcpKey, rtcpSalt, ssrc, index, b, 8, length);
                putInt(b, length, 0x8000_0000 | index);
                rtcpMac.update(b, 0, length + 4);
                rtcpMac.doFinal(mac, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            System.arraycopy(mac, 0, b, length + 4, rtcpTag);
            return length + 4 + rtcpTag;
        }

        @Override
        int unprotectRtcp(byte[] b, int length, int ssrc) {
            int authenticated = length - rtcpTag;
            int plain = authenticated - 4;
            try {
                rtcpMac.update(b, 0, authenticated);
                rtcpMac.doFinal(mac, 0);
                if (!tagMatches(b, authenticated, rtcpTag)) {
                    return -1;
                }
                crypt(rtcpKey, rtcpSalt, ssrc, getInt(b, plain) & 0x7FFF_FFFF, b, 8, plain);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return plain;
        }
    }

    /** AEAD_AES_128_GCM and AEAD_AES_256_GCM (RFC 7714). */
    static final class Gcm extends BareJcaSrtp {

        private static final int TAG = 16;

        private final Cipher gcm;
        private final SecretKeySpec rtpKey;
        private final SecretKeySpec rtcpKey;
        private final byte[] rtpSalt;
        private final byte[] rtcpSalt;
        private final byte[] iv = new byte[12];
        private final byte[] word = new byte[4];

        Gcm(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
            int n = profile.keyLength();
            rtpKey = new SecretKeySpec(kdf(masterKey, masterSalt, 0, n), "AES");
            rtpSalt = kdf(masterKey, masterSalt, 2, 12);
            rtcpKey = new SecretKeySpec(kdf(masterKey, masterSalt, 3, n), "AES");
            rtcpSalt = kdf(masterKey, masterSalt, 5, 12);
            try {
                gcm = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** RFC 7714 §8.1 / §9.1: (00 00 || SSRC || a || b) XOR salt, a 32 bits and b 16 bits. */
        private void makeIv(byte[] salt, int ssrc, int a, int b) {
            iv[0] = salt[0];
            iv[1] = salt[1];
            iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
            iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
            iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
            iv[5] = (byte) (salt[5] ^ ssrc);
            iv[6] = (byte) (salt[6] ^ (a >>> 24));
            iv[7] = (byte) (salt[7] ^ (a >>> 16));
            iv[8] = (byte) (salt[8] ^ (a >>> 8));
            iv[9] = (byte) (salt[9] ^ a);
            iv[10] = (byte) (salt[10] ^ (b >>> 8));
            iv[11] = (byte) (salt[11] ^ b);
        }

        @Override
        int protectRtp(byte[] b, int length, int ssrc, long index) {
            makeIv(rtpSalt, ssrc, (int) (index >>> 16), (int) index & 0xFFFF);
            try {
                gcm.init(Cipher.ENCRYPT_MODE, rtpKey, new GCMParameterSpec(TAG * 8, iv));
                gcm.updateAAD(b, 0, RTP_HEADER);
                return RTP_HEADER + gcm.doFinal(b, RTP_HEADER, length - RTP_HEADER, b, RTP_HEADER);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        int unprotectRtp(byte[] b, int length, int ssrc, long index) {
            makeIv(rtpSalt, ssrc, (int) (index >>> 16), (int) index & 0xFFFF);
            try {
                gcm.init(Cipher.DECRYPT_MODE, rtpKey, new GCMParameterSpec(TAG * 8, iv));
                gcm.updateAAD(b, 0, RTP_HEADER);
                return RTP_HEADER + gcm.doFinal(b, RTP_HEADER, length - RTP_HEADER, b, RTP_HEADER);
            } catch (AEADBadTagException e) {
                return -1;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        int protectRtcp(byte[] b, int length, int ssrc, int index) {
            makeIv(rtcpSalt, ssrc, index >>> 16, index & 0xFFFF);
            putInt(word, 0, 0x8000_0000 | index);
            try {
                gcm.init(Cipher.ENCRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG * 8, iv));
                gcm.updateAAD(b, 0, 8);
                gcm.updateAAD(word, 0, 4);
                int sealed = 8 + gcm.doFinal(b, 8, length - 8, b, 8);
                System.arraycopy(word, 0, b, sealed, 4);
                return sealed + 4;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        int unprotectRtcp(byte[] b, int length, int ssrc) {
            int index = getInt(b, length - 4) & 0x7FFF_FFFF;
            makeIv(rtcpSalt, ssrc, index >>> 16, index & 0xFFFF);
            try {
                gcm.init(Cipher.DECRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG * 8, iv));
                gcm.updateAAD(b, 0, 8);
                gcm.updateAAD(b, length - 4, 4);
                return 8 + gcm.doFinal(b, 8, length - 4 - 8, b, 8);
            } catch (AEADBadTagException e) {
                return -1;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
