package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * A reception report block of a sender or receiver report (RFC 3550 §6.4.1), 24 bytes. Unsigned
 * 32-bit fields are longs.
 *
 * @param ssrc the source this block reports on (SSRC_n)
 * @param fractionLost fraction of packets lost since the last report, in 1/256, 0 to 255
 * @param cumulativeLost cumulative number of packets lost, signed 24 bits (RFC 3550 §6.4.1: it can be negative)
 * @param extendedHighestSequenceNumber extended highest sequence number received, unsigned 32 bits
 * @param jitter interarrival jitter in timestamp units, unsigned 32 bits
 * @param lastSenderReport LSR, the middle 32 bits of the last SR's NTP timestamp
 * @param delaySinceLastSenderReport DLSR, in units of 1/65536 seconds
 */
public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequenceNumber,
        long jitter, long lastSenderReport, long delaySinceLastSenderReport) {

    static final int LENGTH = 24;

    /** @throws IllegalArgumentException if a field does not fit its width */
    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost is 8 bits, not " + fractionLost);
        }
        if (cumulativeLost < -(1 << 23) || cumulativeLost >= 1 << 23) {
            throw new IllegalArgumentException("cumulative lost is signed 24 bits, not " + cumulativeLost);
        }
        checkU32(extendedHighestSequenceNumber, "extended highest sequence number");
        checkU32(jitter, "jitter");
        checkU32(lastSenderReport, "LSR");
        checkU32(delaySinceLastSenderReport, "DLSR");
    }

    static void checkU32(long value, String what) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " is unsigned 32 bits, not " + value);
        }
    }

    static ReportBlock read(RtcpReader in) throws RtpParseException {
        int ssrc = in.s32("report block SSRC");
        int fractionLost = in.u8("fraction lost");
        // RFC 3550 §6.4.1: cumulative number of packets lost, 24 bits, signed.
        int cumulativeLost = in.u24("cumulative lost") << 8 >> 8;
        return new ReportBlock(ssrc, fractionLost, cumulativeLost, in.u32("extended highest sequence number"),
                in.u32("jitter"), in.u32("LSR"), in.u32("DLSR"));
    }

    void write(ByteBuffer out) {
        out.putInt(ssrc);
        out.putInt(fractionLost << 24 | (cumulativeLost & 0xFFFFFF));
        out.putInt((int) extendedHighestSequenceNumber);
        out.putInt((int) jitter);
        out.putInt((int) lastSenderReport);
        out.putInt((int) delaySinceLastSenderReport);
    }
}
