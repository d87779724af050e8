package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An XR report block of a type this package does not model (RFC 3611 §3), kept as bytes.
 *
 * @param blockType the block type, 0 to 255
 * @param typeSpecific the type-specific byte
 * @param contents the block after its 4-byte header, whole 32-bit words
 */
public record UnknownXrBlock(int blockType, int typeSpecific, byte[] contents) implements XrBlock {

    /** @throws IllegalArgumentException if a field does not fit */
    public UnknownXrBlock {
        if (blockType < 0 || blockType > 255 || typeSpecific < 0 || typeSpecific > 255) {
            throw new IllegalArgumentException("block type and type-specific byte are 8 bits");
        }
        if (contents.length % 4 != 0 || contents.length > 4 * 0xFFFF) {
            throw new IllegalArgumentException("XR block contents are whole 32-bit words");
        }
        contents = contents.clone();
    }

    @Override
    public byte[] contents() {
        return contents.clone();
    }

    @Override
    public int encodedLength() {
        return 4 + contents.length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put((byte) blockType);
        out.put((byte) typeSpecific);
        out.putShort((short) (contents.length / 4));
        out.put(contents);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownXrBlock b && blockType == b.blockType && typeSpecific == b.typeSpecific
                && Arrays.equals(contents, b.contents);
    }

    @Override
    public int hashCode() {
        return (blockType * 31 + typeSpecific) * 31 + Arrays.hashCode(contents);
    }

    @Override
    public String toString() {
        return "UnknownXrBlock[bt=" + blockType + ", typeSpecific=" + typeSpecific + ", contents="
                + contents.length + " bytes]";
    }
}
