package org.ortc4j.sctp.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFragmenterTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void splitsIntoFragmentsWithBeginningAndEndingFlags() {
        MessageFragmenter f = new MessageFragmenter(false);
        byte[] message = bytes(2500);
        List<OutboundFragment> frags = f.fragment(3, 53, false, message, 1000);
        assertThat(frags).hasSize(3);
        assertThat(frags).extracting(OutboundFragment::beginning).containsExactly(true, false, false);
        assertThat(frags).extracting(OutboundFragment::ending).containsExactly(false, false, true);
        assertThat(frags).extracting(fr -> fr.payload().length).containsExactly(1000, 1000, 500);
        assertThat(frags).allSatisfy(fr -> {
            assertThat(fr.streamId()).isEqualTo(3);
            assertThat(fr.ppid()).isEqualTo(53);
            assertThat(fr.sequence()).isZero(); // RFC 9260 §6.9: every fragment carries the message's SSN
        });
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        frags.forEach(fr -> joined.writeBytes(fr.payload()));
        assertThat(joined.toByteArray()).isEqualTo(message);
    }

    @Test
    void aMessageThatFitsIsOneFragmentWithBothFlags() {
        List<OutboundFragment> frags = new MessageFragmenter(false).fragment(0, 51, false, bytes(1000), 1000);
        assertThat(frags).singleElement().satisfies(fr -> {
            assertThat(fr.beginning()).isTrue();
            assertThat(fr.ending()).isTrue();
        });
    }

    @Test
    void orderedMessagesTakeConsecutiveSsnsPerStreamAndWrapAt65535() {
        MessageFragmenter f = new MessageFragmenter(false);
        for (int i = 0; i < 65535; i++) {
            f.fragment(1, 51, false, bytes(1), 100);
        }
        assertThat(f.nextSequence(1)).isEqualTo(65535);
        assertThat(f.fragment(1, 51, false, bytes(1), 100).get(0).sequence()).isEqualTo(65535);
        assertThat(f.fragment(1, 51, false, bytes(1), 100).get(0).sequence()).isZero();
        assertThat(f.fragment(2, 51, false, bytes(1), 100).get(0).sequence()).isZero(); // its own counter
        // Unordered DATA messages do not use up SSNs.
        assertThat(f.fragment(1, 51, true, bytes(1), 100).get(0).sequence()).isZero();
        assertThat(f.nextSequence(1)).isEqualTo(1);
    }

    @Test
    void resetStartsTheStreamAgainAtZero() {
        MessageFragmenter f = new MessageFragmenter(false);
        f.fragment(4, 51, false, bytes(1), 100);
        f.fragment(4, 51, false, bytes(1), 100);
        f.resetStream(4);
        assertThat(f.fragment(4, 51, false, bytes(1), 100).get(0).sequence()).isZero();
    }

    @Test
    void interleavingNumbersMessagesByMidAndFragmentsByFsn() {
        // RFC 8260 §2.1: separate MID counters for ordered and unordered messages; FSN from 0.
        MessageFragmenter f = new MessageFragmenter(true);
        assertThat(f.fragment(0, 53, true, bytes(10), 4)).extracting(OutboundFragment::fragmentSequence)
                .containsExactly(0L, 1L, 2L);
        assertThat(f.fragment(0, 53, true, bytes(1), 4).get(0).sequence()).isEqualTo(1);
        assertThat(f.fragment(0, 53, false, bytes(1), 4).get(0).sequence()).isZero();
    }

    @Test
    void refusesEmptyMessagesAndBadSizes() {
        MessageFragmenter f = new MessageFragmenter(false);
        assertThatThrownBy(() -> f.fragment(0, 51, false, new byte[0], 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.fragment(0, 51, false, bytes(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.fragment(65536, 51, false, bytes(1), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
