package org.ortc4j.ice.stun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 hash of username and realm, sent instead of USERNAME for anonymity (RFC 8489
 * §14.4).
 *
 * <p>RFC 8489 §14.4: "The value of USERHASH has a fixed length of 32 bytes. [...]
 * userhash = SHA-256(OpaqueString(username) ":" OpaqueString(realm))"
 *
 * @param hash the 32-byte hash; the accessor returns a copy
 */
public record UserhashAttribute(byte[] hash) implements StunAttribute {

    /** The length of the value: 32 bytes. */
    public static final int LENGTH = 32;

    /**
     * @throws IllegalArgumentException if {@code hash} is not 32 bytes
     */
    public UserhashAttribute {
        Objects.requireNonNull(hash, "hash");
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException("USERHASH is 32 bytes, not " + hash.length);
        }
        hash = hash.clone();
    }

    /**
     * The USERHASH of {@code username} and {@code realm}, taken as already prepared: their UTF-8
     * bytes are hashed as they are (no OpaqueString processing is done here).
     */
    public static UserhashAttribute of(String username, String realm) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return new UserhashAttribute(sha256.digest((username + ":" + realm).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A copy of the 32-byte hash. */
    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.USERHASH;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return hash.clone();
    }

    static UserhashAttribute decode(AttributeValue value) {
        value.requireLength(LENGTH);
        return new UserhashAttribute(value.all());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserhashAttribute && Arrays.equals(((UserhashAttribute) o).hash, hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "USERHASH[" + HexFormat.of().formatHex(hash) + "]";
    }
}
