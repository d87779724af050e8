package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * A chunk of a type this codec does not model, kept byte for byte so that it can be reported in
 * an Unrecognized Chunk Type cause or re-encoded unchanged.
 *
 * @param type 8-bit chunk type
 * @param flags 8-bit flags
 * @param value read-only view of the value, without padding
 */
public record UnknownChunk(int type, int flags, ByteBuffer value) implements Chunk {

    /** Validates the 8-bit fields and takes a read-only view of the value. */
    public UnknownChunk {
        if ((type & ~0xFF) != 0 || (flags & ~0xFF) != 0) {
            throw new IllegalArgumentException("type and flags are 8 bits: " + type + ", " + flags);
        }
        value = Tlv.view(value);
    }

    /**
     * RFC 9260 §3.2: "Chunk Types are encoded such that the highest-order 2 bits specify the action
     * that is taken if the processing endpoint does not recognize the Chunk Type."
     *
     * @return the action for this type
     */
    public UnrecognizedAction action() {
        return UnrecognizedAction.ofHighBits(type >>> 6);
    }

    /** @return a read-only view of the bytes, its own position and limit, so that readers do not disturb the chunk */
    @Override
    public ByteBuffer value() {
        return value.duplicate();
    }

    @Override
    public int valueLength() {
        return value.remaining();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.put(value.duplicate());
    }
}
