package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Test helpers: hex text with spaces to bytes, and bytes of a buffer view. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    static byte[] of(ByteBuffer view) {
        ByteBuffer d = view.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** Decodes exactly one chunk from its encoded bytes (with padding). */
    static Chunk decodeChunk(byte[] encoded) throws SctpParseException {
        var chunks = ChunkCodec.decodeAll(ByteBuffer.wrap(encoded));
        if (chunks.size() != 1) {
            throw new AssertionError("expected one chunk, got " + chunks);
        }
        return chunks.get(0);
    }
}
