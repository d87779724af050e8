package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * The {@code abs-send-time} header extension (webrtc.org "Absolute Send Time"): the send time in
 * seconds as a 24-bit 6.18 fixed-point number, the middle bits of an NTP timestamp, wrapping every
 * 64 seconds. 3 bytes.
 *
 * @param value the 24-bit value, 0 to 0xFFFFFF
 */
public record AbsSendTimeExtension(int value) {

    /** The extension's URI. */
    public static final String URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /** @throws IllegalArgumentException if value does not fit 24 bits */
    public AbsSendTimeExtension {
        if (value < 0 || value > 0xFFFFFF) {
            throw new IllegalArgumentException("abs-send-time is 24 bits, not " + value);
        }
    }

    /** The value for a 64-bit NTP timestamp (32.32 fixed point): its bits 14 to 37. */
    public static AbsSendTimeExtension fromNtpTimestamp(long ntpTimestamp) {
        return new AbsSendTimeExtension((int) ((ntpTimestamp >>> 14) & 0xFFFFFF));
    }

    /** The value for a time in microseconds, rounded to the nearest 2^-18 second. */
    public static AbsSendTimeExtension fromMicros(long micros) {
        long fixed = ((micros << 18) + 500_000) / 1_000_000;
        return new AbsSendTimeExtension((int) (fixed & 0xFFFFFF));
    }

    /** The time it stands for within its 64-second window, in seconds. */
    public double seconds() {
        return value / (double) (1 << 18);
    }

    /** Reads the 24-bit value of an element's data without allocating. */
    public static int readValue(ByteBuffer data) throws RtpParseException {
        HeaderExtensionValues.requireLength(data, 3, "abs-send-time");
        int p = data.position();
        return (data.get(p) & 0xFF) << 16 | (data.get(p + 1) & 0xFF) << 8 | (data.get(p + 2) & 0xFF);
    }

    /** Decodes an element's data (position to limit, not consumed). */
    public static AbsSendTimeExtension decode(ByteBuffer data) throws RtpParseException {
        return new AbsSendTimeExtension(readValue(data));
    }

    /** The element's data. */
    public byte[] encode() {
        return new byte[] {(byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
