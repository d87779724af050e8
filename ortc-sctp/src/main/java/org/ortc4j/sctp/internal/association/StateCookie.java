package org.ortc4j.sctp.internal.association;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The State Cookie this stack puts in its INIT ACK (RFC 9260 §5.1.3): everything needed to
 * build the association when the COOKIE ECHO comes back, so that nothing is kept for an INIT
 * before then, signed with HMAC-SHA256 under a secret key of the association.
 *
 * <p>RFC 9260 §5.1.3: "the State Cookie ... MUST contain a Message Authentication Code (MAC) ...
 * a timestamp on when the State Cookie is created, and the lifespan of the State Cookie, along
 * with all the information necessary for it to establish the association."
 *
 * @param createdNanos the scheduler time when the cookie was made
 * @param localTag our Initiate Tag in the INIT ACK (the peer's packets carry it)
 * @param peerTag the peer's Initiate Tag from its INIT
 * @param localInitialTsn our Initial TSN in the INIT ACK
 * @param peerInitialTsn the peer's Initial TSN
 * @param peerRwnd the peer's a_rwnd
 * @param peerOutboundStreams the peer's OS
 * @param peerInboundStreams the peer's MIS
 * @param localTieTag RFC 9260 §5.2.2 Local-Tie-Tag (0 when none)
 * @param peerTieTag RFC 9260 §5.2.2 Peer's-Tie-Tag (0 when none)
 * @param peerFeatures the extensions the peer's INIT offered ({@link PeerFeatures#bits()})
 */
record StateCookie(long createdNanos, int localTag, int peerTag, int localInitialTsn, int peerInitialTsn,
        int peerRwnd, int peerOutboundStreams, int peerInboundStreams, int localTieTag, int peerTieTag,
        int peerFeatures) {

    private static final int VERSION = 1;
    private static final int BODY_LENGTH = 4 + 8 + 4 * 10;
    private static final int MAC_LENGTH = 32;
    /** Encoded length: body and HMAC-SHA256. */
    static final int LENGTH = BODY_LENGTH + MAC_LENGTH;

    /** Signs and verifies cookies with one random key (per association). */
    static final class Signer {
        private final Mac mac;

        Signer(SecureRandom random) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
            }
        }

        /** The signed cookie bytes. */
        byte[] sign(StateCookie c) {
            ByteBuffer out = ByteBuffer.allocate(LENGTH);
            out.putInt(VERSION).putLong(c.createdNanos).putInt(c.localTag).putInt(c.peerTag)
                    .putInt(c.localInitialTsn).putInt(c.peerInitialTsn).putInt(c.peerRwnd)
                    .putInt(c.peerOutboundStreams).putInt(c.peerInboundStreams).putInt(c.localTieTag)
                    .putInt(c.peerTieTag).putInt(c.peerFeatures);
            mac.update(out.array(), 0, BODY_LENGTH);
            out.put(mac.doFinal());
            return out.array();
        }

        /**
         * The cookie if {@code bytes} is one we signed, else {@code null}.
         *
         * <p>RFC 9260 §5.1.5 step 1: "Compute a MAC using the TCB data carried in the State Cookie
         * and the secret key ... Compare the MAC with the MAC carried in the State Cookie. If
         * they do not match, the receiver MUST silently discard the COOKIE ECHO chunk."
         */
        StateCookie verify(ByteBuffer bytes) {
            if (bytes.remaining() != LENGTH) {
                return null;
            }
            byte[] data = new byte[LENGTH];
            bytes.duplicate().get(data);
            mac.update(data, 0, BODY_LENGTH);
            byte[] expected = mac.doFinal();
            byte[] got = new byte[MAC_LENGTH];
            System.arraycopy(data, BODY_LENGTH, got, 0, MAC_LENGTH);
            if (!MessageDigest.isEqual(expected, got)) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            if (in.getInt() != VERSION) {
                return null;
            }
            return new StateCookie(in.getLong(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(),
                    in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt());
        }
    }
}
