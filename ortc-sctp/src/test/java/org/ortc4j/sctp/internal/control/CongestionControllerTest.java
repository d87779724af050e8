package org.ortc4j.sctp.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CongestionControllerTest {

    private static final int MTU = 1200;
    private static final long RWND = 1 << 20;

    @Test
    void s7_2_1_initialCwndIsMin4MtuMax2Mtu4404() {
        assertThat(new CongestionController(1200, RWND).cwnd()).isEqualTo(4404); // min(4800, 4404)
        assertThat(new CongestionController(1000, RWND).cwnd()).isEqualTo(4000); // min(4000, 4404)
        assertThat(new CongestionController(3000, RWND).cwnd()).isEqualTo(6000); // min(12000, 6000)
        assertThat(new CongestionController(1200, RWND).ssthresh()).isEqualTo(RWND);
    }

    @Test
    void s7_2_1_slowStartGrowsByAtMostOneMtuPerSackWhenCwndIsFullyUsed() {
        CongestionController cc = new CongestionController(MTU, RWND);
        long cwnd = cc.cwnd();
        long tsn = 0;
        // Each round: a full window is in flight, SACKs arrive for 2*MTU each.
        for (int sack = 0; sack < 5; sack++) {
            long before = cc.cwnd();
            tsn += 2;
            cc.onSack(tsn, true, 2L * MTU, before, before - 2L * MTU, RWND);
            cwnd += MTU; // min(bytes acked 2400, MTU 1200)
            assertThat(cc.cwnd()).isEqualTo(cwnd);
        }
        // A SACK acking less than an MTU grows by what it acked.
        long before = cc.cwnd();
        cc.onSack(++tsn, true, 100, before, before - 100, RWND);
        assertThat(cc.cwnd()).isEqualTo(before + 100);
    }

    @Test
    void s7_2_1_slowStartDoesNotGrowWhenCwndIsNotFullyUsedOrCumAckDidNotAdvance() {
        CongestionController cc = new CongestionController(MTU, RWND);
        long cwnd = cc.cwnd();
        cc.onSack(1, true, MTU, cwnd - 1, 0, RWND); // flight was below cwnd
        assertThat(cc.cwnd()).isEqualTo(cwnd);
        cc.onSack(1, false, MTU, cwnd, cwnd - MTU, RWND); // only gap-acked
        assertThat(cc.cwnd()).isEqualTo(cwnd);
    }

    @Test
    void s7_2_2_congestionAvoidanceGrowsOneMtuPerCwndOfAckedBytes() {
        CongestionController cc = new CongestionController(MTU, RWND);
        cc.onT3RtxTimeout(); // ssthresh 4*MTU = 4800, cwnd 1200
        long tsn = 0;
        while (cc.cwnd() <= cc.ssthresh()) { // slow start up to ssthresh
            long c = cc.cwnd();
            cc.onSack(++tsn, true, MTU, c, c - MTU, RWND);
        }
        assertThat(cc.cwnd()).isEqualTo(6000);
        assertThat(cc.partialBytesAcked()).isZero();
        // cwnd 6000 > ssthresh 4800: 5 SACKs of one MTU with the window full reach pba = cwnd.
        for (int i = 1; i <= 4; i++) {
            cc.onSack(++tsn, true, MTU, 6000, 6000 - MTU, RWND);
            assertThat(cc.cwnd()).isEqualTo(6000);
            assertThat(cc.partialBytesAcked()).isEqualTo((long) i * MTU);
        }
        cc.onSack(++tsn, true, MTU, 6000, 6000 - MTU, RWND);
        assertThat(cc.cwnd()).isEqualTo(7200);
        assertThat(cc.partialBytesAcked()).isZero(); // 6000 - 6000
    }

    @Test
    void s7_2_2_partialBytesAckedIsCappedWhenTheWindowWasNotFullAndClearedWhenAllIsAcked() {
        CongestionController cc = new CongestionController(MTU, RWND);
        cc.onT3RtxTimeout();
        long tsn = 0;
        while (cc.cwnd() <= cc.ssthresh()) {
            long c = cc.cwnd();
            cc.onSack(++tsn, true, MTU, c, c - MTU, RWND);
        }
        cc.onSack(++tsn, true, 7000, 5000, 10, RWND); // flight before < cwnd 6000
        assertThat(cc.partialBytesAcked()).isEqualTo(6000);
        assertThat(cc.cwnd()).isEqualTo(6000);
        cc.onSack(++tsn, true, 10, 10, 0, RWND);
        assertThat(cc.partialBytesAcked()).isZero();
    }

    @Test
    void s7_2_3_t3TimeoutHalvesSsthreshAndDropsCwndToOneMtu() {
        CongestionController cc = new CongestionController(MTU, RWND);
        for (int i = 0; i < 20; i++) {
            cc.onSack(i, true, MTU, cc.cwnd(), 0, RWND);
        }
        long cwnd = cc.cwnd(); // 4404 + 20*1200 = 28404
        assertThat(cwnd).isEqualTo(28404);
        cc.onT3RtxTimeout();
        assertThat(cc.ssthresh()).isEqualTo(14202);
        assertThat(cc.cwnd()).isEqualTo(MTU);
        cc.onT3RtxTimeout(); // cwnd/2 = 600 < 4*MTU
        assertThat(cc.ssthresh()).isEqualTo(4 * MTU);
    }

    @Test
    void s7_2_4_fastRetransmitSetsCwndToSsthreshOnceAndFastRecoveryEndsAtTheExitPoint() {
        CongestionController cc = new CongestionController(MTU, RWND);
        for (int i = 0; i < 20; i++) {
            cc.onSack(i, true, MTU, cc.cwnd(), 0, RWND);
        }
        assertThat(cc.onFastRetransmit(100)).isTrue();
        assertThat(cc.ssthresh()).isEqualTo(14202);
        assertThat(cc.cwnd()).isEqualTo(14202);
        assertThat(cc.inFastRecovery()).isTrue();
        // A second loss in the same window does not reduce again.
        assertThat(cc.onFastRetransmit(120)).isFalse();
        assertThat(cc.cwnd()).isEqualTo(14202);
        // No growth in Fast Recovery, even with the window full.
        cc.onSack(90, true, MTU, 20000, 18000, RWND);
        assertThat(cc.cwnd()).isEqualTo(14202);
        assertThat(cc.inFastRecovery()).isTrue();
        cc.onSack(100, true, MTU, 20000, 18000, RWND); // acks the exit point
        assertThat(cc.inFastRecovery()).isFalse();
    }

    @Test
    void s7_2_4_fastRecoveryExitPointComparesTsnsAcrossWraparound() {
        CongestionController cc = new CongestionController(MTU, RWND);
        cc.onFastRetransmit(2); // exit point just after 2^32 wrapped
        cc.onSack(0xFFFF_FFF0L, true, MTU, 0, 0, RWND);
        assertThat(cc.inFastRecovery()).isTrue();
        cc.onSack(3, true, MTU, 0, 0, RWND);
        assertThat(cc.inFastRecovery()).isFalse();
    }

    @Test
    void s7_2_1_idleDecaysCwndPerRtoDownTo4Mtu() {
        CongestionController cc = new CongestionController(MTU, RWND);
        for (int i = 0; i < 20; i++) {
            cc.onSack(i, true, MTU, cc.cwnd(), 0, RWND);
        }
        cc.onIdleRto();
        assertThat(cc.cwnd()).isEqualTo(14202);
        cc.onIdleRto();
        assertThat(cc.cwnd()).isEqualTo(7101);
        cc.onIdleRto();
        assertThat(cc.cwnd()).isEqualTo(4 * MTU);
        cc.onT3RtxTimeout();
        cc.onIdleRto();
        assertThat(cc.cwnd()).isEqualTo(MTU); // never grows
    }

    @Test
    void s6_1_B_newDataStopsAtCwndWithOnePacketOfOvershoot() {
        CongestionController cc = new CongestionController(MTU, RWND); // cwnd 4404
        assertThat(cc.maySendNewData(1000, 4000)).isTrue(); // ends at 5000 < 4404 + 1199
        assertThat(cc.maySendNewData(1200, 4404)).isFalse(); // flight reached cwnd
        assertThat(cc.maySendNewData(1200, 4400)).isTrue(); // ends at 5600 < cwnd + PMTU = 5604
        assertThat(cc.maySendNewData(1300, 4400)).isFalse(); // would end at 5700: more than one packet over
    }

    @Test
    void s6_1_A_zeroWindowAllowsOneChunkInFlightAsAProbe() {
        CongestionController cc = new CongestionController(MTU, 0);
        assertThat(cc.peerRwnd()).isZero();
        assertThat(cc.maySendNewData(500, 0)).isTrue(); // the probe
        cc.onDataSent(500);
        assertThat(cc.maySendNewData(500, 500)).isFalse(); // one is in flight
        // §6.2.1 D: the peer opens its window; rwnd = a_rwnd - outstanding
        cc.onSack(0, true, 500, 500, 0, 3000);
        assertThat(cc.peerRwnd()).isEqualTo(3000);
        cc.onDataSent(1000);
        assertThat(cc.peerRwnd()).isEqualTo(2000);
        assertThat(cc.maySendNewData(1000, 1000)).isTrue();
        assertThat(cc.maySendNewData(2001, 1000)).isFalse(); // larger than rwnd
        cc.onSack(0, false, 0, 1000, 1000, 1500);
        assertThat(cc.peerRwnd()).isEqualTo(500);
    }

    @Test
    void slowStartStopsAndCwndHoldsWhileSrttIsFarAboveTheSmallestRtt() {
        CongestionController cc = new CongestionController(MTU, RWND);
        long ms = 1_000_000;
        growTo(cc, 16L * MTU);
        // Min RTT 2 ms: the queueing delay allowed is max(2 ms, 20 ms) = 20 ms.
        cc.onRttMeasurement(2 * ms, 2 * ms, 0);
        long c = cc.cwnd();
        cc.onSack(1, true, MTU, c, c - MTU, RWND);
        assertThat(cc.cwnd()).isEqualTo(c + MTU);
        // SRTT 22 ms is exactly the allowance: still grows.
        cc.onRttMeasurement(40 * ms, 22 * ms, 0);
        c = cc.cwnd();
        cc.onSack(2, true, MTU, c, c - MTU, RWND);
        assertThat(cc.cwnd()).isEqualTo(c + MTU);
        assertThat(cc.minRttNanos()).isEqualTo(2 * ms);
        // SRTT 23 ms: slow start ends (ssthresh below cwnd) and cwnd holds.
        cc.onRttMeasurement(40 * ms, 23 * ms, 0);
        c = cc.cwnd();
        cc.onSack(3, true, MTU, c, c - MTU, RWND);
        assertThat(cc.cwnd()).isEqualTo(c);
        assertThat(cc.ssthresh()).isLessThan(c);
        assertThat(cc.growthHeldBySacks()).isEqualTo(1);
        // Congestion avoidance holds too while the queue stays long...
        long tsn = 3;
        for (int i = 0; i < 20; i++) {
            cc.onSack(++tsn, true, MTU, c, c - MTU, RWND);
        }
        assertThat(cc.cwnd()).isEqualTo(c);
        // ... and grows again by one MTU per cwnd acknowledged once it has drained.
        cc.onRttMeasurement(3 * ms, 5 * ms, 0);
        for (int i = 0; i < 20 && cc.cwnd() == c; i++) {
            cc.onSack(++tsn, true, MTU, c, c - MTU, RWND);
        }
        assertThat(cc.cwnd()).isEqualTo(c + MTU);
    }

    @Test
    void onALongPathTheAllowanceIsTheSmallestRttItself() {
        CongestionController cc = new CongestionController(MTU, RWND);
        long ms = 1_000_000;
        growTo(cc, 16L * MTU);
        cc.onRttMeasurement(100 * ms, 100 * ms, 0);
        cc.onRttMeasurement(190 * ms, 200 * ms, 0); // 100 ms of queue: allowed
        long c = cc.cwnd();
        cc.onSack(1, true, MTU, c, c - MTU, RWND);
        assertThat(cc.cwnd()).isEqualTo(c + MTU);
        cc.onRttMeasurement(250 * ms, 201 * ms, 0); // 101 ms of queue: held
        c = cc.cwnd();
        cc.onSack(2, true, MTU, c, c - MTU, RWND);
        assertThat(cc.cwnd()).isEqualTo(c);
    }

    @Test
    void aMoveToALongerPathIsLearntWithinTheTenSecondMinimumWindow() {
        CongestionController cc = new CongestionController(MTU, RWND);
        long ms = 1_000_000;
        growTo(cc, 16L * MTU);
        cc.onRttMeasurement(1 * ms, 1 * ms, 0);
        // ICE moves to a relay: every round trip is now 150 ms, with no queue at all. Against
        // the 1 ms minimum that looks like 149 ms of queue: held...
        long now = 0;
        long tsn = 0;
        for (; now <= CongestionController.MIN_RTT_WINDOW_NANOS; now += 150 * ms) {
            cc.onRttMeasurement(150 * ms, 150 * ms, now);
            long c = cc.cwnd();
            cc.onSack(++tsn, true, MTU, c, c - MTU, RWND);
            assertThat(cc.cwnd()).isEqualTo(c);
        }
        // ... until the 1 ms minimum is 10 s old: then 150 ms is the minimum and cwnd grows.
        cc.onRttMeasurement(150 * ms, 150 * ms, now);
        assertThat(cc.minRttNanos()).isEqualTo(150 * ms);
        long c = cc.cwnd();
        cc.onSack(++tsn, true, MTU, c, c - MTU, RWND);
        assertThat(cc.cwnd()).isGreaterThan(c);
    }

    @Test
    void lossesStillReduceCwndWhileGrowthIsHeld() {
        CongestionController cc = new CongestionController(MTU, RWND);
        growTo(cc, 16L * MTU);
        cc.onRttMeasurement(1_000_000, 1_000_000, 0);
        cc.onRttMeasurement(500_000_000, 500_000_000, 0);
        long c = cc.cwnd();
        cc.onT3RtxTimeout();
        assertThat(cc.cwnd()).isEqualTo(MTU);
        assertThat(cc.ssthresh()).isEqualTo(Math.max(c / 2, 4L * MTU));
    }

    @Test
    void aSmallWindowGrowsWhateverTheRoundTrip() {
        CongestionController cc = new CongestionController(MTU, RWND);
        cc.onRttMeasurement(1_000_000, 1_000_000, 0);
        cc.onRttMeasurement(3_000_000_000L, 3_000_000_000L, 0); // a lossy episode's SRTT
        cc.onT3RtxTimeout();
        growTo(cc, 16L * MTU); // from one MTU, through slow start and congestion avoidance
        assertThat(cc.growthHeldBySacks()).isZero();
        long c = cc.cwnd();
        for (int i = 0; i < 40; i++) {
            cc.onSack(1000 + i, true, MTU, c, c - MTU, RWND);
        }
        assertThat(cc.cwnd()).isEqualTo(c); // 16 MTUs and more: held
    }

    /** SACKs of one MTU with the window full until cwnd reaches {@code target}. */
    private static void growTo(CongestionController cc, long target) {
        for (long tsn = 1; cc.cwnd() < target; tsn++) {
            long c = cc.cwnd();
            cc.onSack(tsn, true, MTU, c, c - MTU, RWND);
        }
    }
}
