package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * The {@code sdes:rtp-stream-id} header extension (RFC 8852 §3.1): the RID of the RTP stream,
 * the SDES RtpStreamId item's text (1 to 255 bytes; 16 at most in the one-byte form).
 *
 * @param rid the RtpStreamId
 */
public record RtpStreamIdExtension(String rid) {

    /** The extension's URI (RFC 8852 §4.3). */
    public static final String URI = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";

    /** @throws IllegalArgumentException if rid is not 1 to 255 bytes of UTF-8 */
    public RtpStreamIdExtension {
        HeaderExtensionValues.encodeText(rid, "RtpStreamId");
    }

    /** Decodes an element's data (position to limit, not consumed). */
    public static RtpStreamIdExtension decode(ByteBuffer data) throws RtpParseException {
        return new RtpStreamIdExtension(HeaderExtensionValues.decodeText(data, "sdes:rtp-stream-id"));
    }

    /** The element's data. */
    public byte[] encode() {
        return HeaderExtensionValues.encodeText(rid, "RtpStreamId");
    }
}
