package org.ortc4j.dtls.internal;

import io.netty.buffer.ByteBuf;

/**
 * Classifies a datagram by its first byte as RFC 7983 §7 lays out ("The process for
 * demultiplexing a packet is as follows. The receiver looks at the first byte of the packet"):
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--&gt; forward to STUN
 *                  |                |
 *                  |      [16..19] -+--&gt; forward to ZRTP
 *                  |                |
 *      packet --&gt;  |      [20..63] -+--&gt; forward to DTLS
 *                  |                |
 *                  |      [64..79] -+--&gt; forward to TURN Channel
 *                  |                |
 *                  |    [128..191] -+--&gt; forward to RTP/RTCP
 *                  +----------------+
 * </pre>
 * Stateless; never throws for any input.
 */
public final class PacketDemultiplexer {

    private PacketDemultiplexer() {
    }

    /** The kind of a datagram whose first byte is {@code firstByte} (only its low 8 bits count). */
    public static PacketKind classify(int firstByte) {
        int b = firstByte & 0xFF;
        if (b <= 3) {
            return PacketKind.STUN;
        }
        if (b >= 16 && b <= 19) {
            return PacketKind.ZRTP;
        }
        if (b >= 20 && b <= 63) {
            return PacketKind.DTLS;
        }
        if (b >= 64 && b <= 79) {
            return PacketKind.TURN_CHANNEL;
        }
        if (b >= 128 && b <= 191) {
            return PacketKind.RTP_RTCP;
        }
        return PacketKind.OTHER;
    }

    /**
     * The kind of the readable bytes of {@code datagram}, without moving its indexes; an empty
     * (or {@code null}) datagram is {@link PacketKind#OTHER}.
     */
    public static PacketKind classify(ByteBuf datagram) {
        if (datagram == null || !datagram.isReadable()) {
            return PacketKind.OTHER;
        }
        return classify(datagram.getUnsignedByte(datagram.readerIndex()));
    }
}
