package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * The client-to-mixer audio level header extension (RFC 6464 §3): one byte, the V bit (voice
 * activity) and the level in -dBov, 0 (loudest) to 127 (silence).
 *
 * @param voiceActivity RFC 6464 §3 V: "whether the encoder believes the audio packet contains voice activity"
 * @param level the audio level in -dBov, 0 to 127
 */
public record AudioLevelExtension(boolean voiceActivity, int level) {

    /** The extension's URI (RFC 6464 §4). */
    public static final String URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    /** @throws IllegalArgumentException if level is not 0 to 127 */
    public AudioLevelExtension {
        if (level < 0 || level > 127) {
            throw new IllegalArgumentException("audio level must be 0 to 127 -dBov, not " + level);
        }
    }

    /** Decodes an element's data (position to limit, not consumed). */
    public static AudioLevelExtension decode(ByteBuffer data) throws RtpParseException {
        // RFC 6464 §3: "the audio level ... 1-byte header extension ... with a length of 1 byte".
        HeaderExtensionValues.requireLength(data, 1, "ssrc-audio-level");
        int b = data.get(data.position()) & 0xFF;
        return new AudioLevelExtension((b & 0x80) != 0, b & 0x7F);
    }

    /** The element's data. */
    public byte[] encode() {
        return new byte[] {(byte) ((voiceActivity ? 0x80 : 0) | level)};
    }
}
