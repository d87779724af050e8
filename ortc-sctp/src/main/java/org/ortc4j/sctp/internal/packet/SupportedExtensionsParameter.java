package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Supported Extensions parameter (RFC 5061 §4.2.7): the chunk types the sender supports beyond
 * RFC 9260, one byte each.
 *
 * @param chunkTypes the 8-bit chunk types
 */
public record SupportedExtensionsParameter(List<Integer> chunkTypes) implements Parameter {

    /** Validates and copies the types. */
    public SupportedExtensionsParameter {
        chunkTypes = List.copyOf(chunkTypes);
        for (int t : chunkTypes) {
            if ((t & ~0xFF) != 0) {
                throw new IllegalArgumentException("chunk type out of range: " + t);
            }
        }
    }

    /** @return whether the peer lists {@code chunkType} */
    public boolean supports(int chunkType) {
        return chunkTypes.contains(chunkType);
    }

    @Override
    public int type() {
        return ParameterType.SUPPORTED_EXTENSIONS;
    }

    @Override
    public int valueLength() {
        return chunkTypes.size();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        for (int t : chunkTypes) {
            out.put((byte) t);
        }
    }

    static SupportedExtensionsParameter decode(ByteBuffer value) {
        List<Integer> types = new ArrayList<>(value.remaining());
        while (value.hasRemaining()) {
            types.add(Byte.toUnsignedInt(value.get()));
        }
        return new SupportedExtensionsParameter(types);
    }
}
