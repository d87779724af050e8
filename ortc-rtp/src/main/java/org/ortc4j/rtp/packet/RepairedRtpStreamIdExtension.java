package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * The {@code sdes:repaired-rtp-stream-id} header extension (RFC 8852 §3.2): on a redundancy (RTX,
 * FEC) stream, the RID of the stream it repairs (1 to 255 bytes; 16 at most in the one-byte form).
 *
 * @param rid the RepairedRtpStreamId
 */
public record RepairedRtpStreamIdExtension(String rid) {

    /** The extension's URI (RFC 8852 §4.4). */
    public static final String URI = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    /** @throws IllegalArgumentException if rid is not 1 to 255 bytes of UTF-8 */
    public RepairedRtpStreamIdExtension {
        HeaderExtensionValues.encodeText(rid, "RepairedRtpStreamId");
    }

    /** Decodes an element's data (position to limit, not consumed). */
    public static RepairedRtpStreamIdExtension decode(ByteBuffer data) throws RtpParseException {
        return new RepairedRtpStreamIdExtension(HeaderExtensionValues.decodeText(data, "sdes:repaired-rtp-stream-id"));
    }

    /** The element's data. */
    public byte[] encode() {
        return HeaderExtensionValues.encodeText(rid, "RepairedRtpStreamId");
    }
}
