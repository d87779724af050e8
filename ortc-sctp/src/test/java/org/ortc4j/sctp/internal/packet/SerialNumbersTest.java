package org.ortc4j.sctp.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 1982 serial number comparisons, as RFC 9260 §1.6 asks for TSNs and SSNs. */
class SerialNumbersTest {

    @Test
    void tsnComparisonWrapsAround() {
        assertThat(SerialNumbers.tsnLessThan(1, 2)).isTrue();
        assertThat(SerialNumbers.tsnLessThan(2, 1)).isFalse();
        assertThat(SerialNumbers.tsnLessThan(5, 5)).isFalse();
        // 0xffffffff is followed by 0.
        assertThat(SerialNumbers.tsnLessThan(0xffffffff, 0)).isTrue();
        assertThat(SerialNumbers.tsnGreaterThan(0, 0xffffffff)).isTrue();
        assertThat(SerialNumbers.tsnLessThan(0xfffffff0, 0x10)).isTrue();
        assertThat(SerialNumbers.tsnLessThanOrEqual(7, 7)).isTrue();
        assertThat(SerialNumbers.tsnDistance(0xfffffffe, 1)).isEqualTo(3);
    }

    @Test
    void tsnHalfSpaceApart() {
        // RFC 1982 §3.2: s1 < s2 when (i1 < i2 and i2 - i1 < 2^(SERIAL_BITS - 1)) or
        // (i1 > i2 and i1 - i2 > 2^(SERIAL_BITS - 1)). Exactly 2^31 apart is undefined: neither.
        assertThat(SerialNumbers.tsnLessThan(0, 0x7fffffff)).isTrue();
        assertThat(SerialNumbers.tsnLessThan(0, 0x80000000)).isFalse();
        assertThat(SerialNumbers.tsnLessThan(0x80000000, 0)).isFalse();
        assertThat(SerialNumbers.tsnLessThan(0, 0x80000001)).isFalse();
        assertThat(SerialNumbers.tsnLessThan(0x80000001, 0)).isTrue();
    }

    @Test
    void ssnComparisonWrapsAtSixteenBits() {
        assertThat(SerialNumbers.ssnLessThan(65535, 0)).isTrue();
        assertThat(SerialNumbers.ssnLessThan(0, 65535)).isFalse();
        assertThat(SerialNumbers.ssnLessThan(0, 0x7fff)).isTrue();
        assertThat(SerialNumbers.ssnLessThan(0, 0x8000)).isFalse();
        assertThat(SerialNumbers.ssnLessThan(0x8000, 0)).isFalse();
        assertThat(SerialNumbers.ssnLessThanOrEqual(3, 3)).isTrue();
        assertThat(SerialNumbers.ssnNext(65535)).isZero();
        assertThat(SerialNumbers.ssnNext(4)).isEqualTo(5);
        assertThatThrownBy(() -> SerialNumbers.ssnNext(65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
