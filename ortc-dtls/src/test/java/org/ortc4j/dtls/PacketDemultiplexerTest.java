package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.internal.PacketDemultiplexer;
import org.ortc4j.dtls.internal.PacketKind;

/** RFC 7983 §7: the first byte of a datagram says who gets it. */
class PacketDemultiplexerTest {

    @Test
    void everyFirstByteFallsInTheRangeRfc7983Gives() {
        for (int b = 0; b < 256; b++) {
            PacketKind expected;
            if (b <= 3) {
                expected = PacketKind.STUN;
            } else if (b >= 16 && b <= 19) {
                expected = PacketKind.ZRTP;
            } else if (b >= 20 && b <= 63) {
                expected = PacketKind.DTLS;
            } else if (b >= 64 && b <= 79) {
                expected = PacketKind.TURN_CHANNEL;
            } else if (b >= 128 && b <= 191) {
                expected = PacketKind.RTP_RTCP;
            } else {
                expected = PacketKind.OTHER;
            }
            assertThat(PacketDemultiplexer.classify(b)).as("first byte %d", b).isEqualTo(expected);
            assertThat(PacketDemultiplexer.classify((byte) b)).as("signed first byte %d", (byte) b).isEqualTo(expected);
        }
    }

    @Test
    void theBoundariesAreInclusive() {
        assertThat(PacketDemultiplexer.classify(3)).isEqualTo(PacketKind.STUN);
        assertThat(PacketDemultiplexer.classify(4)).isEqualTo(PacketKind.OTHER);
        assertThat(PacketDemultiplexer.classify(19)).isEqualTo(PacketKind.ZRTP);
        assertThat(PacketDemultiplexer.classify(20)).isEqualTo(PacketKind.DTLS);
        assertThat(PacketDemultiplexer.classify(63)).isEqualTo(PacketKind.DTLS);
        assertThat(PacketDemultiplexer.classify(64)).isEqualTo(PacketKind.TURN_CHANNEL);
        assertThat(PacketDemultiplexer.classify(79)).isEqualTo(PacketKind.TURN_CHANNEL);
        assertThat(PacketDemultiplexer.classify(127)).isEqualTo(PacketKind.OTHER);
        assertThat(PacketDemultiplexer.classify(128)).isEqualTo(PacketKind.RTP_RTCP);
        assertThat(PacketDemultiplexer.classify(191)).isEqualTo(PacketKind.RTP_RTCP);
        assertThat(PacketDemultiplexer.classify(192)).isEqualTo(PacketKind.OTHER);
    }

    @Test
    void aBufferIsClassifiedAtItsReaderIndexWithoutMovingIt() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {0, 22, (byte) 0xFE, (byte) 0xFD});
        buf.readerIndex(1);

        assertThat(PacketDemultiplexer.classify(buf)).isEqualTo(PacketKind.DTLS);
        assertThat(buf.readerIndex()).isEqualTo(1);
        assertThat(PacketDemultiplexer.classify(Unpooled.EMPTY_BUFFER)).isEqualTo(PacketKind.OTHER);
        assertThat(PacketDemultiplexer.classify((ByteBuf) null)).isEqualTo(PacketKind.OTHER);
    }
}
