package org.ortc4j.rtp.packet;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/** The 4-byte header every RTCP packet starts with (RFC 3550 §6.4.1). Package-private. */
final class RtcpHeader {

    static final int LENGTH = 4;

    private RtcpHeader() {
    }

    /**
     * Writes V=2, P, the 5-bit count (RC, SC, FMT or subtype), PT and the length.
     *
     * @param totalLength the packet's whole length in bytes, a multiple of 4
     */
    static void write(ByteBuffer out, boolean padding, int count, int packetType, int totalLength) {
        if (out.remaining() < totalLength) {
            throw new BufferOverflowException();
        }
        out.put((byte) (0x80 | (padding ? 0x20 : 0) | count));
        out.put((byte) packetType);
        // RFC 3550 §6.4.1: "The length of this RTCP packet in 32-bit words minus one, including
        // the header and any padding."
        out.putShort((short) (totalLength / 4 - 1));
    }

    /** Feedback packets (RFC 4585 §6.1) start their body with the packet sender's and the media source's SSRC. */
    static final int FEEDBACK_SSRCS = 8;

    static void checkCount(int count, String what) {
        if (count > 31) {
            throw new IllegalArgumentException("at most 31 " + what + " fit the 5-bit count field, not " + count);
        }
    }
}
