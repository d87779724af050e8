package org.ortc4j.srtp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP key derivation function (RFC 3711 §4.3.1) with the AES-CM PRF (§4.3.3) and a key
 * derivation rate of 0, as DTLS-SRTP uses it: every session key comes from the master key once.
 *
 * <pre>
 * key_id = label || r            (r = 0 when the key derivation rate is 0)
 * x      = key_id XOR master_salt (key_id right-aligned in the 112-bit salt)
 * key    = AES-CM(master_key, IV = x * 2^16), the first n bytes of keystream
 * </pre>
 *
 * <p>AES-GCM profiles (RFC 7714 §11) use the same function; their 96-bit master salt is
 * zero-padded on the right to 112 bits first, as libsrtp does.
 */
public final class KeyDerivation {

    /** RFC 3711 §4.3.1 labels. */
    public static final int RTP_ENCRYPTION = 0x00;
    public static final int RTP_AUTHENTICATION = 0x01;
    public static final int RTP_SALT = 0x02;
    public static final int RTCP_ENCRYPTION = 0x03;
    public static final int RTCP_AUTHENTICATION = 0x04;
    public static final int RTCP_SALT = 0x05;

    private KeyDerivation() {
    }

    /**
     * The {@code length}-byte session key for {@code label}.
     *
     * @param masterKey 16 or 32 bytes
     * @param masterSalt 14 bytes, or 12 (zero-padded to 14)
     */
    public static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        // key_id = label || r (48-bit r = 0) is 56 bits; right-aligned in 112 bits its label byte is byte 7.
        iv[7] ^= (byte) label;
        int blocks = (length + 15) / 16;
        byte[] counterBlocks = new byte[blocks * 16];
        for (int j = 0; j < blocks; j++) {
            System.arraycopy(iv, 0, counterBlocks, j * 16, 14);
            counterBlocks[j * 16 + 14] = (byte) (j >>> 8);
            counterBlocks[j * 16 + 15] = (byte) j;
        }
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
            byte[] keystream = aes.doFinal(counterBlocks);
            byte[] out = new byte[length];
            System.arraycopy(keystream, 0, out, 0, length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available from the JDK", e);
        }
    }
}
