package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * The playout delay header extension (webrtc.org "Playout Delay"): the minimum and maximum delay
 * the receiver should hold frames for, 12 bits each in units of 10 ms (0 to 40.95 s). 3 bytes.
 *
 * @param minDelay the minimum delay in 10 ms units, 0 to 4095
 * @param maxDelay the maximum delay in 10 ms units, 0 to 4095
 */
public record PlayoutDelayExtension(int minDelay, int maxDelay) {

    /** The extension's URI. */
    public static final String URI = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";

    /** @throws IllegalArgumentException if a delay does not fit 12 bits */
    public PlayoutDelayExtension {
        if (minDelay < 0 || minDelay > 0xFFF || maxDelay < 0 || maxDelay > 0xFFF) {
            throw new IllegalArgumentException("playout delays are 12 bits, not " + minDelay + " and " + maxDelay);
        }
    }

    /** The minimum delay in milliseconds. */
    public int minDelayMillis() {
        return 10 * minDelay;
    }

    /** The maximum delay in milliseconds. */
    public int maxDelayMillis() {
        return 10 * maxDelay;
    }

    /** Decodes an element's data (position to limit, not consumed). */
    public static PlayoutDelayExtension decode(ByteBuffer data) throws RtpParseException {
        HeaderExtensionValues.requireLength(data, 3, "playout-delay");
        int p = data.position();
        int bits = (data.get(p) & 0xFF) << 16 | (data.get(p + 1) & 0xFF) << 8 | (data.get(p + 2) & 0xFF);
        return new PlayoutDelayExtension(bits >>> 12, bits & 0xFFF);
    }

    /** The element's data. */
    public byte[] encode() {
        int bits = minDelay << 12 | maxDelay;
        return new byte[] {(byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }
}
