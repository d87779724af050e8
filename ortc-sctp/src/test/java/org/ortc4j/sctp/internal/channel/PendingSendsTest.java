package org.ortc4j.sctp.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingSendsTest {

    @Test
    void entriesComeBackOldestFirstAcrossGrowthAndWrap() {
        PendingSends pending = new PendingSends();
        for (int i = 0; i < 5; i++) {
            pending.add(i);
        }
        assertThat(pending.poll()).isZero();
        assertThat(pending.poll()).isEqualTo(1);
        for (int i = 5; i < 40; i++) {
            pending.add(i);
        }
        for (int i = 2; i < 40; i++) {
            assertThat(pending.poll()).isEqualTo(i);
        }
        assertThat(pending.poll()).isEqualTo(-1);
        assertThat(pending.size()).isZero();
    }

    @Test
    void clearReturnsTheBytesStillCounted() {
        PendingSends pending = new PendingSends();
        pending.add(100);
        pending.add(0);
        pending.add(23);
        pending.poll();

        assertThat(pending.clear()).isEqualTo(23);
        assertThat(pending.size()).isZero();
        assertThat(pending.clear()).isZero();
    }
}
