package org.ortc4j.ice.vnet;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ortc4j.ice.net.Scheduler;

/**
 * The NONCE values of a TURN server's long-term credentials (RFC 8489 §9.2), without state: a
 * nonce is the time it was issued and an HMAC of that time under a secret of this server, so any
 * nonce the server issued can be checked, and its age known, without remembering it.
 *
 * <p>RFC 8489 §9.2 has the server hand out nonces of a limited lifetime; §9.2.4: "If the NONCE is no longer valid, the server MUST generate an error response
 * with an error code of 438 (Stale Nonce)." Time comes from the scheduler, so nonces go stale in
 * virtual time.
 */
final class TurnServerNonces {

    private static final int TAG_LENGTH = 12;

    private final Scheduler scheduler;
    private final long lifetimeNanos;
    private final SecretKeySpec secret;

    TurnServerNonces(Scheduler scheduler, long lifetimeNanos) {
        this.scheduler = scheduler;
        this.lifetimeNanos = lifetimeNanos;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = new SecretKeySpec(key, "HmacSHA256");
    }

    /** A fresh nonce: 27 characters of base64url, within the quoted-string characters of §14.10. */
    String issue() {
        long now = scheduler.nanoTime();
        ByteBuffer bytes = ByteBuffer.allocate(8 + TAG_LENGTH);
        bytes.putLong(now).put(tag(now));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** Whether this server issued {@code nonce} and it has not outlived its lifetime. */
    boolean isValid(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (bytes.length != 8 + TAG_LENGTH) {
            return false;
        }
        long issued = ByteBuffer.wrap(bytes).getLong();
        if (!MessageDigest.isEqual(tag(issued), Arrays.copyOfRange(bytes, 8, bytes.length))) {
            return false;
        }
        long age = scheduler.nanoTime() - issued;
        return age >= 0 && age < lifetimeNanos;
    }

    private byte[] tag(long issued) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(8).putLong(issued).array()), TAG_LENGTH);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
