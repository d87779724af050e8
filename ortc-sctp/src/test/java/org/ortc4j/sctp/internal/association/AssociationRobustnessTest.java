package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ortc4j.sctp.internal.control.PrPolicy;
import org.ortc4j.sctp.internal.packet.AbortChunk;
import org.ortc4j.sctp.internal.packet.DataChunk;
import org.ortc4j.sctp.internal.packet.ErrorCause;
import org.ortc4j.sctp.internal.packet.ErrorChunk;
import org.ortc4j.sctp.internal.packet.ForwardTsnSupportedParameter;
import org.ortc4j.sctp.internal.packet.HeartbeatAckChunk;
import org.ortc4j.sctp.internal.packet.HeartbeatChunk;
import org.ortc4j.sctp.internal.packet.IDataChunk;
import org.ortc4j.sctp.internal.packet.InitChunk;
import org.ortc4j.sctp.internal.packet.SackChunk;
import org.ortc4j.sctp.internal.packet.UnknownChunk;
import org.ortc4j.sctp.internal.packet.UnknownParameter;

/**
 * What a broken or hostile peer gets (RFC 9260 §3.2, §6.2, §6.5, §6.8, §8.4, §8.5): bad packets
 * are dropped and counted, lies and floods are answered with ABORT, and the association never
 * throws or holds unbounded memory.
 */
class AssociationRobustnessTest {

    private static final AssociationConfig CONFIG = AssociationConfig.builder().build();

    @Test
    void badChecksumWrongTagTruncatedAndMalformedPacketsAreDroppedAndCounted() {
        RawPeer peer = new RawPeer(CONFIG).handshake();
        byte[] good = peer.packet(peer.data(0, 0, true, true, new byte[] {1, 2, 3}));

        byte[] badCrc = good.clone();
        badCrc[20] ^= 0x40;
        peer.sendBytes(badCrc);
        assertThat(peer.target.stats().droppedBadChecksum()).isEqualTo(1);

        peer.sendWithTag(peer.peerTag + 1, new HeartbeatChunk(ByteBuffer.wrap(new byte[] {1})));
        assertThat(peer.target.stats().droppedBadVerificationTag()).isEqualTo(1);

        peer.sendBytes(Arrays.copyOf(good, 7));
        byte[] badLength = peer.packet(new HeartbeatChunk(ByteBuffer.wrap(new byte[] {1, 2, 3, 4})));
        badLength[14] = 0x7F; // chunk length beyond the packet
        fixChecksum(badLength);
        peer.sendBytes(badLength);
        assertThat(peer.target.stats().droppedMalformed()).isEqualTo(2);

        // INIT must travel alone (§6.10) and with tag 0 (§8.5.1).
        peer.sendWithTag(peer.peerTag, new InitChunk(5, 1500, 1, 1, 1, List.of()));
        assertThat(peer.target.stats().droppedBadVerificationTag()).isEqualTo(2);

        // Nothing of this reached the user; the real packet still does.
        assertThat(peer.listener.messages).isEmpty();
        peer.sendBytes(good);
        assertThat(peer.listener.messages).hasSize(1);
        assertThat(peer.target.state()).isEqualTo(AssociationState.ESTABLISHED);
    }

