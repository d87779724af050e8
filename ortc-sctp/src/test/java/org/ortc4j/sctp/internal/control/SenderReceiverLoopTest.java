package org.ortc4j.sctp.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.VirtualScheduler;

/**
 * The four cores wired the way the association will wire them, over a virtual link with 20 ms
 * one-way delay that loses chosen TSNs once: everything arrives, a single loss is repaired by fast
 * retransmit (RFC 9260 §7.2.4) without a timeout, and the window grows in slow start meanwhile.
 */
class SenderReceiverLoopTest {

    private static final int MTU = 1200;
    private static final int SIZE = 1000;
    private static final long DELAY_MS = 20;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RetransmissionQueue queue = new RetransmissionQueue(scheduler, 5000);
    private final CongestionController cc = new CongestionController(MTU, 1 << 20);
    private final RtoEstimator rto = new RtoEstimator(RtoEstimator.Config.webrtc());
    private final Set<Long> lossOnce = new HashSet<>();
    private SackTracker receiver;
    private Scheduler.Cancellable t3;
    private int toSend;
    private int t3Expiries;
    private int fastRetransmits;
    private final List<Long> cwndAfterSack = new ArrayList<>();

    @Test
    void aLossIsRepairedByFastRetransmitAndEverythingArrives() {
        receiver = new SackTracker(scheduler, SackTracker.Config.defaults(), 5000,
                () -> {
                    SackInfo sack = receiver.buildSack();
                    scheduler.schedule(() -> onSack(sack), DELAY_MS, TimeUnit.MILLISECONDS);
                });
        lossOnce.add(5010L);
        toSend = 60;
        pump();
        scheduler.advance(10, TimeUnit.SECONDS);

        assertThat(receiver.cumulativeTsnAck()).isEqualTo(5059);
        assertThat(queue.hasOutstanding()).isFalse();
        assertThat(fastRetransmits).isEqualTo(1);
        assertThat(t3Expiries).isZero();
        assertThat(rto.srtt()).isPresent();
        assertThat(rto.srtt().get().toMillis()).isBetween(40L, 240L); // 40 ms path + delayed SACKs
        // Slow start grew cwnd before the loss; fast retransmit then halved it.
        assertThat(cwndAfterSack).anyMatch(c -> c > 4404 + 4 * MTU);
        assertThat(cc.ssthresh()).isLessThan(1 << 20);
    }

    @Test
    void aLostRetransmissionFallsBackToT3AndStillCompletes() {
        receiver = new SackTracker(scheduler, SackTracker.Config.defaults(), 5000,
                () -> {
                    SackInfo sack = receiver.buildSack();
                    scheduler.schedule(() -> onSack(sack), DELAY_MS, TimeUnit.MILLISECONDS);
                });
        toSend = 3; // too few chunks for three miss indications
        lossOnce.add(5000L);
        pump();
        scheduler.advance(10, TimeUnit.SECONDS);
        assertThat(receiver.cumulativeTsnAck()).isEqualTo(5002);
        assertThat(t3Expiries).isEqualTo(1);
        assertThat(queue.hasOutstanding()).isFalse();
    }

    private void pump() {
        for (OutboundChunk c : queue.takeChunksToRetransmit(Math.max(MTU, cc.cwnd() - queue.flightSize()))) {
            transmit(c);
        }
        while (toSend > 0 && !queue.hasChunksToRetransmit() && cc.maySendNewData(SIZE, queue.flightSize())) {
            OutboundChunk c = new OutboundChunk(queue.nextTsn(), 0, 0, SIZE,
                    OutboundChunk.BEGINNING | OutboundChunk.ENDING, null);
            queue.onSent(c, PrPolicy.RELIABLE);
            toSend--;
            transmit(c);
        }
        if (queue.hasOutstanding() && t3 == null) {
            startT3();
        }
    }

    private void transmit(OutboundChunk c) {
        cc.onDataSent(c.payloadLength());
        if (lossOnce.remove(c.tsn())) {
            return;
        }
        scheduler.schedule(() -> {
            receiver.onDataChunk(c.tsn(), c.payloadLength());
            receiver.onBytesConsumed(c.payloadLength()); // the application reads at once
            receiver.onPacketEnd(false);
        }, DELAY_MS, TimeUnit.MILLISECONDS);
    }

    private void onSack(SackInfo sack) {
        SackOutcome o = queue.onSack(sack.cumulativeTsnAck(), sack.gapAckBlocks(), cc.inFastRecovery());
        if (o.stale()) {
            return;
        }
        if (o.rttNanos() >= 0) {
            rto.onRttMeasurement(o.rttNanos(), false);
        }
        cc.onSack(sack.cumulativeTsnAck(), o.cumulativeAdvanced(), o.newlyAckedBytes(), o.flightSizeBefore(),
                o.flightSizeAfter(), sack.advertisedRwnd());
        if (!o.fastRetransmitTsns().isEmpty()) {
            fastRetransmits++;
            cc.onFastRetransmit(o.highestOutstandingTsn());
        }
        cwndAfterSack.add(cc.cwnd());
        // RFC 9260 §6.3.2 R2/R3: stop T3 when all is acked, restart it when the earliest is.
        if (!queue.hasOutstanding()) {
            stopT3();
        } else if (o.earliestOutstandingAcked()) {
            stopT3();
            startT3();
        }
        pump();
    }

    private void startT3() {
        t3 = scheduler.schedule(() -> {
            t3 = null;
            t3Expiries++;
            rto.backOff();
            cc.onT3RtxTimeout();
            queue.onT3RtxExpired();
            pump();
        }, rto.rtoNanos(), TimeUnit.NANOSECONDS);
    }

    private void stopT3() {
        if (t3 != null) {
            t3.cancel();
            t3 = null;
        }
    }
}
