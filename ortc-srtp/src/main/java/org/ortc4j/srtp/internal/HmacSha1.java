package org.ortc4j.srtp.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) over a {@link MessageDigest}, for SRTP authentication (RFC 3711 §4.2.1).
 *
 * <p>{@code javax.crypto.Mac} allocates its result on every {@code doFinal}; this writes into the
 * caller's array and allocates nothing per packet, at the same cost (two extra SHA-1 blocks for
 * the padded keys, as every HMAC pays). Not thread-safe.
 */
public final class HmacSha1 {

    public static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] innerHash = new byte[LENGTH];

    public HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available from the JDK", e);
        }
        byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
    }

    /** Starts a new MAC. */
    public void begin() {
        sha1.reset();
        sha1.update(innerPad);
    }

    /** Adds bytes to the MAC begun last. */
    public void update(byte[] data, int offset, int length) {
        sha1.update(data, offset, length);
    }

    /** Adds a 32-bit big-endian value, such as the RTP rollover counter. */
    public void updateInt(int value) {
        sha1.update((byte) (value >>> 24));
        sha1.update((byte) (value >>> 16));
        sha1.update((byte) (value >>> 8));
        sha1.update((byte) value);
    }

    /** Finishes the MAC into {@code out[offset, offset + 20)}. */
    public void finish(byte[] out, int offset) {
        try {
            sha1.digest(innerHash, 0, LENGTH);
            sha1.update(outerPad);
            sha1.update(innerHash);
            sha1.digest(out, offset, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
