package org.ortc4j.sctp.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;

class RetransmissionQueueTest {

    private static final int WHOLE = OutboundChunk.BEGINNING | OutboundChunk.ENDING;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RetransmissionQueue queue = new RetransmissionQueue(scheduler, 100);

    private OutboundChunk send(int length, int flags, PrPolicy policy, int ssn) {
        OutboundChunk c = new OutboundChunk(queue.nextTsn(), 1, ssn, length, flags, "payload");
        queue.onSent(c, policy);
        return c;
    }

    private void sendReliable(int count) {
        for (int i = 0; i < count; i++) {
            send(100, WHOLE, PrPolicy.RELIABLE, i);
        }
    }

    private static List<GapAckBlock> gaps(int... startEnd) {
        List<GapAckBlock> list = new java.util.ArrayList<>();
        for (int i = 0; i < startEnd.length; i += 2) {
            list.add(new GapAckBlock(startEnd[i], startEnd[i + 1]));
        }
        return list;
    }

    @Test
    void s6_2_1_cumulativeAckRemovesChunksAndGivesNewlyAckedBytesAndAnRttSample() {
        sendReliable(3); // TSN 100..102 at t=0
        assertThat(queue.flightSize()).isEqualTo(300);
        scheduler.advance(80, TimeUnit.MILLISECONDS);
        SackOutcome o = queue.onSack(101, List.of(), false);
        assertThat(o.stale()).isFalse();
        assertThat(o.cumulativeAdvanced()).isTrue();
        assertThat(o.earliestOutstandingAcked()).isTrue();
        assertThat(o.newlyAckedBytes()).isEqualTo(200);
        assertThat(o.flightSizeBefore()).isEqualTo(300);
        assertThat(o.flightSizeAfter()).isEqualTo(100);
        assertThat(o.rttNanos()).isEqualTo(80_000_000L);
        assertThat(queue.cumulativeTsnAck()).isEqualTo(101);
    }

    @Test
    void s6_2_1_D_i_aSackBehindTheCumulativePointOrAheadOfWhatWasSentIsDropped() {
        sendReliable(3);
        queue.onSack(101, List.of(), false);
        assertThat(queue.onSack(100, List.of(), false).stale()).isTrue();
        assertThat(queue.onSack(200, List.of(), false).stale()).isTrue();
        assertThat(queue.staleSacks()).isEqualTo(2);
        assertThat(queue.flightSize()).isEqualTo(100);
    }

    @Test
    void s6_2_1_gapBlocksAckBytesOnceAndTakeThemOutOfFlight() {
        sendReliable(5); // 100..104
        SackOutcome o = queue.onSack(100, gaps(2, 3), false); // 102,103 gap-acked
        assertThat(o.newlyAckedBytes()).isEqualTo(300);
        assertThat(o.flightSizeAfter()).isEqualTo(200); // 101 and 104
        o = queue.onSack(103, List.of(), false); // the cumulative ack covers them again
        assertThat(o.newlyAckedBytes()).isEqualTo(100); // only 101 is new
        assertThat(o.flightSizeAfter()).isEqualTo(100);
    }

    @Test
    void s6_3_1_C5_noRttSampleFromARetransmittedChunk() {
        sendReliable(1);
        queue.onT3RtxExpired();
        assertThat(queue.takeChunksToRetransmit(10_000)).hasSize(1);
        scheduler.advance(50, TimeUnit.MILLISECONDS);
        assertThat(queue.onSack(100, List.of(), false).rttNanos()).isEqualTo(-1);
    }

