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

    /** The largest datagram of one maximal record. */
    public static final int MAX_RECORD_LENGTH = HEADER_LENGTH + MAX_FRAGMENT_LENGTH;

    private DtlsRecordFraming() {
    }

    /**
     * Whether the readable bytes of {@code datagram} are one or more whole records of a content
     * type DTLS 1.2 knows (change_cipher_spec 20, alert 21, handshake 22, application_data 23,
     * heartbeat 24, tls12_cid 25) with a DTLS version (major byte 254) and nothing after the last.
     * Does not move the indexes.
     */
    public static boolean isWellFormed(ByteBuf datagram) {
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
            if (datagram.getUnsignedByte(offset + 1) != 254) {
                return false;
            }
            int length = datagram.getUnsignedShort(offset + 11);
            if (length > MAX_FRAGMENT_LENGTH || end - offset - HEADER_LENGTH < length) {
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
