package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.sctp.internal.control.PrPolicy;

/**
 * Shutdown (RFC 9260 §9.2), ABORT (§9.1), peer restart (§5.2.4 A), heartbeats and path failure
 * (§8.1, §8.3), partial reliability (RFC 3758) and zero checksums (RFC 9653) between two
 * associations on the in-memory link.
 */
class AssociationLifecycleTest {

    private static final Duration DELAY = Duration.ofMillis(20);

    private static MemoryLink established(AssociationConfig a, AssociationConfig b) {
        MemoryLink link = new MemoryLink(a, b, DELAY, 7);
        link.connectBoth();
        link.run(Duration.ofSeconds(1));
        assertThat(link.a.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.b.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        return link;
    }

    private static MemoryLink established() {
        return established(AssociationConfig.builder().build(), AssociationConfig.builder().build());
    }

    @Test
    void shutdownDeliversQueuedDataThenClosesBothSidesGracefully() {
        for (boolean fromA : new boolean[] {true, false}) {
            MemoryLink link = established();
            MemoryLink.Endpoint closer = fromA ? link.a : link.b;
            TrafficCheck traffic = new TrafficCheck(2, 30, new int[] {10, 5000, 70000});
            traffic.pump(closer.association);
            closer.association.shutdown();
            assertThat(closer.association.state()).isEqualTo(AssociationState.SHUTDOWN_PENDING);
            link.run(Duration.ofSeconds(30));
            traffic.check(closer.peer().listener.messages, true);
            assertThat(link.a.association.state()).isEqualTo(AssociationState.CLOSED);
            assertThat(link.b.association.state()).isEqualTo(AssociationState.CLOSED);
            assertThat(link.a.listener.closedGracefully()).as("A closed: %s", link.a.listener.closed).isTrue();
            assertThat(link.b.listener.closedGracefully()).as("B closed: %s", link.b.listener.closed).isTrue();
        }
    }

    @Test
    void sendIsRefusedWhileShuttingDown() {
        MemoryLink link = established();
        link.a.association.shutdown();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> link.a.association.send(0, 51, new byte[1], false, PrPolicy.RELIABLE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void simultaneousShutdownCloses() {
        MemoryLink link = established();
        link.a.association.shutdown();
        link.b.association.shutdown();
        link.run(Duration.ofSeconds(10));
        assertThat(link.a.listener.closedGracefully()).isTrue();
        assertThat(link.b.listener.closedGracefully()).isTrue();
    }

    @Test
    void abortClosesBothSidesWithTheReason() {
        for (boolean fromA : new boolean[] {true, false}) {
            MemoryLink link = established();
            MemoryLink.Endpoint aborter = fromA ? link.a : link.b;
            aborter.association.abort("user says bye");
            assertThat(aborter.association.state()).isEqualTo(AssociationState.CLOSED);
            assertThat(aborter.listener.closed).containsExactly("user says bye");
            link.run(Duration.ofSeconds(1));
            MemoryLink.Endpoint other = aborter.peer();
            assertThat(other.association.state()).isEqualTo(AssociationState.CLOSED);
            assertThat(other.listener.closed).singleElement().asString().contains("user says bye");
            // Closed is final: nothing more is reported.
            aborter.association.abort("again");
            assertThat(aborter.listener.closed).hasSize(1);
        }
    }

    @Test
    void peerRestartIsDetectedAndTheAssociationWorksAfterIt() {
        MemoryLink link = established();
        link.a.association.send(0, 51, new byte[] {1}, false, PrPolicy.RELIABLE);
        link.run(Duration.ofSeconds(1));
        // B's process restarts: a new association on the same ports connects again.
        link.b.replace(AssociationConfig.builder().build()).connect();
        link.run(Duration.ofSeconds(2));
        assertThat(link.a.listener.restarted).isEqualTo(1);
        assertThat(link.a.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.b.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.a.listener.closed).isEmpty();
        // Streams start afresh: SSN 0 again on stream 0, accepted by the new peer.
        AssociationHandshakeTest.exchangeOneMessageEachWay(link);
    }

    @Test
    void heartbeatsMeasureTheRoundTripOnAnIdleAssociation() {
        AssociationConfig config = AssociationConfig.builder().heartbeatInterval(Duration.ofSeconds(5)).build();
        MemoryLink link = established(config, config);
        link.record = true;
        link.run(Duration.ofSeconds(60));
        long heartbeats = link.fromA.stream().filter(p -> p[12] == 4).count();
        long acks = link.fromB.stream().filter(p -> p[12] == 5).count();
        assertThat(heartbeats).isBetween(5L, 12L);
        assertThat(acks).isEqualTo(heartbeats);
        assertThat(link.a.association.stats().srttNanos()).isBetween(Duration.ofMillis(39).toNanos(),
                Duration.ofMillis(41).toNanos());
        assertThat(link.a.listener.closed).isEmpty();
    }

    @Test
    void aDeadPathClosesTheAssociationAfterMaxRetransmissions() {
        AssociationConfig config = AssociationConfig.builder().heartbeatInterval(Duration.ofSeconds(1))
                .maxRetransmissions(4).build();
        MemoryLink link = established(config, config);
        link.down = true;
        // A has data outstanding (T3-rtx counts); B is idle (heartbeats count).
        link.a.association.send(0, 51, new byte[100], false, PrPolicy.RELIABLE);
        link.run(Duration.ofMinutes(5));
        assertThat(link.a.association.state()).isEqualTo(AssociationState.CLOSED);
        assertThat(link.b.association.state()).isEqualTo(AssociationState.CLOSED);
        assertThat(link.a.listener.closed).singleElement().asString().contains("retransmissions");
        assertThat(link.b.listener.closed).singleElement().asString().contains("heartbeat");
        // §8.1: the association fails when the counter exceeds Association.Max.Retrans.
        assertThat(link.a.association.stats().t3Expirations()).isEqualTo(5);
    }

    @Test
    void partialReliabilityDropsLostMessagesAndNeverStalls() {
        MemoryLink link = established();
        link.record = true;
        link.loss = 0.3;
        TrafficCheck traffic = new TrafficCheck(3, 300, new int[] {10, 200, 3000});
        traffic.pump(link.a.association, PrPolicy.maxRetransmits(0));
        link.run(Duration.ofSeconds(30));
        link.loss = 0;
        // A reliable message afterwards still arrives on every stream: nothing waits for the lost.
        for (int s = 0; s < 3; s++) {
            link.a.association.send(s, 51, new byte[] {9, 9, 9, (byte) s}, false, PrPolicy.RELIABLE);
        }
        link.run(Duration.ofSeconds(30));
        List<RecordingListener.Message> got = link.b.listener.messages;
        List<RecordingListener.Message> last = got.stream()
                .filter(m -> m.payload().length == 4 && m.payload()[0] == 9 && m.payload()[1] == 9).toList();
        List<RecordingListener.Message> numbered = got.stream().filter(m -> !last.contains(m)).toList();
        traffic.check(numbered, false);
        assertThat(numbered.size()).isLessThan(300).isGreaterThan(100);
        assertThat(last).extracting(RecordingListener.Message::streamId).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(link.a.association.bufferedBytes()).isZero();
        // RFC 3758 §3.5: FORWARD TSN chunks (type 192) told B to skip.
        assertThat(link.fromA).anySatisfy(p -> assertThat(containsChunk(p, 192)).isTrue());
    }

    @Test
    void lifetimeExpiredMessagesAreAbandoned() {
        MemoryLink link = established();
        link.down = true;
        for (int i = 0; i < 10; i++) {
            link.a.association.send(0, 51, new byte[] {(byte) i}, false, PrPolicy.lifetime(Duration.ofMillis(300)));
        }
        link.run(Duration.ofSeconds(2));
        link.down = false;
        link.a.association.send(0, 51, new byte[] {100}, false, PrPolicy.RELIABLE);
        link.run(Duration.ofSeconds(20));
        assertThat(link.b.listener.messages).extracting(m -> m.payload()[0]).containsExactly((byte) 100);
    }

    @Test
    void lifetimeCountsFromTheSendCallForMessagesStillQueued() {
        MemoryLink link = established();
        link.down = true;
        // A reliable 200 KB message fills the window; the short-lived ones wait behind it.
        link.a.association.send(0, 51, new byte[200_000], false, PrPolicy.RELIABLE);
        for (int i = 0; i < 5; i++) {
            link.a.association.send(1, 51, new byte[] {(byte) i}, false, PrPolicy.lifetime(Duration.ofMillis(200)));
        }
        link.run(Duration.ofSeconds(1));
        link.down = false;
        link.run(Duration.ofSeconds(60));
        assertThat(link.b.listener.messages).extracting(m -> m.payload().length).containsExactly(200_000);
        assertThat(link.a.association.bufferedBytes()).isZero();
        assertThat(link.a.listener.sentMessages).isEqualTo(6);
    }

    @Test
    void zeroChecksumIsUsedOnlyWhenBothSidesAdvertiseIt() {
        AssociationConfig zero = AssociationConfig.builder().zeroChecksumAcceptable(true).build();
        AssociationConfig plain = AssociationConfig.builder().build();
        MemoryLink both = new MemoryLink(zero, zero, DELAY, 8);
        both.record = true;
        both.connectBoth();
        both.run(Duration.ofSeconds(1));
        assertThat(both.a.association.zeroChecksum()).isTrue();
        assertThat(both.b.association.zeroChecksum()).isTrue();
        both.a.association.send(0, 51, new byte[] {1}, false, PrPolicy.RELIABLE);
        both.run(Duration.ofSeconds(1));
        assertThat(both.b.listener.messages).hasSize(1);
        // RFC 9653: INIT goes with a CRC32c; DATA with zero.
        assertThat(both.fromA).filteredOn(p -> p[12] == 1).allSatisfy(p -> assertThat(checksum(p)).isNotZero());
        assertThat(both.fromA).filteredOn(p -> p[12] == 0).isNotEmpty().allSatisfy(p -> assertThat(checksum(p)).isZero());

        MemoryLink one = new MemoryLink(zero, plain, DELAY, 9);
        one.record = true;
        one.connectBoth();
        one.run(Duration.ofSeconds(1));
        assertThat(one.a.association.zeroChecksum()).isFalse();
        assertThat(one.b.association.zeroChecksum()).isFalse();
        one.a.association.send(0, 51, new byte[] {1}, false, PrPolicy.RELIABLE);
        one.run(Duration.ofSeconds(1));
        assertThat(one.fromA).allSatisfy(p -> assertThat(checksum(p)).isNotZero());
        assertThat(one.b.listener.messages).hasSize(1);
    }

    static int checksum(byte[] p) {
        return (p[8] & 0xFF) | (p[9] & 0xFF) << 8 | (p[10] & 0xFF) << 16 | (p[11] & 0xFF) << 24;
    }

    static boolean containsChunk(byte[] p, int type) {
        int off = 12;
        while (off + 4 <= p.length) {
            int t = p[off] & 0xFF;
            int len = ((p[off + 2] & 0xFF) << 8) | (p[off + 3] & 0xFF);
            if (t == type) {
                return true;
            }
            if (len < 4) {
                return false;
            }
            off += (len + 3) & ~3;
        }
        return false;
    }
}
