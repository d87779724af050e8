package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian reads from one RTCP packet's body: every read that would run past the
 * end throws {@link RtpParseException} naming the packet. Package-private.
 */
final class RtcpReader {

    private final ByteBuffer body;
    private final String what;

    RtcpReader(ByteBuffer body, String what) {
        this.body = body.slice();
        this.what = what;
    }

    int remaining() {
        return body.remaining();
    }

    int position() {
        return body.position();
    }

    RtpParseException error(String problem) {
        return new RtpParseException(what + ": " + problem);
    }

    void need(int bytes, String field) throws RtpParseException {
        if (body.remaining() < bytes) {
            throw error(field + " needs " + bytes + " bytes, only " + body.remaining() + " left");
        }
    }

    int u8(String field) throws RtpParseException {
        need(1, field);
        return body.get() & 0xFF;
    }

    int u16(String field) throws RtpParseException {
        need(2, field);
        return body.getShort() & 0xFFFF;
    }

    int s16(String field) throws RtpParseException {
        need(2, field);
        return body.getShort();
    }

    int u24(String field) throws RtpParseException {
        need(3, field);
        return (body.get() & 0xFF) << 16 | (body.get() & 0xFF) << 8 | (body.get() & 0xFF);
    }

    int s32(String field) throws RtpParseException {
        need(4, field);
        return body.getInt();
    }

    long u32(String field) throws RtpParseException {
        return s32(field) & 0xFFFF_FFFFL;
    }

    long s64(String field) throws RtpParseException {
        need(8, field);
        return body.getLong();
    }

    byte[] bytes(int length, String field) throws RtpParseException {
        need(length, field);
        byte[] bytes = new byte[length];
        body.get(bytes);
        return bytes;
    }

    void skip(int length, String field) throws RtpParseException {
        need(length, field);
        body.position(body.position() + length);
    }

    String utf8(int length, String field) throws RtpParseException {
        need(length, field);
        ByteBuffer text = body.slice(body.position(), length);
        body.position(body.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(text)
                    .toString();
        } catch (CharacterCodingException e) {
            throw error(field + " is not UTF-8");
        }
    }

    void requireEnd(String after) throws RtpParseException {
        if (body.hasRemaining()) {
            throw error(body.remaining() + " bytes after " + after);
        }
    }
}
