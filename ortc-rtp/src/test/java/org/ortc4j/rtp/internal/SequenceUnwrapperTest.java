package org.ortc4j.rtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceUnwrapperTest {

    @Test
    void sequenceNumbersCountOnAcrossTheWrap() {
        SequenceUnwrapper unwrapper = SequenceUnwrapper.forSequenceNumbers();
        long first = unwrapper.unwrap(65_534);
        assertThat(unwrapper.unwrap(65_535)).isEqualTo(first + 1);
        assertThat(unwrapper.unwrap(0)).isEqualTo(first + 2);
        assertThat(unwrapper.unwrap(1)).isEqualTo(first + 3);
        assertThat(unwrapper.highest()).isEqualTo(first + 3);
    }

    @Test
    void aLateValueUnwrapsBelowTheNewestAndLeavesTheHighestAlone() {
        SequenceUnwrapper unwrapper = SequenceUnwrapper.forSequenceNumbers();
        long first = unwrapper.unwrap(2);
        assertThat(unwrapper.unwrap(65_535)).isEqualTo(first - 3);
        assertThat(unwrapper.highest()).isEqualTo(first);
        assertThat(first - 3).isNotNegative();
    }

    @Test
    void aJumpOfMoreThanHalfTheRangeIsTakenAsOld() {
        SequenceUnwrapper unwrapper = SequenceUnwrapper.forSequenceNumbers();
        long first = unwrapper.unwrap(0);
        assertThat(unwrapper.unwrap(40_000)).isEqualTo(first + 40_000 - 65_536);
        assertThat(unwrapper.unwrap(30_000)).isEqualTo(first + 30_000);
    }

    @Test
    void peekDoesNotMoveTheCount() {
        SequenceUnwrapper unwrapper = SequenceUnwrapper.forSequenceNumbers();
        long first = unwrapper.unwrap(100);
        assertThat(unwrapper.peek(101)).isEqualTo(first + 1);
        assertThat(unwrapper.highest()).isEqualTo(first);
        assertThat(unwrapper.unwrap(101)).isEqualTo(first + 1);
    }

    @Test
    void timestampsWrapAt32Bits() {
        SequenceUnwrapper unwrapper = SequenceUnwrapper.forTimestamps();
        long first = unwrapper.unwrap(0xFFFF_FF00L);
        assertThat(unwrapper.unwrap(0x0000_0100L)).isEqualTo(first + 0x200);
        assertThat(unwrapper.unwrap(-256)).isEqualTo(first);
    }
}
