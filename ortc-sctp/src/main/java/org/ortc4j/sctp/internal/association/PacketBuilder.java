package org.ortc4j.sctp.internal.association;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.ortc4j.sctp.internal.packet.Chunk;
import org.ortc4j.sctp.internal.packet.ChunkType;

/**
 * Writes outgoing SCTP packets (RFC 9260 §3) into one buffer reused for every packet: the
 * common header, chunks bundled up to the packet size limit, and the CRC32c (or zero, RFC 9653).
 * DATA chunks are written straight from their fields, without a chunk object. Confined to the
 * association's loop; the sink copies what it keeps.
 */
final class PacketBuilder {

    /** DATA chunk header: type, flags, length, TSN, stream, SSN, PPID (RFC 9260 §3.3.1). */
    static final int DATA_HEADER = 16;
    /** I-DATA chunk header: type, flags, length, TSN, stream, reserved, MID, PPID/FSN (RFC 8260 §2.1). */
    static final int I_DATA_HEADER = 20;

    private final ByteBuffer buffer;
    private final int sourcePort;
    private final int destinationPort;
    private final CRC32C crc = new CRC32C();
    private int chunks;

    PacketBuilder(int maxPacketSize, int sourcePort, int destinationPort) {
        this.buffer = ByteBuffer.allocate(maxPacketSize).order(ByteOrder.BIG_ENDIAN);
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
    }

    /** Starts a packet with this verification tag, dropping anything not finished. */
    PacketBuilder begin(int verificationTag) {
        buffer.clear();
        buffer.putShort((short) sourcePort).putShort((short) destinationPort).putInt(verificationTag).putInt(0);
        chunks = 0;
        return this;
    }

    /** Bytes still free in the packet. */
    int remaining() {
        return buffer.remaining();
    }

    /** Whether any chunk was added since {@link #begin}. */
    boolean isEmpty() {
        return chunks == 0;
    }

    /** The encoded size of {@code chunk}, header and padding included. */
    static int encodedLength(Chunk chunk) {
        return pad4(4 + chunk.valueLength());
    }

    /** Whether {@code chunk} still fits. */
    boolean fits(Chunk chunk) {
        return encodedLength(chunk) <= buffer.remaining();
    }

    /** Adds a chunk; the caller checked that it {@link #fits}. */
    void add(Chunk chunk) {
        int length = 4 + chunk.valueLength();
        buffer.put((byte) chunk.type()).put((byte) chunk.flags()).putShort((short) length);
        chunk.writeValue(buffer);
        pad(length);
        chunks++;
    }

    /** Whether a DATA chunk with {@code payloadLength} bytes of user data still fits. */
    boolean fitsData(int payloadLength) {
        return pad4(DATA_HEADER + payloadLength) <= buffer.remaining();
    }

    /** Adds a DATA chunk (RFC 9260 §3.3.1); the caller checked that it {@link #fitsData fits}. */
    void addData(int flags, int tsn, int streamId, int ssn, int ppid, byte[] payload) {
        int length = DATA_HEADER + payload.length;
        buffer.put((byte) ChunkType.DATA).put((byte) flags).putShort((short) length).putInt(tsn)
                .putShort((short) streamId).putShort((short) ssn).putInt(ppid).put(payload);
        pad(length);
        chunks++;
    }

    /** Whether an I-DATA chunk with {@code payloadLength} bytes of user data still fits. */
    boolean fitsIData(int payloadLength) {
        return pad4(I_DATA_HEADER + payloadLength) <= buffer.remaining();
    }

    /**
     * Adds an I-DATA chunk (RFC 8260 §2.1); the caller checked that it {@link #fitsIData fits}.
     *
     * @param ppidOrFsn the PPID in the first fragment, the FSN in the others
     */
    void addIData(int flags, int tsn, int streamId, int mid, int ppidOrFsn, byte[] payload) {
        int length = I_DATA_HEADER + payload.length;
        buffer.put((byte) ChunkType.I_DATA).put((byte) flags).putShort((short) length).putInt(tsn)
                .putShort((short) streamId).putShort((short) 0).putInt(mid).putInt(ppidOrFsn).put(payload);
        pad(length);
        chunks++;
    }

    /**
     * Finishes the packet: the checksum (RFC 9260 §6.8), or zero when RFC 9653 allows it.
     *
     * @return the packet, position 0 to its length; valid until the next {@link #begin}
     */
    ByteBuffer finish(boolean zeroChecksum) {
        buffer.flip();
        if (!zeroChecksum) {
            // RFC 9260 §6.8: the CRC32c over the whole packet with the checksum field zero,
            // stored least significant byte first (Appendix A's reflected CRC).
            crc.reset();
            crc.update(buffer.array(), 0, buffer.limit());
            int value = (int) crc.getValue();
            buffer.order(ByteOrder.LITTLE_ENDIAN).putInt(8, value).order(ByteOrder.BIG_ENDIAN);
        }
        return buffer;
    }

    private void pad(int length) {
        for (int p = length; p < pad4(length); p++) {
            buffer.put((byte) 0);
        }
    }

    static int pad4(int length) {
        return (length + 3) & ~3;
    }
}
