package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * One chunk of an SCTP packet (RFC 9260 §3.2): 8-bit type, 8-bit flags, 16-bit length, value,
 * zero padding to 4 bytes. Each type is its own immutable class; {@link UnknownChunk} keeps the
 * rest byte for byte. Byte fields are read-only views; duplicate them before reading.
 */
public interface Chunk {

    /** @return the 8-bit chunk type ({@link ChunkType}) */
    int type();

    /** @return the 8-bit chunk flags */
    default int flags() {
        return 0;
    }

    /** @return the value length: the Chunk Length minus the 4-byte header, without chunk padding */
    int valueLength();

    /** Writes the value (no header, no chunk padding). */
    void writeValue(ByteBuffer out);

    /** @return the encoded chunk with header and padding, as it appears in a packet */
    default byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(ChunkCodec.encodedLength(this));
        ChunkCodec.write(this, out);
        return out.array();
    }
}
