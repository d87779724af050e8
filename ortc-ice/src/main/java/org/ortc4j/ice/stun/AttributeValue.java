package org.ortc4j.ice.stun;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The value of one attribute inside a message being decoded: bounds-checked reads that throw
 * {@link StunParseException}, never an index exception. Package-private; each attribute class
 * decodes itself from one of these.
 */
final class AttributeValue {

    private final byte[] buf;
    private final int start;
    private final int length;
    private final byte[] transactionId;
    private final StunAttributeType type;

    AttributeValue(byte[] buf, int start, int length, byte[] transactionId, StunAttributeType type) {
        this.buf = buf;
        this.start = start;
        this.length = length;
        this.transactionId = transactionId;
        this.type = type;
    }

    int length() {
        return length;
    }

    /** The 12-byte transaction id of the message, for the XOR addresses. */
    byte[] transactionId() {
        return transactionId;
    }

    StunParseException error(String what) {
        return new StunParseException(type + ": " + what);
    }

    void requireLength(int expected) {
        if (length != expected) {
            throw error("value is " + length + " bytes, expected " + expected);
        }
    }

    private void check(int offset, int count) {
        if (offset < 0 || count < 0 || offset > length - count) {
            throw error("value is " + length + " bytes, too short");
        }
    }

    int u8(int offset) {
        check(offset, 1);
        return buf[start + offset] & 0xFF;
    }

    int u16(int offset) {
        check(offset, 2);
        return ((buf[start + offset] & 0xFF) << 8) | (buf[start + offset + 1] & 0xFF);
    }

    long u32(int offset) {
        check(offset, 4);
        return ((long) u16(offset) << 16) | u16(offset + 2);
    }

    long u64(int offset) {
        check(offset, 8);
        return (u32(offset) << 32) | u32(offset + 4);
    }

    byte[] bytes(int offset, int count) {
        check(offset, count);
        byte[] out = new byte[count];
        System.arraycopy(buf, start + offset, out, 0, count);
        return out;
    }

    byte[] all() {
        return bytes(0, length);
    }

    /** The value from {@code offset} to the end as strict UTF-8 of at most {@code maxBytes}. */
    String utf8(int offset, int maxBytes) {
        check(offset, 0);
        int count = length - offset;
        if (count > maxBytes) {
            throw error("value is " + count + " bytes of text, at most " + maxBytes + " allowed");
        }
        if (isAscii(buf, start + offset, count)) {
            // ICE usernames and most reason phrases are ASCII, which is always valid UTF-8.
            return new String(buf, start + offset, count, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start + offset, count))
                    .toString();
        } catch (CharacterCodingException e) {
            throw error("value is not valid UTF-8");
        }
    }

    static boolean isAscii(byte[] bytes, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] u16Bytes(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] u32Bytes(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] u64Bytes(long v) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (56 - 8 * i));
        }
        return out;
    }
}
