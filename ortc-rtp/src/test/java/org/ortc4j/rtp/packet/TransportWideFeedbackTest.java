package org.ortc4j.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.rtp.packet.TransportWideFeedback.PacketStatus;

class TransportWideFeedbackTest {

    static TransportWideFeedback parse(String hex) throws RtpParseException {
        List<RtcpPacket> packets = RtcpCompoundPacket.parse(Hex.buffer(Hex.clean(hex))).packets();
        assertThat(packets).hasSize(1);
        return (TransportWideFeedback) packets.get(0);
    }

    /** The packet chunks of an encoded feedback (after the 20 bytes of header and fixed fields). */
    static String chunks(TransportWideFeedback feedback, int count) {
        return Hex.of(ByteBuffer.wrap(feedback.encode(), 20, 2 * count));
    }

    @Test
    void parsesLibwebrtcFeedbackFromPionTests() throws RtpParseException {
        // Pion rtcp transport_layer_cc_test.go "example1", sender 0xfa17fa17 as libwebrtc sends it:
        // base 153, one packet, reference time 0x3de802, feedback count 23, run-length chunk of one
        // small delta (0x2001), delta 0x94 = 148 * 250 µs = 37 ms, then RFC 3550 padding of 1 byte.
        String bytes = "afcd0005 fa17fa17 4303 2fa0 0099 0001 3de802 17 2001 94 01";
        TransportWideFeedback feedback = parse(bytes);

        assertThat(feedback.senderSsrc()).isEqualTo(0xfa17fa17);
        assertThat(feedback.mediaSsrc()).isEqualTo(0x43032fa0);
        assertThat(feedback.baseSequenceNumber()).isEqualTo(153);
        assertThat(feedback.referenceTime()).isEqualTo(0x3de802);
        assertThat(feedback.referenceTimeMicros()).isEqualTo(0x3de802 * 64_000L);
        assertThat(feedback.feedbackPacketCount()).isEqualTo(23);
        assertThat(feedback.packets()).containsExactly(new PacketStatus(153, true, 148));
        // Written back as libwebrtc writes it: the same bytes, padding bit included.
        assertThat(Hex.of(feedback.encode())).isEqualTo(Hex.clean(bytes));
    }

    @Test
    void parsesRunLengthChunksOfLargeAndSmallDeltas() throws RtpParseException {
        // Pion rtcp "example3" with the padding bit cleared (its padding count is 0, which libwebrtc
        // and this parser reject): two large deltas (0x4002), four small ones (0x2004).
        TransportWideFeedback feedback = parse("8fcd0007 fa17fa17 193dd8bb 0174 0006 45b15a 40 4002 2004"
                + " 1ffe 1f9a d0 00 d0 00");
        assertThat(feedback.packets()).containsExactly(
                new PacketStatus(372, true, 8190), new PacketStatus(373, true, 8090), new PacketStatus(374, true, 208),
                new PacketStatus(375, true, 0), new PacketStatus(376, true, 208), new PacketStatus(377, true, 0));
        // libwebrtc packs six symbols 2 2 1 1 1 1 into one two-bit status vector: 11 10 10 01 01 01 01 00.
        assertThat(chunks(feedback, 1)).isEqualTo("e954");
        assertThat(RtcpCompoundPacket.parse(ByteBuffer.wrap(feedback.encode())).packets()).containsExactly(feedback);
    }

    @Test
    void readsAndWritesTheDraftsOneBitStatusVectorExample() throws RtpParseException {
        // draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.4 example: 0x9F1C, 1-bit symbols
        // 0 1 1 1 1 1 0 0 0 1 1 1 0 0.
        boolean[] received = {false, true, true, true, true, true, false, false, false, true, true, true, false, false};
        TransportWideFeedback.Builder builder = TransportWideFeedback.builder(1, 2, 100, -1, 255);
        for (boolean r : received) {
            if (r) {
                builder.addReceived(4);
            } else {
                builder.addNotReceived();
            }
        }
        TransportWideFeedback feedback = builder.build();
        assertThat(chunks(feedback, 1)).isEqualTo("9f1c");
        byte[] encoded = feedback.encode();
        // 20 + 2 chunk bytes + 8 deltas = 30, padded to 32 with the padding bit and a count of 2.
        assertThat(encoded).hasSize(32);
        assertThat(encoded[0]).isEqualTo((byte) 0xaf);
        assertThat(encoded[31]).isEqualTo((byte) 2);
        TransportWideFeedback again = parse(Hex.of(encoded));
        assertThat(again).isEqualTo(feedback);
        assertThat(again.referenceTime()).isEqualTo(-1);
        assertThat(again.packets()).extracting(PacketStatus::received).containsExactly(
                false, true, true, true, true, true, false, false, false, true, true, true, false, false);
    }

    @Test
    void choosesRunLengthChunksForLongRunsAsLibwebrtc() {
        // draft §3.1.3 example 1: 221 packets not received is run-length chunk 0x00DD.
        TransportWideFeedback.Builder builder = TransportWideFeedback.builder(1, 2, 0, 0, 0);
        for (int i = 0; i < 221; i++) {
            builder.addNotReceived();
        }
        builder.addReceived(1);
        assertThat(chunks(builder.build(), 2)).isEqualTo("00dd2001");

        // A run longer than 13 bits splits: 8191 (0x3fff with symbol 1) then 1.
        TransportWideFeedback.Builder longRun = TransportWideFeedback.builder(1, 2, 0, 0, 0);
        for (int i = 0; i < 8192; i++) {
            longRun.addReceived(1);
        }
        assertThat(chunks(longRun.build(), 2)).isEqualTo("3fff2001");
    }

    @Test
    void switchesToTwoBitVectorsWhenALargeDeltaComes() {
        // Symbols 1 0 1 0 1 0 1 0 then 2: eight symbols no longer fit a 2-bit vector, and a large
        // delta does not fit a 1-bit one, so the first 7 go out as a 2-bit vector (libwebrtc Emit).
        TransportWideFeedback.Builder builder = TransportWideFeedback.builder(1, 2, 0, 0, 0);
        for (int i = 0; i < 4; i++) {
            builder.addReceived(1).addNotReceived();
        }
        builder.addReceived(-1);
        // 01 00 01 00 01 00 01 -> 0xc000 | 0x1111 = d111; then 00 10 as a 2-bit vector: 0xc000 | 0x0800.
        assertThat(chunks(builder.build(), 2)).isEqualTo("d111c800");
    }

    @Test
    void visitsPacketsWithWrappingSequenceNumbers() {
        TransportWideFeedback feedback = TransportWideFeedback.builder(1, 2, 65535, 0, 0)
                .addReceived(300).addNotReceived().addReceived(-300).build();
        assertThat(feedback.packets()).containsExactly(
                new PacketStatus(65535, true, 300), new PacketStatus(0, false, 0), new PacketStatus(1, true, -300));
        assertThat(feedback.receivedCount()).isEqualTo(2);
        assertThat(feedback.packetStatusCount()).isEqualTo(3);
    }

    @Test
    void builderRejectsWhatTheWireCannotCarry() {
        assertThatThrownBy(() -> TransportWideFeedback.builder(1, 2, 0, 0, 0).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TransportWideFeedback.builder(1, 2, 0, 0, 0).addReceived(40_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransportWideFeedback.builder(1, 2, 0, 1 << 23, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
