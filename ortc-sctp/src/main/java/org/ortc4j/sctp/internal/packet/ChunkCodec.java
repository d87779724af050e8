package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the chunk header (RFC 9260 §3.2) and dispatches on the chunk type. */
final class ChunkCodec {

    /** Bounds the work per packet: a 64 KiB packet holds at most 16384 four-byte chunks. */
    static final int MAX_CHUNKS = 16384;

    private ChunkCodec() {
    }

    static int encodedLength(Chunk chunk) {
        return Tlv.pad4(4 + chunk.valueLength());
    }

    static void write(Chunk chunk, ByteBuffer out) {
        int length = 4 + chunk.valueLength();
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("chunk too long: " + length);
        }
        out.put((byte) chunk.type());
        out.put((byte) chunk.flags());
        out.putShort((short) length);
        int start = out.position();
        chunk.writeValue(out);
        if (out.position() - start != chunk.valueLength()) {
            throw new IllegalStateException("chunk type " + chunk.type() + " wrote a wrong length");
        }
        for (int p = length; p < Tlv.pad4(length); p++) {
            out.put((byte) 0);
        }
    }

    /** Decodes every chunk in the remaining bytes of {@code buf}. */
    static List<Chunk> decodeAll(ByteBuffer buf) throws SctpParseException {
        List<Chunk> chunks = new ArrayList<>();
        while (buf.hasRemaining()) {
            if (chunks.size() >= MAX_CHUNKS) {
                throw new SctpParseException("more than " + MAX_CHUNKS + " chunks");
            }
            if (buf.remaining() < 4) {
                throw new SctpParseException("chunk header truncated: " + buf.remaining() + " bytes");
            }
            int type = Byte.toUnsignedInt(buf.get());
            int flags = Byte.toUnsignedInt(buf.get());
            int length = Short.toUnsignedInt(buf.getShort());
            if (length < 4) {
                throw new SctpParseException("chunk type " + type + ": length " + length + " < 4");
            }
            if (length - 4 > buf.remaining()) {
                throw new SctpParseException("chunk type " + type + ": length " + length + " past the end of the packet");
            }
            ByteBuffer value = Tlv.slice(buf, length - 4);
            int padding = Tlv.pad4(length) - length;
            // RFC 9260 §3.2: "The sender MUST pad the chunk with all zero bytes to make the chunk
            // 32-bit aligned." A packet that ends inside the padding is malformed.
            if (padding > buf.remaining()) {
                throw new SctpParseException("chunk type " + type + ": padding missing at the end of the packet");
            }
            buf.position(buf.position() + padding);
            chunks.add(decode(type, flags, value));
        }
        return chunks;
    }

    static Chunk decode(int type, int flags, ByteBuffer value) throws SctpParseException {
        switch (type) {
            case ChunkType.DATA: return DataChunk.decode(flags, value);
            case ChunkType.INIT: return InitChunk.decode(value);
            case ChunkType.INIT_ACK: return InitAckChunk.decode(value);
            case ChunkType.SACK: return SackChunk.decode(value);
            case ChunkType.HEARTBEAT: return HeartbeatChunk.decode(value);
            case ChunkType.HEARTBEAT_ACK: return HeartbeatAckChunk.decode(value);
            case ChunkType.ABORT: return AbortChunk.decode(flags, value);
            case ChunkType.SHUTDOWN: return ShutdownChunk.decode(value);
            case ChunkType.SHUTDOWN_ACK: return ShutdownAckChunk.decode(value);
            case ChunkType.ERROR: return ErrorChunk.decode(value);
            case ChunkType.COOKIE_ECHO: return CookieEchoChunk.decode(value);
            case ChunkType.COOKIE_ACK: return CookieAckChunk.decode(value);
            case ChunkType.SHUTDOWN_COMPLETE: return ShutdownCompleteChunk.decode(flags, value);
            case ChunkType.I_DATA: return IDataChunk.decode(flags, value);
            case ChunkType.RE_CONFIG: return ReconfigChunk.decode(value);
            case ChunkType.FORWARD_TSN: return ForwardTsnChunk.decode(value);
            case ChunkType.I_FORWARD_TSN: return IForwardTsnChunk.decode(value);
            default: return new UnknownChunk(type, flags, value);
        }
    }
}
