package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An RTCP packet of a type, or a feedback message of a format, this package does not model: kept
 * as bytes so that it survives a round trip, and skipped by receivers (RFC 3550 §6.1: "a receiver
 * ... should ignore packets of unknown types").
 *
 * @param packetType the packet type
 * @param count the 5-bit count field (RC, SC, FMT or subtype)
 * @param padding whether the padding bit is set; if so the body ends with the padding
 * @param body everything after the 4-byte header, padding included; whole 32-bit words
 */
public record UnknownRtcpPacket(int packetType, int count, boolean padding, byte[] body) implements RtcpPacket {

    /** @throws IllegalArgumentException if a field does not fit */
    public UnknownRtcpPacket {
        if (packetType < 0 || packetType > 255 || count < 0 || count > 31) {
            throw new IllegalArgumentException("packet type is 8 bits and count 5 bits");
        }
        if (body.length % 4 != 0 || body.length > 4 * 0xFFFF) {
            throw new IllegalArgumentException("an RTCP body is whole 32-bit words, up to 65535 of them");
        }
        if (padding && (body.length == 0 || (body[body.length - 1] & 0xFF) == 0
                || (body[body.length - 1] & 0xFF) > body.length)) {
            throw new IllegalArgumentException("the body must end with a valid padding count");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + body.length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpHeader.write(out, padding, count, packetType, encodedLength());
        out.put(body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownRtcpPacket u && packetType == u.packetType && count == u.count
                && padding == u.padding && Arrays.equals(body, u.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packetType, count, padding) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownRtcpPacket[pt=" + packetType + ", count=" + count + ", padding=" + padding + ", body="
                + body.length + " bytes]";
    }
}
