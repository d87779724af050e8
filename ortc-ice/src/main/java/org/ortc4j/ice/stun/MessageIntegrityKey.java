package org.ortc4j.ice.stun;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key of MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256 (RFC 8489 §9.1.1, §9.2.2,
 * §18.5.1).
 *
 * <p>Strings are used as their UTF-8 bytes. No SASLprep or OpaqueString (RFC 8265 §4.2)
 * preparation is done here: give strings that are already prepared. ICE's credentials (RFC 8445
 * §5.3: ice-ufrag and ice-pwd) are ASCII, for which OpaqueString changes nothing.
 *
 * <p>{@link #toString()} does not show the key.
 */
public final class MessageIntegrityKey {

    private final byte[] key;

    private MessageIntegrityKey(byte[] key) {
        this.key = key;
    }

    /**
     * The key of the short-term credential mechanism, which ICE uses: the password itself.
     *
     * <p>RFC 8489 §9.1.1: "For short-term credentials, the Hash-Based Message Authentication Code
     * (HMAC) key is defined as follow: key = OpaqueString(password)".
     */
    public static MessageIntegrityKey shortTerm(String password) {
        Objects.requireNonNull(password, "password");
        return new MessageIntegrityKey(password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key of the long-term credential mechanism with the default algorithm, MD5, which TURN
     * servers use when the client sends no PASSWORD-ALGORITHM.
     *
     * <p>RFC 8489 §18.5.1.1: "key = MD5(username ":" OpaqueString(realm) ":"
     * OpaqueString(password))".
     */
    public static MessageIntegrityKey longTerm(String username, String realm, String password) {
        return longTerm(PasswordAlgorithm.MD5, username, realm, password);
    }

    /**
     * The key of the long-term credential mechanism with the given algorithm.
     *
     * <p>RFC 8489 §18.5.1.1 (MD5, 16 bytes): "key = MD5(username ":" OpaqueString(realm) ":"
     * OpaqueString(password))"; §18.5.1.2 (SHA-256, 32 bytes): "key = SHA-256(username ":"
     * OpaqueString(realm) ":" OpaqueString(password))".
     *
     * @throws IllegalArgumentException if the algorithm is neither MD5 nor SHA-256
     */
    public static MessageIntegrityKey longTerm(PasswordAlgorithm algorithm, String username, String realm, String password) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(password, "password");
        String digest;
        if (algorithm.equals(PasswordAlgorithm.MD5)) {
            digest = "MD5";
        } else if (algorithm.equals(PasswordAlgorithm.SHA_256)) {
            digest = "SHA-256";
        } else {
            throw new IllegalArgumentException("password algorithm " + algorithm + " is not MD5 or SHA-256");
        }
        byte[] input = (username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8);
        try {
            return new MessageIntegrityKey(MessageDigest.getInstance(digest).digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + digest, e);
        }
    }

    /** A key given as bytes, for example one a TURN server keeps instead of the password. */
    public static MessageIntegrityKey of(byte[] key) {
        return new MessageIntegrityKey(Objects.requireNonNull(key, "key").clone());
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return key.clone();
    }

    /**
     * The HMAC of {@code data[0, length)} with bytes 2 and 3 (the header's Message Length) replaced
     * by {@code adjustedLength}.
     */
    byte[] hmac(String algorithm, byte[] data, int length, int adjustedLength) {
        try {
            Mac mac = MACS.get().computeIfAbsent(algorithm, MessageIntegrityKey::newMac);
            // SecretKeySpec refuses an empty key, and HMAC pads a short key with zero bytes to
            // the block size (RFC 2104 §2), so the empty key and the key {0} give the same HMAC.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            mac.update(data, 0, 2);
            mac.update((byte) (adjustedLength >> 8));
            mac.update((byte) adjustedLength);
            mac.update(data, 4, length - 4);
            return mac.doFinal();
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    // Mac.getInstance looks the provider up each time, which cost ~20 times the HMAC itself on a
    // 92-byte ICE check (benchmarks/StunBenchmark); each thread keeps one Mac per algorithm and
    // re-keys it, which Mac.init allows.
    private static final ThreadLocal<java.util.Map<String, Mac>> MACS =
            ThreadLocal.withInitial(() -> new java.util.HashMap<>(4));

    private static Mac newMac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return "MessageIntegrityKey[" + key.length + " bytes]";
    }
}
