package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * One RTCP packet of a compound packet (RFC 3550 §6.1, §6.4–6.7; RFC 4585 §6; RFC 5104; RFC 3611):
 * an immutable value. Packet types and feedback formats this package does not model are kept as
 * {@link UnknownRtcpPacket} and survive a round trip. {@link RtcpCompoundPacket} parses and
 * writes whole compound packets.
 */
public sealed interface RtcpPacket
        permits SenderReport, ReceiverReport, SourceDescription, Bye, AppPacket, GenericNack,
                PictureLossIndication, FullIntraRequest, Remb, TransportWideFeedback, ExtendedReport,
                UnknownRtcpPacket {

    /** RFC 3550 §12.1: SR. */
    int SR = 200;
    /** RFC 3550 §12.1: RR. */
    int RR = 201;
    /** RFC 3550 §12.1: SDES. */
    int SDES = 202;
    /** RFC 3550 §12.1: BYE. */
    int BYE = 203;
    /** RFC 3550 §12.1: APP. */
    int APP = 204;
    /** RFC 4585 §6.1: RTPFB, transport-layer feedback. */
    int RTPFB = 205;
    /** RFC 4585 §6.1: PSFB, payload-specific feedback. */
    int PSFB = 206;
    /** RFC 3611 §2: XR. */
    int XR = 207;

    /** The packet type (PT) field. */
    int packetType();

    /** The length of the packet on the wire in bytes, header and padding included; a multiple of 4. */
    int encodedLength();

    /**
     * Writes the packet at the buffer's position, advancing it by {@link #encodedLength()}.
     *
     * @throws java.nio.BufferOverflowException if the buffer has less room
     */
    void writeTo(ByteBuffer out);

    /** The packet as an exactly sized array. */
    default byte[] encode() {
        byte[] bytes = new byte[encodedLength()];
        writeTo(ByteBuffer.wrap(bytes));
        return bytes;
    }
}
