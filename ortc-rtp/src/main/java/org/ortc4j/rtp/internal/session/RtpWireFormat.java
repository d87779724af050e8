package org.ortc4j.rtp.internal.session;

import java.nio.ByteBuffer;
import org.ortc4j.rtp.packet.RtpPacket;

/** The bytes of RTP packets on the shared transport: serializing a view, telling RTP from RTCP. */
final class RtpWireFormat {

    private RtpWireFormat() {
    }

    /**
     * Whether a datagram of the SRTP range is RTCP. RFC 5761 §4: with RTP and RTCP multiplexed,
     * RTCP packet types 192–223 fill the second byte, which RTP payload types 64–95 with the
     * marker bit would, so those payload types are not used.
     */
    static boolean isRtcp(int secondByte) {
        int type = secondByte & 0xFF;
        return type >= 192 && type <= 223;
    }

    /**
     * Writes the packet at the buffer's position, field by field as RFC 3550 §5.1 lays it out,
     * and moves the position past it. The bytes of padding before its count are written as zero.
     *
     * @throws java.nio.BufferOverflowException if the buffer has less room than {@link RtpPacket#size()}
     */
    static void write(RtpPacket packet, ByteBuffer out) {
        if (out.remaining() < packet.size()) {
            throw new java.nio.BufferOverflowException();
        }
        if (packet.paddingLength() == 0) {
            // Without padding the view's bytes are the packet as the fields below would write it.
            packet.copyTo(out);
            return;
        }
        int csrcCount = packet.csrcCount();
        // RFC 3550 §5.1: V=2, P, X, CC; then M and PT; sequence number; timestamp; SSRC; CSRCs.
        out.put((byte) (0x80 | (packet.hasPadding() ? 0x20 : 0) | (packet.hasExtension() ? 0x10 : 0) | csrcCount));
        out.put((byte) ((packet.marker() ? 0x80 : 0) | packet.payloadType()));
        out.putShort((short) packet.sequenceNumber());
        out.putInt((int) packet.timestamp());
        out.putInt(packet.ssrc());
        for (int i = 0; i < csrcCount; i++) {
            out.putInt(packet.csrc(i));
        }
        if (packet.hasExtension()) {
            ByteBuffer data = packet.extensionData();
            // RFC 3550 §5.3.1: profile, then the length in 32-bit words without the 4-byte header.
            out.putShort((short) packet.extensionProfile());
            out.putShort((short) (data.remaining() / 4));
            out.put(data);
        }
        out.put(packet.payload());
        int padding = packet.paddingLength();
        if (padding > 0) {
            for (int i = 1; i < padding; i++) {
                out.put((byte) 0);
            }
            // RFC 3550 §5.1: "The last octet of the padding contains a count of how many padding octets".
            out.put((byte) padding);
        }
    }
}
