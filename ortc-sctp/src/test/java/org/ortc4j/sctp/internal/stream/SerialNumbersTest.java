package org.ortc4j.sctp.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SerialNumbersTest {

    @Test
    void tsnComparisonWrapsAt2To32() {
        // RFC 1982 §3.2: i1 < i2 when (i1 < i2 and i2 - i1 < 2^31) or (i1 > i2 and i1 - i2 > 2^31).
        assertThat(SerialNumbers.tsnLessThan(1, 2)).isTrue();
        assertThat(SerialNumbers.tsnLessThan(2, 1)).isFalse();
        assertThat(SerialNumbers.tsnLessThan(0xFFFF_FFFFL, 0)).isTrue();
        assertThat(SerialNumbers.tsnLessThan(0, 0xFFFF_FFFFL)).isFalse();
        assertThat(SerialNumbers.tsnLessThan(5, 5)).isFalse();
        assertThat(SerialNumbers.tsnAtMost(5, 5)).isTrue();
        assertThat(SerialNumbers.nextTsn(0xFFFF_FFFFL)).isZero();
        assertThat(SerialNumbers.TSN_ORDER.compare(0xFFFF_FFF0L, 3L)).isNegative();
    }

    @Test
    void ssnComparisonWrapsAt65536() {
        assertThat(SerialNumbers.ssnLessThan(65535, 0)).isTrue();
        assertThat(SerialNumbers.ssnLessThan(0, 65535)).isFalse();
        assertThat(SerialNumbers.ssnLessThan(100, 101)).isTrue();
        assertThat(SerialNumbers.ssnAtMost(7, 7)).isTrue();
        assertThat(SerialNumbers.nextSsn(65535)).isZero();
    }
}
