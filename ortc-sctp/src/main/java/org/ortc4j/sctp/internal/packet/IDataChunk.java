package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * I-DATA chunk (RFC 8260 §2.1): a DATA chunk with a 32-bit message identifier and a fragment
 * sequence number instead of the SSN, so that messages of one stream can interleave.
 *
 * @param immediate I bit
 * @param unordered U bit
 * @param beginning B bit; when set the last field is the PPID, else the FSN
 * @param ending E bit
 * @param tsn transmission sequence number
 * @param streamIdentifier 16-bit stream identifier
 * @param messageIdentifier 32-bit MID
 * @param ppidOrFsn RFC 8260 §2.1: "Payload Protocol Identifier / Fragment Sequence Number"
 * @param userData read-only view of the payload
 */
public record IDataChunk(boolean immediate, boolean unordered, boolean beginning, boolean ending, int tsn,
        int streamIdentifier, int messageIdentifier, int ppidOrFsn, ByteBuffer userData) implements Chunk {

    private static final int FIXED = 16;

    /** Validates the stream identifier and takes a read-only view of the user data. */
    public IDataChunk {
        Tlv.checkU16(streamIdentifier, "stream identifier");
        userData = Tlv.view(userData);
    }

    /** @return the PPID, carried only by the first fragment (B bit set); 0 otherwise */
    public int payloadProtocolIdentifier() {
        return beginning ? ppidOrFsn : 0;
    }

    /** @return the FSN; RFC 8260 §2.1: the first fragment has FSN 0 */
    public int fragmentSequenceNumber() {
        return beginning ? 0 : ppidOrFsn;
    }

    @Override
    public int type() {
        return ChunkType.I_DATA;
    }

    @Override
    public int flags() {
        return (immediate ? DataChunk.I_BIT : 0) | (unordered ? DataChunk.U_BIT : 0)
                | (beginning ? DataChunk.B_BIT : 0) | (ending ? DataChunk.E_BIT : 0);
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
        // RFC 8260 §2.1: the 16-bit Reserved field is sent as 0 and ignored on receipt.
        out.putInt(tsn).putShort((short) streamIdentifier).putShort((short) 0).putInt(messageIdentifier)
                .putInt(ppidOrFsn).put(userData.duplicate());
    }

    static IDataChunk decode(int flags, ByteBuffer value) throws SctpParseException {
        Tlv.expectAtLeast(value, FIXED, "I-DATA");
        int tsn = value.getInt();
        int stream = Short.toUnsignedInt(value.getShort());
        value.getShort(); // reserved, ignored on receipt
        int mid = value.getInt();
        int ppidOrFsn = value.getInt();
        return new IDataChunk((flags & DataChunk.I_BIT) != 0, (flags & DataChunk.U_BIT) != 0,
                (flags & DataChunk.B_BIT) != 0, (flags & DataChunk.E_BIT) != 0, tsn, stream, mid, ppidOrFsn,
                Tlv.rest(value));
    }
}
