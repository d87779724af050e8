package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks shared by the header extension value codecs. Package-private. */
final class HeaderExtensionValues {

    private HeaderExtensionValues() {
    }

    static void requireLength(ByteBuffer data, int length, String what) throws RtpParseException {
        if (data.remaining() != length) {
            throw new RtpParseException(what + " must be " + length + " bytes, not " + data.remaining());
        }
    }

    /** Decodes an SDES-item-like string value: 1 to 255 bytes of UTF-8 (RFC 3550 §6.5). */
    static String decodeText(ByteBuffer data, String what) throws RtpParseException {
        if (data.remaining() == 0) {
            throw new RtpParseException(what + " is empty");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(data.duplicate())
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RtpParseException(what + " is not UTF-8");
        }
    }

    static byte[] encodeText(String value, String what) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 1 || bytes.length > 255) {
            throw new IllegalArgumentException(what + " must be 1 to 255 bytes of UTF-8, not " + bytes.length);
        }
        return bytes;
    }
}
