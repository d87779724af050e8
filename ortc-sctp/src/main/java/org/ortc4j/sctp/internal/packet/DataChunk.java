package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * DATA chunk (RFC 9260 §3.3.1; I bit from RFC 7053).
 *
 * @param immediate I bit: the receiver should SACK without delay
 * @param unordered U bit: unordered message, SSN ignored
 * @param beginning B bit: first fragment of a message
 * @param ending E bit: last fragment of a message
 * @param tsn transmission sequence number (32 bits)
 * @param streamIdentifier 16-bit stream identifier
 * @param streamSequenceNumber 16-bit SSN
 * @param payloadProtocolIdentifier 32-bit PPID (WebRTC: RFC 8831 §8)
 * @param userData read-only view of the payload
 */
public record DataChunk(boolean immediate, boolean unordered, boolean beginning, boolean ending, int tsn,
        int streamIdentifier, int streamSequenceNumber, int payloadProtocolIdentifier, ByteBuffer userData)
        implements Chunk {

    static final int I_BIT = 0x08;
    static final int U_BIT = 0x04;
    static final int B_BIT = 0x02;
    static final int E_BIT = 0x01;
    private static final int FIXED = 12;

    /** Validates the 16-bit fields and takes a read-only view of the user data. */
    public DataChunk {
        Tlv.checkU16(streamIdentifier, "stream identifier");
        Tlv.checkU16(streamSequenceNumber, "stream sequence number");
        userData = Tlv.view(userData);
    }

    @Override
    public int type() {
        return ChunkType.DATA;
    }

    @Override
    public int flags() {
        return (immediate ? I_BIT : 0) | (unordered ? U_BIT : 0) | (beginning ? B_BIT : 0) | (ending ? E_BIT : 0);
    }

    /** @return a read-only view of the bytes, its own position and limit, so that readers do not disturb the chunk */
    @Override
    public ByteBuffer userData() {
        return userData.duplicate();
    }

    @Override
    public int valueLength() {
        return FIXED + userData.remaining();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(tsn).putShort((short) streamIdentifier).putShort((short) streamSequenceNumber)
                .putInt(payloadProtocolIdentifier).put(userData.duplicate());
    }

    static DataChunk decode(int flags, ByteBuffer value) throws SctpParseException {
        // RFC 9260 §3.3.1: the length counts the 16 bytes of header and fixed fields plus the user
        // data. An empty payload decodes; the association answers it with a No User Data cause (§6.2).
        Tlv.expectAtLeast(value, FIXED, "DATA");
        int tsn = value.getInt();
        int stream = Short.toUnsignedInt(value.getShort());
        int ssn = Short.toUnsignedInt(value.getShort());
        int ppid = value.getInt();
        return new DataChunk((flags & I_BIT) != 0, (flags & U_BIT) != 0, (flags & B_BIT) != 0, (flags & E_BIT) != 0,
                tsn, stream, ssn, ppid, Tlv.rest(value));
    }
}
