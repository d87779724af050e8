package org.ortc4j.rtp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpPacketBuilder;

class RtpWireFormatTest {

    private static byte[] written(RtpPacket packet) {
        ByteBuffer out = ByteBuffer.allocate(packet.size() + 7);
        out.position(3);
        RtpWireFormat.write(packet, out);
        assertThat(out.position()).isEqualTo(3 + packet.size());
        byte[] bytes = new byte[packet.size()];
        out.get(3, bytes);
        return bytes;
    }

    @Test
    void writesTheBytesTheBuilderWouldForEveryHeaderShape() {
        RtpPacketBuilder[] shapes = {
            RtpPacket.builder().payloadType(0).sequenceNumber(0).timestamp(0).ssrc(0),
            RtpPacket.builder().marker(true).payloadType(127).sequenceNumber(65_535).timestamp(0xFFFF_FFFFL)
                    .ssrc(-1).addCsrc(1).addCsrc(-2).payload(new byte[] {1, 2, 3}),
            RtpPacket.builder().payloadType(96).sequenceNumber(7).timestamp(9).ssrc(5)
                    .extensionProfile(RtpPacket.ONE_BYTE_PROFILE).addExtension(1, new byte[] {'a', 'b'})
                    .addExtension(14, new byte[] {9}).payload(new byte[] {4}).paddingLength(5),
            RtpPacket.builder().payloadType(100).sequenceNumber(1).timestamp(2).ssrc(3)
                    .extensionProfile(RtpPacket.TWO_BYTE_PROFILE | 3).addExtension(200, new byte[0])
                    .addExtension(2, new byte[20]),
            RtpPacket.builder().payloadType(100).sequenceNumber(1).timestamp(2).ssrc(3)
                    .opaqueExtension(0x1234, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).payload(new byte[1000]),
        };
        for (RtpPacketBuilder shape : shapes) {
            byte[] expected = shape.toByteArray();
            assertThat(written(shape.build())).containsExactly(expected);
        }
    }

    @Test
    void refusesABufferWithoutRoom() {
        RtpPacket packet = RtpPacket.builder().payloadType(1).sequenceNumber(1).timestamp(1).ssrc(1)
                .payload(new byte[10]).build();
        assertThatThrownBy(() -> RtpWireFormat.write(packet, ByteBuffer.allocate(packet.size() - 1)))
                .isInstanceOf(BufferOverflowException.class);
    }

    @Test
    void rtcpIsTheSecondByteRange192To223WithRtcpMux() {
        // RFC 5761 §4: RTCP packet types 192..223 (SR 200, RR 201, RTPFB 205, PSFB 206).
        assertThat(RtpWireFormat.isRtcp(200)).isTrue();
        assertThat(RtpWireFormat.isRtcp(192)).isTrue();
        assertThat(RtpWireFormat.isRtcp((byte) 223)).isTrue();
        // RTP payload type 96 with and without the marker bit, and the range edges.
        assertThat(RtpWireFormat.isRtcp(96)).isFalse();
        assertThat(RtpWireFormat.isRtcp((byte) (0x80 | 96))).isFalse();
        assertThat(RtpWireFormat.isRtcp(191)).isFalse();
        assertThat(RtpWireFormat.isRtcp(224)).isFalse();
    }
}
