package org.ortc4j.sctp.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;

class SackTrackerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<SackInfo> sent = new ArrayList<>();
    private SackTracker tracker;

    private SackTracker tracker(long initialTsn, SackTracker.Config config) {
        tracker = new SackTracker(scheduler, config, initialTsn, () -> sent.add(tracker.buildSack()));
        return tracker;
    }

    private void packet(long... tsns) {
        for (long tsn : tsns) {
            tracker.onDataChunk(tsn, 100);
        }
        tracker.onPacketEnd(false);
    }

    @Test
    void s6_2_inOrderPacketsAreAcknowledgedEverySecondPacket() {
        tracker(1000, SackTracker.Config.defaults());
        packet(1000);
        assertThat(sent).isEmpty();
        packet(1001);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).cumulativeTsnAck()).isEqualTo(1001);
        assertThat(sent.get(0).gapAckBlocks()).isEmpty();
        assertThat(sent.get(0).advertisedRwnd()).isEqualTo((1 << 20) - 200);
    }

    @Test
    void s6_2_aLonePacketIsAcknowledgedWhenTheDelayedSackTimerExpires() {
        tracker(1, SackTracker.Config.defaults());
        packet(1);
        scheduler.advance(199, TimeUnit.MILLISECONDS);
        assertThat(sent).isEmpty();
        scheduler.advance(1, TimeUnit.MILLISECONDS);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).cumulativeTsnAck()).isEqualTo(1);
        // Nothing new: no further SACK.
        scheduler.advance(1, TimeUnit.SECONDS);
        assertThat(sent).hasSize(1);
    }

    @Test
    void s6_2_theTimerRunsFromTheFirstUnacknowledgedChunkNotTheLast() {
        tracker(1, new SackTracker.Config(1 << 20, 16, 16, Duration.ofMillis(100)));
        packet(1);
        scheduler.advance(60, TimeUnit.MILLISECONDS);
        tracker.onDataChunk(2, 10); // the second packet: acknowledged at once
        tracker.onPacketEnd(false);
        assertThat(sent).hasSize(1);
        packet(3);
        scheduler.advance(99, TimeUnit.MILLISECONDS);
        assertThat(sent).hasSize(1);
        scheduler.advance(1, TimeUnit.MILLISECONDS);
        assertThat(sent).hasSize(2);
    }

    @Test
    void s6_2_aGapIsReportedImmediatelyAndEachPacketUntilItIsFilled() {
        tracker(1, SackTracker.Config.defaults());
        packet(1, 2);
        scheduler.advance(1, TimeUnit.SECONDS);
        sent.clear();
        packet(4); // 3 missing
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).cumulativeTsnAck()).isEqualTo(2);
        assertThat(sent.get(0).gapAckBlocks()).containsExactly(new GapAckBlock(2, 2));
        packet(5);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).gapAckBlocks()).containsExactly(new GapAckBlock(2, 3));
        packet(3); // fills it
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).cumulativeTsnAck()).isEqualTo(5);
        assertThat(sent.get(2).gapAckBlocks()).isEmpty();
        packet(6); // in order again: delayed
        assertThat(sent).hasSize(3);
    }

    @Test
    void s6_2_duplicatesAreReportedOnceAndImmediately() {
        tracker(10, SackTracker.Config.defaults());
        packet(10, 11);
        scheduler.advance(1, TimeUnit.SECONDS);
        sent.clear();
        assertThat(tracker.onDataChunk(10, 100)).isEqualTo(SackTracker.Received.DUPLICATE);
        tracker.onPacketEnd(false);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).duplicateTsns()).containsExactly(10L);
        packet(12);
        scheduler.advance(1, TimeUnit.SECONDS);
        assertThat(sent.get(1).duplicateTsns()).isEmpty(); // cleared after each SACK
    }

    @Test
    void s6_7_shuffledTsnsWithDuplicatesGiveTheExpectedBlocks() {
        // 100..139 received except 105, 110..114, 130; delivered shuffled, some twice.
        tracker(100, new SackTracker.Config(1 << 20, 16, 64, Duration.ofMillis(200)));
        List<Long> tsns = new ArrayList<>();
        for (long t = 100; t < 140; t++) {
            if (t != 105 && (t < 110 || t > 114) && t != 130) {
                tsns.add(t);
            }
        }
        List<Long> dups = List.of(107L, 120L, 139L);
        // A duplicate comes after its original: shuffle the originals, then send the copies.
        Collections.shuffle(tsns, new Random(7));
        for (long t : tsns) {
            assertThat(tracker.onDataChunk(t, 10)).isEqualTo(SackTracker.Received.NEW);
        }
        for (long t : dups) {
            assertThat(tracker.onDataChunk(t, 10)).isEqualTo(SackTracker.Received.DUPLICATE);
        }
        SackInfo sack = tracker.buildSack();
        assertThat(sack.cumulativeTsnAck()).isEqualTo(104);
        // offsets from 104: 106..109 -> 2..5, 115..129 -> 11..25, 131..139 -> 27..35
        assertThat(sack.gapAckBlocks()).containsExactly(new GapAckBlock(2, 5), new GapAckBlock(11, 25),
                new GapAckBlock(27, 35));
        assertThat(sack.duplicateTsns()).containsExactly(107L, 120L, 139L);
        assertThat(tracker.buildSack().duplicateTsns()).isEmpty();
    }

    @Test
    void s6_7_gapBlocksAreBoundedKeepingTheLowest() {
        tracker(0, new SackTracker.Config(1 << 20, 2, 1, Duration.ofMillis(200)));
        for (long t : new long[] {0, 2, 4, 6, 8}) {
            tracker.onDataChunk(t, 1);
        }
        tracker.onDataChunk(2, 1);
        tracker.onDataChunk(4, 1);
        SackInfo sack = tracker.buildSack();
        assertThat(sack.gapAckBlocks()).containsExactly(new GapAckBlock(2, 2), new GapAckBlock(4, 4));
        assertThat(sack.duplicateTsns()).containsExactly(2L); // bounded at 1
    }

    @Test
    void tsnsWrapAroundTwoToThe32() {
        tracker(0xFFFF_FFFEL, SackTracker.Config.defaults());
        packet(0xFFFF_FFFEL, 0xFFFF_FFFFL);
        packet(0, 2);
        SackInfo sack = sent.get(sent.size() - 1);
        assertThat(sack.cumulativeTsnAck()).isZero();
        assertThat(sack.gapAckBlocks()).containsExactly(new GapAckBlock(2, 2));
    }

    @Test
    void s6_2_advertisedWindowIsTheUnreadBytesAndAZeroWindowDropsNewHigherTsns() {
        tracker(1, new SackTracker.Config(300, 16, 16, Duration.ofMillis(200)));
        assertThat(tracker.onDataChunk(1, 100)).isEqualTo(SackTracker.Received.NEW);
        assertThat(tracker.onDataChunk(3, 200)).isEqualTo(SackTracker.Received.NEW);
        assertThat(tracker.advertisedRwnd()).isZero();
        // "MUST drop any new incoming DATA chunk with a TSN larger than the largest TSN received"
        assertThat(tracker.onDataChunk(4, 10)).isEqualTo(SackTracker.Received.DROPPED);
        // A lower one fills the hole and is still accepted.
        assertThat(tracker.onDataChunk(2, 10)).isEqualTo(SackTracker.Received.NEW);
        assertThat(tracker.droppedChunks()).isEqualTo(1);
        assertThat(tracker.cumulativeTsnAck()).isEqualTo(3);
        tracker.onBytesConsumed(250);
        assertThat(tracker.advertisedRwnd()).isEqualTo(240);
        assertThat(tracker.onDataChunk(4, 10)).isEqualTo(SackTracker.Received.NEW);
    }

    @Test
    void rfc3758_s3_6_forwardTsnMovesTheCumulativePointAndAcknowledgesAtOnce() {
        tracker(1, SackTracker.Config.defaults());
        packet(1);
        tracker.onDataChunk(5, 10);
        tracker.onDataChunk(7, 10);
        tracker.onPacketEnd(false);
        sent.clear();
        assertThat(tracker.onForwardTsn(4)).isTrue();
        assertThat(sent).hasSize(1);
        // 2..4 skipped, 5 received: the point runs on to 5; 7 remains a gap block.
        assertThat(sent.get(0).cumulativeTsnAck()).isEqualTo(5);
        assertThat(sent.get(0).gapAckBlocks()).containsExactly(new GapAckBlock(2, 2));
        assertThat(tracker.onForwardTsn(3)).isFalse(); // behind: ignored, still acknowledged
        assertThat(sent).hasSize(2);
        assertThat(tracker.onDataChunk(3, 10)).isEqualTo(SackTracker.Received.DUPLICATE);
    }

    @Test
    void chunksTooFarAboveTheCumulativePointAreDroppedAndCounted() {
        tracker(1, SackTracker.Config.defaults());
        assertThat(tracker.onDataChunk(1 + 0x10000, 10)).isEqualTo(SackTracker.Received.DROPPED);
        assertThat(tracker.droppedChunks()).isEqualTo(1);
    }

    @Test
    void rfc7053_theIBitAsksForAnImmediateSack() {
        tracker(1, SackTracker.Config.defaults());
        tracker.onDataChunk(1, 10);
        tracker.onPacketEnd(true);
        assertThat(sent).hasSize(1);
    }
}
