package org.ortc4j.srtp.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as SRTP defines it (RFC 3711 §4.1.1): the keystream is
 * {@code E(k, IV) || E(k, IV + 1) || ...} with the counter in the low 16 bits of the IV, XORed
 * into the data in place.
 *
 * <p>The keystream is made by encrypting counter blocks with one AES/ECB cipher initialised once,
 * so that a packet costs no {@code Cipher.init} and allocates nothing. Not thread-safe.
 */
public final class AesCounterMode {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Cipher ecb;
    private byte[] counterBlocks = new byte[2048];
    private byte[] keystream = new byte[2048];

    public AesCounterMode(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available from the JDK", e);
        }
    }

    /**
     * XORs the keystream for {@code iv} into {@code data[offset, offset + length)}.
     *
     * @param iv 16 bytes whose last two are zero: RFC 3711 IVs are {@code x * 2^16}
     */
    public void apply(byte[] iv, byte[] data, int offset, int length) {
        if (length <= 0) {
            return;
        }
        int blocks = (length + 15) >>> 4;
        int bytes = blocks << 4;
        if (counterBlocks.length < bytes) {
            counterBlocks = new byte[bytes];
            keystream = new byte[bytes];
        }
        long high = (long) LONGS.get(iv, 0);
        long low = (long) LONGS.get(iv, 8);
        for (int j = 0; j < blocks; j++) {
            LONGS.set(counterBlocks, j << 4, high);
            // The low 16 bits of the IV are zero, so adding the block number cannot carry for any
            // packet shorter than 1 MiB.
            LONGS.set(counterBlocks, (j << 4) + 8, low + j);
        }
        try {
            ecb.update(counterBlocks, 0, bytes, keystream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONGS.set(data, offset + i, (long) LONGS.get(data, offset + i) ^ (long) LONGS.get(keystream, i));
        }
        for (; i < length; i++) {
            data[offset + i] ^= keystream[i];
        }
    }
}
