package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.sctp.internal.packet.DataChunk;
import org.ortc4j.sctp.internal.packet.HeartbeatChunk;
import org.ortc4j.sctp.internal.packet.SctpPacket;

/** The signed state cookie (RFC 9260 §5.1.3, §5.1.5) and the packet writer (§3, §6.8). */
class StateCookieTest {

    private static final StateCookie COOKIE = new StateCookie(123_456_789L, 0x11111111, 0x22222222, 7, 8, 65536,
            10, 20, 0x33333333, 0x44444444, 5);

    @Test
    void aCookieWeSignedComesBackIntact() {
        StateCookie.Signer signer = new StateCookie.Signer(new SecureRandom());
        byte[] bytes = signer.sign(COOKIE);
        assertThat(bytes).hasSize(StateCookie.LENGTH);
        assertThat(signer.verify(ByteBuffer.wrap(bytes))).isEqualTo(COOKIE);
    }

    @Test
    void anyChangedBitOrAnotherKeyIsRejected() {
        StateCookie.Signer signer = new StateCookie.Signer(new SecureRandom());
        byte[] bytes = signer.sign(COOKIE);
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            assertThat(signer.verify(ByteBuffer.wrap(tampered))).as("bit flipped in byte %d", i).isNull();
        }
        assertThat(new StateCookie.Signer(new SecureRandom()).verify(ByteBuffer.wrap(bytes))).isNull();
        assertThat(signer.verify(ByteBuffer.wrap(bytes, 0, bytes.length - 1))).isNull();
    }

    @Test
    void packetBuilderWritesWhatTheCodecReads() throws Exception {
        PacketBuilder builder = new PacketBuilder(1200, 5000, 5001);
        builder.begin(0xCAFEBABE);
        builder.add(new HeartbeatChunk(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        builder.addData(0x03, 77, 4, 9, 51, new byte[] {10, 11, 12, 13, 14});
        ByteBuffer packet = builder.finish(false);
        SctpPacket decoded = SctpPacket.decode(packet, false);
        assertThat(decoded.sourcePort()).isEqualTo(5000);
        assertThat(decoded.destinationPort()).isEqualTo(5001);
        assertThat(decoded.verificationTag()).isEqualTo(0xCAFEBABE);
        assertThat(decoded.chunks()).hasSize(2);
        DataChunk data = (DataChunk) decoded.chunks().get(1);
        assertThat(data.tsn()).isEqualTo(77);
        assertThat(data.streamIdentifier()).isEqualTo(4);
        assertThat(data.streamSequenceNumber()).isEqualTo(9);
        assertThat(data.beginning()).isTrue();
        assertThat(data.ending()).isTrue();
        byte[] payload = new byte[5];
        data.userData().get(payload);
        assertThat(payload).containsExactly(10, 11, 12, 13, 14);
        // The same bytes as the codec's own encoder, checksum included.
        assertThat(toArray(packet)).isEqualTo(new SctpPacket(5000, 5001, 0xCAFEBABE,
                List.of(decoded.chunks().get(0), decoded.chunks().get(1))).encode());
        // Zero checksum (RFC 9653): the field stays 0 and only a receiver that accepts it reads it.
        builder.begin(1).addData(0x03, 1, 0, 0, 51, new byte[] {1});
        ByteBuffer zero = builder.finish(true);
        assertThat(zero.getInt(8)).isZero();
        assertThat(SctpPacket.decode(zero, true).chunks()).hasSize(1);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
