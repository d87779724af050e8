package org.ortc4j.sctp.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RtoEstimatorTest {

    private static final long MS = 1_000_000L;

    /** Bounds wide enough that the formula, not the clamp, decides. */
    private static RtoEstimator unclamped() {
        return new RtoEstimator(new RtoEstimator.Config(Duration.ofSeconds(1), Duration.ofMillis(1),
                Duration.ofSeconds(60), Duration.ofMillis(1)));
    }

    @Test
    void c1_rtoIsInitialUntilTheFirstMeasurement() {
        assertThat(new RtoEstimator(RtoEstimator.Config.rfc9260()).rto()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new RtoEstimator(RtoEstimator.Config.webrtc()).rto()).isEqualTo(Duration.ofMillis(500));
        assertThat(new RtoEstimator(RtoEstimator.Config.webrtc()).srtt()).isEmpty();
    }

    @Test
    void c2_c3_rtoSequenceMatchesHandComputedValues() {
        RtoEstimator rto = unclamped();
        // C2: R = 100 ms: SRTT 100, RTTVAR 50, RTO = 100 + 4*50 = 300 ms
        rto.onRttMeasurement(100 * MS, false);
        assertThat(rto.srtt()).contains(Duration.ofMillis(100));
        assertThat(rto.rttvar()).isEqualTo(Duration.ofMillis(50));
        assertThat(rto.rtoNanos()).isEqualTo(300 * MS);
        // C3: R' = 200 ms: RTTVAR = 3/4*50 + 1/4*|100-200| = 62.5; SRTT = 7/8*100 + 1/8*200 = 112.5
        // RTO = 112.5 + 250 = 362.5 ms
        rto.onRttMeasurement(200 * MS, false);
        assertThat(rto.rttvar().toNanos()).isEqualTo(62_500_000L);
        assertThat(rto.srtt()).contains(Duration.ofNanos(112_500_000L));
        assertThat(rto.rtoNanos()).isEqualTo(362_500_000L);
        // R' = 112.5 ms: RTTVAR = 3/4*62.5 + 0 = 46.875; SRTT unchanged 112.5; RTO = 112.5 + 187.5 = 300
        rto.onRttMeasurement(112_500_000L, false);
        assertThat(rto.rttvar().toNanos()).isEqualTo(46_875_000L);
        assertThat(rto.rtoNanos()).isEqualTo(300 * MS);
    }

    @Test
    void c3_clockGranularityIsTheFloorOfTheVarianceTerm() {
        RtoEstimator rto = unclamped();
        rto.onRttMeasurement(10 * MS, false);
        for (int i = 0; i < 200; i++) {
            rto.onRttMeasurement(10 * MS, false); // RTTVAR decays toward 0
        }
        assertThat(rto.rttvar().toNanos()).isLessThan(MS / 4);
        assertThat(rto.rtoNanos()).isEqualTo(10 * MS + MS); // SRTT + G
    }

    @Test
    void c5_karnsRuleIgnoresSamplesFromRetransmittedChunks() {
        RtoEstimator rto = unclamped();
        assertThat(rto.onRttMeasurement(100 * MS, true)).isFalse();
        assertThat(rto.srtt()).isEmpty();
        assertThat(rto.rto()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void c6_c7_rtoIsClampedToMinAndMax() {
        RtoEstimator rto = new RtoEstimator(RtoEstimator.Config.rfc9260());
        rto.onRttMeasurement(10 * MS, false);
        assertThat(rto.rto()).isEqualTo(Duration.ofSeconds(1)); // 30 ms rounded up to RTO.Min
        rto = new RtoEstimator(RtoEstimator.Config.rfc9260());
        rto.onRttMeasurement(30_000 * MS, false);
        assertThat(rto.rto()).isEqualTo(Duration.ofSeconds(60)); // 90 s capped at RTO.Max
    }

    @Test
    void e2_backoffDoublesUpToMaxAndTheNextMeasurementEndsIt() {
        RtoEstimator rto = new RtoEstimator(RtoEstimator.Config.webrtc());
        long[] expectedMs = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
        for (long expected : expectedMs) {
            rto.backOff();
            assertThat(rto.rtoNanos()).isEqualTo(expected * MS);
        }
        rto.onRttMeasurement(100 * MS, false);
        assertThat(rto.rto()).isEqualTo(Duration.ofMillis(400)); // 300 ms computed, RTO.Min 400
    }

    @Test
    void configRejectsInconsistentBounds() {
        assertThatThrownBy(() -> new RtoEstimator.Config(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtoEstimator.Config(Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
