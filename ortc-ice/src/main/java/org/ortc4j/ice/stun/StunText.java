package org.ortc4j.ice.stun;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The text rules shared by USERNAME, REALM, NONCE, SOFTWARE and the reason phrases. */
final class StunText {

    // RFC 8489 §14.3, §14.8, §14.9, §14.10, §14.14: text "can be as long as 509 bytes when
    // encoding them and as long as 763 bytes when decoding them"; §14.3: "A compliant
    // implementation MUST be able to parse a UTF-8-encoded sequence of 763 or fewer octets to be
    // compatible with [RFC5389]." One bound for both directions keeps decode → encode → decode
    // an identity; senders that want the RFC 8489 limits (509 bytes, 128 characters) check them
    // where the text comes from (RTCIceServer does for the TURN username).
    static final int MAX_BYTES = 763;

    private StunText() {
    }

    /** Strict UTF-8 of {@code text}, at most {@code maxBytes} long, for a constructor. */
    static byte[] encode(String text, int maxBytes, StunAttributeType type) {
        Objects.requireNonNull(text, type.toString());
        if (isAscii(text)) {
            if (text.length() > maxBytes) {
                throw new IllegalArgumentException(type + ": text is " + text.length() + " bytes of UTF-8, at most " + maxBytes + " allowed");
            }
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(type + ": text has an unpaired surrogate");
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(type + ": text is " + bytes.length + " bytes of UTF-8, at most " + maxBytes + " allowed");
        }
        return bytes;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
