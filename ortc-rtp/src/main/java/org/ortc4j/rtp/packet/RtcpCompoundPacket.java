package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An RTCP compound packet (RFC 3550 §6.1): one or more RTCP packets stacked in one datagram.
 *
 * <p>Parsing is strict and all-or-nothing: if any packet in the compound is malformed, the whole
 * compound is rejected with {@link RtpParseException} and no packet of it is returned, as RFC 3550
 * Appendix A.2 validates the compound as a unit (a length field that lies breaks the framing of
 * every packet after it, and one that is checked cannot be told from one that is wrong). Reduced-size
 * RTCP (RFC 5506 §3.1) is accepted: any packet may come first, alone or not. Unknown packet types and
 * unknown feedback formats are kept as {@link UnknownRtcpPacket}, never fatal. The padding bit is
 * accepted on any packet (libwebrtc pads transport-wide feedback in the middle of compounds); the
 * padding is dropped from modelled packets.
 *
 * @param packets the packets, in order; at least one
 */
public record RtcpCompoundPacket(List<RtcpPacket> packets) {

    /** @throws IllegalArgumentException if packets is empty */
    public RtcpCompoundPacket {
        packets = List.copyOf(packets);
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("a compound packet holds at least one RTCP packet");
        }
    }

    /** A compound packet of the given packets. */
    public static RtcpCompoundPacket of(RtcpPacket... packets) {
        return new RtcpCompoundPacket(List.of(packets));
    }

    /**
     * Parses the bytes from the buffer's position to its limit as a compound packet. The buffer's
     * position is not changed.
     *
     * @throws RtpParseException if any packet is malformed; then nothing of the compound is returned
     */
    public static RtcpCompoundPacket parse(ByteBuffer compound) throws RtpParseException {
        ByteBuffer b = compound.slice();
        if (!b.hasRemaining()) {
            throw new RtpParseException("empty RTCP compound packet");
        }
        List<RtcpPacket> packets = new ArrayList<>();
        int offset = 0;
        while (offset < b.limit()) {
            int index = packets.size();
            if (b.limit() - offset < RtcpHeader.LENGTH) {
                throw new RtpParseException("RTCP packet " + index + ": " + (b.limit() - offset)
                        + " bytes left, shorter than a header");
            }
            int first = b.get(offset) & 0xFF;
            // RFC 3550 §6.4.1: "version (V): 2 bits Identifies the version of RTP, ... (2)."
            if (first >>> 6 != 2) {
                throw new RtpParseException("RTCP packet " + index + ": version " + (first >>> 6) + ", not 2");
            }
            boolean padding = (first & 0x20) != 0;
            int count = first & 0x1F;
            int packetType = b.get(offset + 1) & 0xFF;
            int length = 4 * ((b.getShort(offset + 2) & 0xFFFF) + 1);
            if (length > b.limit() - offset) {
                throw new RtpParseException("RTCP packet " + index + " (PT " + packetType + ") of " + length
                        + " bytes runs past the end of the compound (" + (b.limit() - offset) + " bytes left)");
            }
            int bodyLength = length - RtcpHeader.LENGTH;
            int paddingLength = 0;
            if (padding) {
                // RFC 3550 §6.4.1: "The last octet of the padding is a count of how many padding
                // octets should be ignored, including itself".
                paddingLength = bodyLength == 0 ? 0 : b.get(offset + length - 1) & 0xFF;
                if (paddingLength == 0 || paddingLength > bodyLength) {
                    throw new RtpParseException("RTCP packet " + index + ": padding count " + paddingLength
                            + " does not fit a " + bodyLength + "-byte body");
                }
            }
            ByteBuffer raw = b.slice(offset + RtcpHeader.LENGTH, bodyLength);
            ByteBuffer body = b.slice(offset + RtcpHeader.LENGTH, bodyLength - paddingLength);
            packets.add(parseOne(index, packetType, count, padding, body, raw));
            offset += length;
        }
        return new RtcpCompoundPacket(packets);
    }

    private static RtcpPacket parseOne(int index, int packetType, int count, boolean padding, ByteBuffer body,
            ByteBuffer raw) throws RtpParseException {
        RtcpReader in = new RtcpReader(body, "RTCP packet " + index + " (PT " + packetType + ", count " + count + ")");
        switch (packetType) {
            case RtcpPacket.SR:
                return SenderReport.read(count, in);
            case RtcpPacket.RR:
                return ReceiverReport.read(count, in);
            case RtcpPacket.SDES:
                return SourceDescription.read(count, in);
            case RtcpPacket.BYE:
                return Bye.read(count, in);
            case RtcpPacket.APP:
                return AppPacket.read(count, in);
            case RtcpPacket.RTPFB:
                if (count == GenericNack.FMT) {
                    return GenericNack.read(in);
                }
                if (count == TransportWideFeedback.FMT) {
                    return TransportWideFeedback.read(in);
                }
                break;
            case RtcpPacket.PSFB:
                if (count == PictureLossIndication.FMT) {
                    return PictureLossIndication.read(in);
                }
                if (count == FullIntraRequest.FMT) {
                    return FullIntraRequest.read(in);
                }
                if (count == Remb.FMT && Remb.isRemb(body)) {
                    return Remb.read(in);
                }
                break;
            case RtcpPacket.XR:
                return ExtendedReport.read(in);
            default:
                break;
        }
        byte[] bytes = new byte[raw.remaining()];
        raw.get(bytes);
        return new UnknownRtcpPacket(packetType, count, padding, bytes);
    }

    /** The length of the compound on the wire in bytes. */
    public int encodedLength() {
        int length = 0;
        for (RtcpPacket packet : packets) {
            length += packet.encodedLength();
        }
        return length;
    }

    /**
     * Writes the packets one after the other at the buffer's position.
     *
     * @throws java.nio.BufferOverflowException if the buffer has less room than {@link #encodedLength()}
     */
    public void writeTo(ByteBuffer out) {
        if (out.remaining() < encodedLength()) {
            throw new java.nio.BufferOverflowException();
        }
        for (RtcpPacket packet : packets) {
            packet.writeTo(out);
        }
    }

    /** The compound as an exactly sized array. */
    public byte[] encode() {
        byte[] bytes = new byte[encodedLength()];
        writeTo(ByteBuffer.wrap(bytes));
        return bytes;
    }
}
