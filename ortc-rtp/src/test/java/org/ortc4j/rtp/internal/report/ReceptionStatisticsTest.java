package org.ortc4j.rtp.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceptionStatisticsTest {

    @Test
    void aStreamWhoseFirstPacketsArriveOutOfOrderLosesNothing() {
        ReceptionStatistics statistics = new ReceptionStatistics();
        for (int seq : new int[] {102, 100, 101, 103, 104}) {
            statistics.onPacket(seq, 0, Long.MIN_VALUE);
        }
        assertThat(statistics.expected()).isEqualTo(5);
        assertThat(statistics.cumulativeLost()).isZero();
    }

    @Test
    void theStartMovesBackAcrossTheWrapToo() {
        ReceptionStatistics statistics = new ReceptionStatistics();
        for (int seq : new int[] {1, 65_535, 0, 2}) {
            statistics.onPacket(seq, 0, Long.MIN_VALUE);
        }
        assertThat(statistics.expected()).isEqualTo(4);
        assertThat(statistics.cumulativeLost()).isZero();
        // The highest sequence number on the wire is not moved by the earlier start.
        assertThat(statistics.extendedHighestSequenceNumber()).isEqualTo(2);
    }

    @Test
    void aLossAtTheStartAfterTheFirstArrivalIsStillCounted() {
        ReceptionStatistics statistics = new ReceptionStatistics();
        for (int seq : new int[] {10, 12, 13}) {
            statistics.onPacket(seq, 0, Long.MIN_VALUE);
        }
        assertThat(statistics.cumulativeLost()).isEqualTo(1);
    }
}
