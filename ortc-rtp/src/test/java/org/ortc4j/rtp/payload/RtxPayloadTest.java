package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RtxPayloadTest {

    @Test
    void osnPrecedesTheOriginalPayload() throws RtpPayloadException {
        // RFC 4588 §4: the first two octets of the RTX payload are the OSN, in network byte order.
        byte[] rtx = RtxPayload.build(0xBEEF, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(rtx).containsExactly(0xBE, 0xEF, 1, 2, 3);
        assertThat(RtxPayload.originalSequenceNumber(ByteBuffer.wrap(rtx))).isEqualTo(0xBEEF);
        ByteBuffer original = RtxPayload.originalPayload(ByteBuffer.wrap(rtx));
        assertThat(original.remaining()).isEqualTo(3);
        assertThat(original.get(0)).isEqualTo((byte) 1);
    }

    @Test
    void stripsFromABufferAtAnOffsetWithoutCopying() throws RtpPayloadException {
        byte[] packet = {9, 9, 0x00, 0x07, 42, 43, 9};
        ByteBuffer rtx = ByteBuffer.wrap(packet, 2, 4);
        assertThat(RtxPayload.originalSequenceNumber(rtx)).isEqualTo(7);
        ByteBuffer original = RtxPayload.originalPayload(rtx);
        assertThat(original.remaining()).isEqualTo(2);
        packet[4] = 44;
        assertThat(original.get(0)).isEqualTo((byte) 44);
        assertThat(rtx.position()).isEqualTo(2);
    }

    @Test
    void emptyOriginalPayloadIsJustTheOsn() throws RtpPayloadException {
        byte[] rtx = RtxPayload.build(0, ByteBuffer.allocate(0));
        assertThat(rtx).hasSize(2);
        assertThat(RtxPayload.originalPayload(ByteBuffer.wrap(rtx)).remaining()).isZero();
    }

    @Test
    void rejectsPayloadsShorterThanTheOsn() {
        assertThatThrownBy(() -> RtxPayload.originalSequenceNumber(ByteBuffer.wrap(new byte[1])))
                .isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> RtxPayload.originalPayload(ByteBuffer.allocate(0)))
                .isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> RtxPayload.build(0x10000, ByteBuffer.allocate(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