    @Test
    void s7_2_4_fastRetransmitOnTheThirdMissIndicationAndOnlyOnce() {
        sendReliable(6); // 100..105; 101 lost
        SackOutcome o = queue.onSack(100, gaps(2, 2), false); // acks 102: miss 1 for 101
        assertThat(o.fastRetransmitTsns()).isEmpty();
        o = queue.onSack(100, gaps(2, 3), false); // miss 2
        assertThat(o.fastRetransmitTsns()).isEmpty();
        o = queue.onSack(100, gaps(2, 4), false); // miss 3
        assertThat(o.fastRetransmitTsns()).containsExactly(101L);
        assertThat(o.highestOutstandingTsn()).isEqualTo(105);
        assertThat(queue.hasChunksToRetransmit()).isTrue();
        assertThat(queue.flightSize()).isEqualTo(100); // 105 only; 101 waits for retransmission
        List<OutboundChunk> again = queue.takeChunksToRetransmit(1200);
        assertThat(again).extracting(OutboundChunk::tsn).containsExactly(101L);
        // Still missing after its fast retransmission: no second fast retransmit.
        queue.onSack(100, gaps(2, 5), false);
        queue.onSack(100, gaps(2, 5), false);
        o = queue.onSack(100, gaps(2, 5), false);
        assertThat(o.fastRetransmitTsns()).isEmpty();
    }

    @Test
    void s7_2_4_htnaCountsMissesOnlyBelowTheHighestNewlyAckedTsn() {
        sendReliable(6);
        queue.onSack(100, gaps(3, 3), false); // acks 103: 101 and 102 missing, miss 1 each
        // Repeating the same SACK acks nothing new: no miss indications.
        queue.onSack(100, gaps(3, 3), false);
        queue.onSack(100, gaps(3, 3), false);
        assertThat(queue.onSack(100, gaps(3, 3), false).fastRetransmitTsns()).isEmpty();
        queue.onSack(100, gaps(3, 4), false); // acks 104: miss 2
        assertThat(queue.onSack(100, gaps(3, 5), false).fastRetransmitTsns()).containsExactly(101L, 102L);
    }

    @Test
    void s6_3_3_E3_t3ExpiryMarksAllInFlightAndRetransmissionIsLimitedByBytes() {
        sendReliable(4);
        queue.onSack(100, gaps(2, 2), false); // 102 gap-acked
        assertThat(queue.onT3RtxExpired()).isEqualTo(2); // 101 and 103
        assertThat(queue.flightSize()).isZero();
        List<OutboundChunk> first = queue.takeChunksToRetransmit(150);
        assertThat(first).extracting(OutboundChunk::tsn).containsExactly(101L);
        assertThat(queue.flightSize()).isEqualTo(100);
        assertThat(queue.takeChunksToRetransmit(150)).extracting(OutboundChunk::tsn).containsExactly(103L);
        assertThat(queue.hasChunksToRetransmit()).isFalse();
    }

    @Test
    void rfc3758_abandonmentByRetransmissionCountAdvancesThePeerAckPointAndGivesAForwardTsn() {
        send(100, WHOLE, PrPolicy.maxRetransmits(1), 0); // 100
        send(100, WHOLE, PrPolicy.RELIABLE, 1); // 101
        queue.onT3RtxExpired();
        assertThat(queue.takeChunksToRetransmit(1000)).hasSize(2); // first retransmission allowed
        queue.onT3RtxExpired(); // 100 used its one retransmission: abandoned
        assertThat(queue.abandonedChunks()).isEqualTo(1);
        assertThat(queue.takeChunksToRetransmit(1000)).extracting(OutboundChunk::tsn).containsExactly(101L);
        // C2: the point moves over the abandoned TSN 100; C3: a FORWARD TSN is due.
        assertThat(queue.advancedPeerAckPoint()).isEqualTo(100);
        assertThat(queue.forwardTsn()).contains(
                new ForwardTsn(100, List.of(new ForwardTsn.SkippedStream(1, 0))));
        // The peer acknowledges up to 100 (after the FORWARD TSN): nothing more to forward.
        SackOutcome o = queue.onSack(100, List.of(), false);
        assertThat(o.newlyAckedBytes()).isZero(); // abandoned bytes are not "acked"
        assertThat(queue.forwardTsn()).isEmpty();
        assertThat(queue.hasOutstanding()).isTrue(); // 101
    }