    @Test
    void randomGarbageNeverThrows() {
        RawPeer peer = new RawPeer(CONFIG).handshake();
        Random random = new Random(42);
        byte[] good = peer.packet(peer.data(0, 0, true, true, new byte[100]));
        for (int i = 0; i < 5000; i++) {
            byte[] p = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                p[12 + random.nextInt(p.length - 12)] = (byte) random.nextInt();
            }
            if (random.nextBoolean()) {
                p = Arrays.copyOf(p, 12 + random.nextInt(p.length - 12));
            }
            fixChecksum(p);
            peer.sendBytes(p);
        }
        assertThat(peer.target.stats().packetsReceived()).isGreaterThanOrEqualTo(5000);
    }

    @Test
    void dataOnAStreamBeyondTheNegotiatedCountIsAcknowledgedAndReported() {
        RawPeer peer = new RawPeer(AssociationConfig.builder().inboundStreams(10).build()).handshake();
        int tsn = peer.nextTsn;
        peer.send(peer.data(10, 0, true, true, new byte[] {1}));
        peer.scheduler.advance(Duration.ofSeconds(1));
        // §6.5: "acknowledge ... immediately send an ERROR chunk with cause set to Invalid Stream
        // Identifier ... and discard the DATA chunk."
        assertThat(peer.chunks(ErrorChunk.class)).anySatisfy(e ->
                assertThat(e.errorCauses().get(0).code()).isEqualTo(ErrorCause.INVALID_STREAM_IDENTIFIER));
        assertThat(peer.chunks(SackChunk.class)).anySatisfy(s -> assertThat(s.cumulativeTsnAck()).isEqualTo(tsn));
        assertThat(peer.listener.messages).isEmpty();
        assertThat(peer.target.state()).isEqualTo(AssociationState.ESTABLISHED);
    }

    @Test
    void aPeerFloodingTheReassemblyBufferIsAborted() {
        RawPeer peer = new RawPeer(AssociationConfig.builder().maxReassemblyMessages(100).build()).handshake();
        // Beginnings of messages that never end, each its own SSN: reassembly must hold them.
        for (int i = 0; i < 150 && peer.target.state() == AssociationState.ESTABLISHED; i++) {
            peer.send(peer.data(1, i, true, false, new byte[] {1}));
        }
        assertThat(peer.target.state()).isEqualTo(AssociationState.CLOSED);
        assertThat(peer.listener.closed).singleElement().asString().contains("reassembly");
        AbortChunk abort = (AbortChunk) peer.lastChunk();
        assertThat(abort.errorCauses().get(0).code()).isEqualTo(ErrorCause.PROTOCOL_VIOLATION);
    }

    @Test
    void aSackForDataNeverSentIsAProtocolViolation() {
        RawPeer peer = new RawPeer(CONFIG).handshake();
        peer.target.send(0, 51, new byte[] {1}, false, PrPolicy.RELIABLE);
        DataChunk sent = peer.chunks(DataChunk.class).get(0);
        peer.send(new SackChunk(sent.tsn() + 5, 1 << 20, List.of(), List.of()));
        assertThat(peer.target.state()).isEqualTo(AssociationState.CLOSED);
        assertThat(((AbortChunk) peer.lastChunk()).errorCauses().get(0).code()).isEqualTo(ErrorCause.PROTOCOL_VIOLATION);
    }

    @Test
    void emptyDataChunkIsAnsweredWithNoUserDataAbort() {
        RawPeer peer = new RawPeer(CONFIG).handshake();
        peer.send(peer.data(0, 0, true, true, new byte[0]));
        assertThat(peer.target.state()).isEqualTo(AssociationState.CLOSED);
        assertThat(((AbortChunk) peer.lastChunk()).errorCauses().get(0).code()).isEqualTo(ErrorCause.NO_USER_DATA);
    }

    @Test
    void iDataWithoutNegotiationIsAborted() {
        RawPeer peer = new RawPeer(CONFIG).handshake();
        peer.send(new IDataChunk(false, false, true, true, peer.nextTsn++, 0, 0, 51, ByteBuffer.wrap(new byte[] {1})));
        assertThat(peer.target.state()).isEqualTo(AssociationState.CLOSED);
    }

    @Test
    void unknownChunksFollowTheirHighBits() {
        RawPeer peer = new RawPeer(CONFIG).handshake();
        int before = peer.received.size();
        // 0x3F: high bits 00, stop and discard silently: the HEARTBEAT after it is not processed.
        peer.send(new UnknownChunk(0x3F, 0, ByteBuffer.allocate(4)), new HeartbeatChunk(ByteBuffer.wrap(new byte[] {1})));
        assertThat(peer.received).hasSize(before);
        // 0x7F: 01, stop and report.
        peer.send(new UnknownChunk(0x7F, 0, ByteBuffer.allocate(4)), new HeartbeatChunk(ByteBuffer.wrap(new byte[] {2})));
        assertThat(peer.chunks(ErrorChunk.class)).last().satisfies(e ->
                assertThat(e.errorCauses().get(0).code()).isEqualTo(ErrorCause.UNRECOGNIZED_CHUNK_TYPE));
        assertThat(peer.chunks(HeartbeatAckChunk.class)).isEmpty();
        // 0xBF: 10, skip and go on: the HEARTBEAT is answered.
        peer.send(new UnknownChunk(0xBF, 0, ByteBuffer.allocate(4)), new HeartbeatChunk(ByteBuffer.wrap(new byte[] {3})));
        assertThat(peer.chunks(HeartbeatAckChunk.class)).hasSize(1);
        // 0xFF: 11, skip, report, go on.
        int errors = peer.chunks(ErrorChunk.class).size();
        peer.send(new UnknownChunk(0xFF, 0, ByteBuffer.allocate(4)), new HeartbeatChunk(ByteBuffer.wrap(new byte[] {4})));
        assertThat(peer.chunks(ErrorChunk.class)).hasSize(errors + 1);
        assertThat(peer.chunks(HeartbeatAckChunk.class)).hasSize(2);
    }

    @Test
    void unrecognizedInitParametersAreReportedInTheInitAck() {
        RawPeer peer = new RawPeer(CONFIG).handshake(List.of(new ForwardTsnSupportedParameter(),
                new UnknownParameter(0xC123, ByteBuffer.wrap(new byte[] {1, 2, 3})),
                new UnknownParameter(0x8124, ByteBuffer.wrap(new byte[] {4}))));
        // §3.2.1: 11 skip and report, 10 skip silently.
        List<UnknownParameter> reported = peer.initAck.parameters().stream()
                .filter(p -> p instanceof UnknownParameter u && u.type() == 8).map(p -> (UnknownParameter) p).toList();
        assertThat(reported).hasSize(1);
        ByteBuffer v = reported.get(0).value();
        assertThat(Short.toUnsignedInt(v.getShort(0))).isEqualTo(0xC123);
    }

    @Test
    void outOfTheBluePacketsGetAnAbortWithTheTagReflected() {
        RawPeer peer = new RawPeer(CONFIG);
        peer.peerTag = 0x12345678;
        peer.send(peer.data(0, 0, true, true, new byte[] {1}));
        assertThat(peer.target.stats().droppedOutOfTheBlue()).isEqualTo(1);
        assertThat(peer.received.get(0).verificationTag()).isEqualTo(0x12345678);
        assertThat(((AbortChunk) peer.lastChunk()).tagReflected()).isTrue();
        assertThat(peer.target.state()).isEqualTo(AssociationState.CLOSED);
        // An ABORT for no association is dropped silently (§8.4 (2)).
        peer.send(new AbortChunk(false, List.of()));
        assertThat(peer.received).hasSize(1);
    }

    @Test
    void abortWithTheWrongTagIsIgnored() {
        RawPeer peer = new RawPeer(CONFIG).handshake();
        peer.sendWithTag(peer.peerTag ^ 1, new AbortChunk(false, List.of()));
        assertThat(peer.target.state()).isEqualTo(AssociationState.ESTABLISHED);
        // §8.5.1 B: with the T bit, the tag must be the receiver's own (the one it sends with).
        peer.sendWithTag(peer.peerTag, new AbortChunk(true, List.of()));
        assertThat(peer.target.state()).isEqualTo(AssociationState.ESTABLISHED);
        peer.sendWithTag(peer.myTag, new AbortChunk(true, List.of()));
        assertThat(peer.target.state()).isEqualTo(AssociationState.CLOSED);
        assertThat(peer.listener.closed).singleElement().asString().contains("peer aborted");
    }

    @Test
    void aSinkThatClosesTheAssociationStopsTransmissionAtOnce() {
        RawPeer peer = new RawPeer(CONFIG).handshake();
        int[] dataPackets = {0};
        peer.tap = p -> {
            if (p[12] == 0 && ++dataPackets[0] == 2) {
                peer.target.abort("the DTLS transport closed");
            }
        };
        int before = peer.received.size();
        // One message of four packets' worth, sent in one go (the initial cwnd allows it).
        peer.target.send(0, 51, new byte[4000], false, PrPolicy.RELIABLE);
        peer.scheduler.advance(Duration.ofSeconds(5));
        // Two DATA packets, then the ABORT, then nothing.
        assertThat(peer.received.subList(before, peer.received.size())).hasSize(3);
        assertThat(peer.lastChunk()).isInstanceOf(AbortChunk.class);
        assertThat(peer.listener.closed).containsExactly("the DTLS transport closed");
    }

    @Test
    void badApiCallsThrow() {
        RawPeer peer = new RawPeer(AssociationConfig.builder().outboundStreams(4).build());
        assertThatThrownBy(() -> peer.target.send(0, 51, new byte[] {1}, false, PrPolicy.RELIABLE))
                .isInstanceOf(IllegalStateException.class);
        peer.handshake();
        assertThatThrownBy(() -> peer.target.send(0, 51, new byte[0], false, PrPolicy.RELIABLE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> peer.target.send(4, 51, new byte[1], false, PrPolicy.RELIABLE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(peer.target.send(0, 51, new byte[(16 << 20) + 1], false, PrPolicy.RELIABLE)).isFalse();
    }

    private static void fixChecksum(byte[] p) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        p[8] = p[9] = p[10] = p[11] = 0;
        crc.update(p);
        int v = (int) crc.getValue();
        p[8] = (byte) v;
        p[9] = (byte) (v >>> 8);
        p[10] = (byte) (v >>> 16);
        p[11] = (byte) (v >>> 24);
    }
}
