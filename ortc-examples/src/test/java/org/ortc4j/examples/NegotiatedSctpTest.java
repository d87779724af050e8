package org.ortc4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 8841 §6.1: max-message-size, where 0 means any size and absence means 64K. */
class NegotiatedSctpTest {

    @Test
    void theSmallerLimitWins() {
        assertThat(NegotiatedSctp.of(5000, 5000, 262144L, 65536L).maxMessageSize()).isEqualTo(65536);
        assertThat(NegotiatedSctp.of(5000, 5000, 1024L, 262144L).maxMessageSize()).isEqualTo(1024);
    }

    @Test
    void zeroMeansAnySizeSoTheOtherSidesLimitWins() {
        assertThat(NegotiatedSctp.of(5000, 5000, 0L, 262144L).maxMessageSize()).isEqualTo(262144);
        assertThat(NegotiatedSctp.of(5000, 5000, 100000L, 0L).maxMessageSize()).isEqualTo(100000);
    }

    @Test
    void onlyTwoZerosMeanNoLimit() {
        NegotiatedSctp sctp = NegotiatedSctp.of(5000, 5000, 0L, 0L);

        assertThat(sctp.maxMessageSize()).isZero();
        assertThat(sctp.unlimited()).isTrue();
    }

    @Test
    void anAbsentAttributeMeans64K() {
        // RFC 8841 §6.1: "If the SDP 'max-message-size' attribute is not present, the default
        // value is 64K."
        assertThat(NegotiatedSctp.of(5000, 5000, null, null).maxMessageSize()).isEqualTo(65536);
        assertThat(NegotiatedSctp.of(5000, 5000, null, 0L).maxMessageSize()).isEqualTo(65536);
        assertThat(NegotiatedSctp.of(5000, 5000, 262144L, null).maxMessageSize()).isEqualTo(65536);
    }
}
