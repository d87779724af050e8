package org.ortc4j.dtls.internal;

import io.netty.buffer.ByteBuf;

/**
 * Checks that a datagram is a sequence of whole DTLS 1.x records before it reaches Bouncy Castle,
 * so that junk in the DTLS range and truncated records are dropped and counted here. Stateless;
 * never throws for any input.
 *
 * <p>RFC 6347 §4.1: each record is {@code type(1) version(2) epoch(2) sequence_number(6)
 * length(2) fragment}, and §4.1.2.7: "Invalid records SHOULD be silently discarded". Several
 * records may share one datagram (§4.1.1: "Multiple DTLS records may be placed in a single
 * datagram").
 */
public final class DtlsRecordFraming {

    /** The DTLS 1.x record header length. */
    public static final int HEADER_LENGTH = 13;

    /** RFC 6347 §4.1 (as RFC 5246 §6.2.3): "The length MUST NOT exceed 2^14 + 2048." */
    public static final int MAX_FRAGMENT_LENGTH = (1 << 14) + 2048;

    /**
     * The shortest protected fragment any WebRTC cipher suite makes: ChaCha20-Poly1305's 16-byte
     * tag with no explicit nonce. AES-GCM adds an 8-byte explicit nonce (RFC 5288 §3), so 24.
     */
    public static final int MIN_PROTECTED_FRAGMENT = 16;

    /** The shortest AES-GCM protected fragment: 8-byte explicit nonce and 16-byte tag. */
    public static final int MIN_AES_GCM_FRAGMENT = 24;

    /** The largest datagram of one maximal record. */
    public static final int MAX_RECORD_LENGTH = HEADER_LENGTH + MAX_FRAGMENT_LENGTH;

    private DtlsRecordFraming() {
    }

    /**
     * Whether the readable bytes of {@code datagram} are one or more whole records of a content
     * type DTLS 1.2 knows (change_cipher_spec 20, alert 21, handshake 22, application_data 23,
     * heartbeat 24, tls12_cid 25) with a DTLS 1.0 or 1.2 version ({254, 255} or {254, 253}) and nothing after the last,
     * each record of a protected epoch (not 0) at least {@link #MIN_PROTECTED_FRAGMENT} long.
     * Does not move the indexes.
     */
    public static boolean isWellFormed(ByteBuf datagram) {
        return isWellFormed(datagram, MIN_PROTECTED_FRAGMENT);
    }

    /**
     * As {@link #isWellFormed(ByteBuf)}, with records of a protected epoch at least
     * {@code minProtectedFragment} long. Bouncy Castle discards a record whose tag does not verify
     * silently, but fails the whole connection with decode_error on one too short to hold the
     * cipher's nonce and tag; such records are dropped here instead (RFC 6347 §4.1.2.7:
     * "Invalid records SHOULD be silently discarded").
     */
    public static boolean isWellFormed(ByteBuf datagram, int minProtectedFragment) {
        if (datagram == null) {
            return false;
        }
        int offset = datagram.readerIndex();
        int end = datagram.writerIndex();
        if (offset >= end) {
            return false;
        }
        while (offset < end) {
            if (end - offset < HEADER_LENGTH) {
                return false;
            }
            int type = datagram.getUnsignedByte(offset);
            if (type < 20 || type > 25) {
                return false;
            }
            // RFC 6347 §4.1: version {254, 253} is DTLS 1.2, {254, 255} DTLS 1.0 (still in
            // first ClientHellos). Bouncy Castle fails an established connection on a protected
            // record of any other version instead of discarding it (found by fuzzing).
            int minor = datagram.getUnsignedByte(offset + 2);
            if (datagram.getUnsignedByte(offset + 1) != 254 || (minor != 253 && minor != 255)) {
                return false;
            }
            int length = datagram.getUnsignedShort(offset + 11);
            if (length > MAX_FRAGMENT_LENGTH || end - offset - HEADER_LENGTH < length) {
                return false;
            }
            int epoch = datagram.getUnsignedShort(offset + 3);
            if (epoch != 0 && length < minProtectedFragment) {
                return false;
            }
            offset += HEADER_LENGTH + length;
        }
        return true;
    }

    /** As {@link #isWellFormed(ByteBuf)} for an array. */
    public static boolean isWellFormed(byte[] datagram) {
        if (datagram == null) {
            return false;
        }
        return isWellFormed(io.netty.buffer.Unpooled.wrappedBuffer(datagram));
    }
}
