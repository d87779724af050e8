package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * A parameter of a type this codec does not model (Random, HMAC algorithms, Add Streams...), kept
 * byte for byte.
 *
 * @param type 16-bit type
 * @param value read-only view of the value
 */
public record UnknownParameter(int type, ByteBuffer value) implements Parameter {

    /** Validates the type and takes a read-only view. */
    public UnknownParameter {
        Tlv.checkU16(type, "parameter type");
        value = Tlv.view(value);
    }

    /**
     * RFC 9260 §3.2.1: "The Parameter Types are encoded such that the highest-order 2 bits specify
     * the action that is taken if the processing endpoint does not recognize the Parameter Type."
     *
     * @return the action for this type
     */
    public UnrecognizedAction action() {
        return UnrecognizedAction.ofHighBits(type >>> 14);
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
