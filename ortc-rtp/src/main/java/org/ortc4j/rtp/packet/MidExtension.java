package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * The {@code sdes:mid} header extension (RFC 9143 §15, RFC 7941): the media identification of the
 * packet's m= section, the SDES MID item's text (1 to 255 bytes of UTF-8; 16 at most in the
 * one-byte form).
 *
 * @param mid the MID
 */
public record MidExtension(String mid) {

    /** The extension's URI (RFC 9143 §15.1). */
    public static final String URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /** @throws IllegalArgumentException if mid is not 1 to 255 bytes of UTF-8 */
    public MidExtension {
        HeaderExtensionValues.encodeText(mid, "MID");
    }

    /** Decodes an element's data (position to limit, not consumed). */
    public static MidExtension decode(ByteBuffer data) throws RtpParseException {
        return new MidExtension(HeaderExtensionValues.decodeText(data, "sdes:mid"));
    }

    /** The element's data. */
    public byte[] encode() {
        return HeaderExtensionValues.encodeText(mid, "MID");
    }
}
