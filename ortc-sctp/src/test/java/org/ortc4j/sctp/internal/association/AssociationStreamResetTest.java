package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ortc4j.sctp.internal.control.PrPolicy;

/**
 * RFC 6525 Outgoing SSN Reset Request through two associations (how RFC 8831 §6.7 closes a data
 * channel), and I-DATA (RFC 8260) negotiated and used end to end.
 */
class AssociationStreamResetTest {

    private static MemoryLink established(AssociationConfig config, long seed) {
        MemoryLink link = new MemoryLink(config, config, Duration.ofMillis(20), seed);
        link.connectBoth();
        link.run(Duration.ofSeconds(1));
        assertThat(link.a.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.b.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        return link;
    }

    private static void send(MemoryLink.Endpoint e, int stream, int value) {
        assertThat(e.association.send(stream, 51, new byte[] {(byte) value, 0, 0, 0, 0}, false, PrPolicy.RELIABLE))
                .isTrue();
    }

    @Test
    void resetComesAfterTheQueuedDataAndTheStreamStartsAgainAtZero() {
        MemoryLink link = established(AssociationConfig.builder().build(), 21);
        for (int i = 0; i < 5; i++) {
            send(link.a, 1, i);
        }
        link.a.association.resetOutgoingStreams(new int[] {1});
        // Sent after the reset request: it waits for the new numbering.
        send(link.a, 1, 100);
        link.run(Duration.ofSeconds(2));

        assertThat(link.a.listener.outgoingResets).singleElement().satisfies(s -> assertThat(s).containsExactly(1));
        assertThat(link.b.listener.incomingResets).singleElement().satisfies(s -> assertThat(s).containsExactly(1));
        // All five old messages first, then the one taking SSN 0 again, accepted by the peer.
        assertThat(link.b.listener.messages).extracting(m -> (int) m.payload()[0]).containsExactly(0, 1, 2, 3, 4, 100);
        send(link.a, 1, 101);
        link.run(Duration.ofSeconds(1));
        assertThat(link.b.listener.messages).hasSize(7);
        assertThat(link.a.association.bufferedBytes()).isZero();
    }

    @Test
    void bothSidesResetTheirOutgoingStreamsLikeAClosingDataChannel() {
        MemoryLink link = established(AssociationConfig.builder().build(), 22);
        send(link.a, 2, 1);
        send(link.b, 2, 2);
        link.run(Duration.ofSeconds(1));
        link.a.association.resetOutgoingStreams(new int[] {2});
        link.b.association.resetOutgoingStreams(new int[] {2});
        link.run(Duration.ofSeconds(2));
        assertThat(link.a.listener.outgoingResets).hasSize(1);
        assertThat(link.a.listener.incomingResets).hasSize(1);
        assertThat(link.b.listener.outgoingResets).hasSize(1);
        assertThat(link.b.listener.incomingResets).hasSize(1);
        // The stream is reused by a new channel: SSN 0 both ways.
        send(link.a, 2, 3);
        send(link.b, 2, 4);
        link.run(Duration.ofSeconds(1));
        assertThat(link.b.listener.messages).extracting(m -> (int) m.payload()[0]).containsExactly(1, 3);
        assertThat(link.a.listener.messages).extracting(m -> (int) m.payload()[0]).containsExactly(2, 4);
    }

    @Test
    void resetSurvivesLoss() {
        MemoryLink link = established(AssociationConfig.builder().build(), 23);
        link.loss = 0.2;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 4; i++) {
                send(link.a, 3, round * 10 + i);
            }
            link.a.association.resetOutgoingStreams(new int[] {3});
        }
        link.run(Duration.ofMinutes(2));
        link.loss = 0;
        link.run(Duration.ofSeconds(30));
        assertThat(link.b.listener.messages).extracting(m -> (int) m.payload()[0]).containsExactly(
                0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33, 40, 41, 42, 43);
        assertThat(link.a.listener.outgoingResets).isNotEmpty();
        assertThat(link.a.listener.closed).isEmpty();
    }

    @Test
    void resetNeedsAnEstablishedAssociation() {
        MemoryLink link = new MemoryLink(AssociationConfig.builder().build(), AssociationConfig.builder().build(),
                Duration.ofMillis(20), 24);
        assertThatThrownBy(() -> link.a.association.resetOutgoingStreams(new int[] {1}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void interleavingIsNegotiatedOnlyWhenBothSidesOfferIt() {
        AssociationConfig idata = AssociationConfig.builder().interleaving(true).build();
        MemoryLink one = new MemoryLink(idata, AssociationConfig.builder().build(), Duration.ofMillis(20), 25);
        one.connectBoth();
        one.run(Duration.ofSeconds(1));
        assertThat(one.a.association.interleaving()).isFalse();
        assertThat(one.b.association.interleaving()).isFalse();
        AssociationHandshakeTest.exchangeOneMessageEachWay(one);

        MemoryLink both = established(idata, 26);
        assertThat(both.a.association.interleaving()).isTrue();
        assertThat(both.b.association.interleaving()).isTrue();
        both.record = true;
        AssociationHandshakeTest.exchangeOneMessageEachWay(both);
        // I-DATA chunks (type 64) on the wire, no DATA.
        assertThat(both.fromA).anySatisfy(p -> assertThat(p[12]).isEqualTo((byte) 64));
        assertThat(both.fromA).noneSatisfy(p -> assertThat(p[12]).isEqualTo((byte) 0));
    }

    @Test
    void interleavedDataArrivesIntactUnderLossAndResetsWork() {
        MemoryLink link = established(AssociationConfig.builder().interleaving(true).build(), 27);
        link.loss = 0.05;
        TrafficCheck traffic = new TrafficCheck(3, 80, TrafficCheck.SIZES);
        traffic.pump(link.a.association);
        assertThat(link.runUntil(() -> {
            traffic.pump(link.a.association);
            return link.b.listener.messages.size() == traffic.count();
        }, Duration.ofMinutes(10))).isTrue();
        traffic.check(link.b.listener.messages, true);
        link.loss = 0;
        link.a.association.resetOutgoingStreams(new int[] {0, 1});
        link.run(Duration.ofSeconds(2));
        assertThat(link.b.listener.incomingResets).singleElement().satisfies(s -> assertThat(s).containsExactly(0, 1));
    }

    @Test
    void interleavedPartialReliabilitySkipsWithIForwardTsn() {
        MemoryLink link = established(AssociationConfig.builder().interleaving(true).build(), 28);
        link.record = true;
        link.loss = 0.3;
        TrafficCheck traffic = new TrafficCheck(2, 200, new int[] {10, 3000, 5000});
        traffic.pump(link.a.association, PrPolicy.maxRetransmits(0));
        link.run(Duration.ofSeconds(30));
        link.loss = 0;
        link.a.association.send(0, 51, new byte[] {9, 9, 9, 9}, false, PrPolicy.RELIABLE);
        link.a.association.send(1, 51, new byte[] {9, 9, 9, 9}, false, PrPolicy.RELIABLE);
        link.run(Duration.ofSeconds(30));
        var got = link.b.listener.messages;
        var last = got.stream().filter(m -> m.payload().length == 4 && m.payload()[0] == 9).toList();
        traffic.check(got.stream().filter(m -> !last.contains(m)).toList(), false);
        // The reliable messages sent after the lossy ones arrive on both streams: nothing stalls.
        assertThat(last).extracting(RecordingListener.Message::streamId).containsExactlyInAnyOrder(0, 1);
        // I-FORWARD-TSN is chunk type 194.
        assertThat(link.fromA).anySatisfy(p -> assertThat(AssociationLifecycleTest.containsChunk(p, 194)).isTrue());
        // Nothing of the abandoned messages, ordered or unordered, stays held at the receiver.
        assertThat(link.b.association.stats().localRwnd()).isEqualTo(AssociationConfig.builder().build().receiveWindow());
    }
}