    @Test
    void rfc3758_maxRetransmitsZeroAbandonsOnTheFirstFastRetransmitInstead() {
        send(100, WHOLE, PrPolicy.maxRetransmits(0), 0); // 100, lost
        sendReliable(3); // 101..103
        queue.onSack(99, gaps(2, 2), false);
        queue.onSack(99, gaps(2, 3), false);
        SackOutcome o = queue.onSack(99, gaps(2, 4), false);
        assertThat(o.fastRetransmitTsns()).isEmpty();
        assertThat(queue.abandonedChunks()).isEqualTo(1);
        assertThat(queue.forwardTsn()).map(ForwardTsn::newCumulativeTsn).contains(100L);
    }

    @Test
    void rfc3758_abandonmentByLifetimeTakesTheWholeMessageAndSkipsItsStreamSsn() {
        // A three-fragment ordered message on stream 1 ssn 7, then a reliable message.
        PrPolicy ttl = PrPolicy.lifetime(Duration.ofMillis(300));
        send(100, OutboundChunk.BEGINNING, ttl, 7); // 100
        send(100, 0, ttl, 7); // 101
        send(100, OutboundChunk.ENDING, ttl, 7); // 102
        send(100, WHOLE, PrPolicy.RELIABLE, 8); // 103
        queue.onSack(99, gaps(2, 2), false); // 101 arrived
        scheduler.advance(299, TimeUnit.MILLISECONDS);
        queue.abandonExpired();
        assertThat(queue.forwardTsn()).isEmpty();
        scheduler.advance(1, TimeUnit.MILLISECONDS);
        queue.abandonExpired();
        assertThat(queue.abandonedChunks()).isEqualTo(2); // 100 and 102 (101 was already received)
        assertThat(queue.flightSize()).isEqualTo(100); // 103
        assertThat(queue.forwardTsn()).contains(new ForwardTsn(102, List.of(new ForwardTsn.SkippedStream(1, 7))));
        // T3 then only retransmits the reliable chunk.
        assertThat(queue.onT3RtxExpired()).isEqualTo(1);
        assertThat(queue.takeChunksToRetransmit(1000)).extracting(OutboundChunk::tsn).containsExactly(103L);
    }

    @Test
    void unorderedAbandonedMessagesAreNotListedAsSkippedStreams() {
        send(100, WHOLE | OutboundChunk.UNORDERED, PrPolicy.maxRetransmits(0), 0);
        queue.onT3RtxExpired();
        assertThat(queue.forwardTsn()).contains(new ForwardTsn(100, List.of()));
    }

    @Test
    void tsnsWrapAroundTwoToThe32() {
        RetransmissionQueue q = new RetransmissionQueue(scheduler, 0xFFFF_FFFFL);
        q.onSent(new OutboundChunk(0xFFFF_FFFFL, 0, 0, 10, WHOLE, null), PrPolicy.RELIABLE);
        q.onSent(new OutboundChunk(0, 0, 1, 10, WHOLE, null), PrPolicy.RELIABLE);
        q.onSent(new OutboundChunk(1, 0, 2, 10, WHOLE, null), PrPolicy.RELIABLE);
        SackOutcome o = q.onSack(0xFFFF_FFFFL, gaps(2, 2), false);
        assertThat(o.newlyAckedBytes()).isEqualTo(20);
        assertThat(q.flightSize()).isEqualTo(10);
        assertThat(q.onSack(1, List.of(), false).flightSizeAfter()).isZero();
        assertThat(q.nextTsn()).isEqualTo(2);
    }

    @Test
    void sendingOutOfTsnOrderIsAnApiError() {
        assertThatThrownBy(() -> queue.onSent(new OutboundChunk(105, 0, 0, 1, WHOLE, null), PrPolicy.RELIABLE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
