package org.ortc4j.sctp.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboundReassemblerTest {

    private final List<ReassembledMessage> delivered = new ArrayList<>();

    /** Sent fragments with TSNs assigned in order, as the association's sender would. */
    private static List<InboundFragment> withTsns(long firstTsn, List<OutboundFragment> out) {
        List<InboundFragment> in = new ArrayList<>();
        long tsn = firstTsn;
        for (OutboundFragment f : out) {
            in.add(new InboundFragment(tsn, f.streamId(), f.sequence(), 0, f.ppid(), f.unordered(),
                    f.beginning(), f.ending(), f.payload()));
            tsn = SerialNumbers.nextTsn(tsn);
        }
        return in;
    }

    private static InboundFragment single(long tsn, int stream, int ssn, boolean unordered, int marker) {
        return new InboundFragment(tsn, stream, ssn, 0, 51, unordered, true, true, new byte[] {(byte) marker});
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 1200})
    void reassemblesShuffledFragmentsAtSeveralSizes(int fragmentSize) {
        Random random = new Random(6_832L + fragmentSize);
        MessageFragmenter sender = new MessageFragmenter(false);
        List<OutboundFragment> out = new ArrayList<>();
        Map<String, byte[]> sent = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            int stream = random.nextInt(4);
            boolean unordered = random.nextInt(3) == 0;
            byte[] message = new byte[1 + random.nextInt(3000)];
            random.nextBytes(message);
            message[0] = (byte) i;
            List<OutboundFragment> frags = sender.fragment(stream, 53, unordered, message, fragmentSize);
            sent.put(stream + "/" + i, message);
            out.addAll(frags);
        }
        // TSNs start just below 2^32 so reassembly crosses the wrap.
        List<InboundFragment> in = withTsns(0xFFFF_FF00L, out);
        List<InboundFragment> arrival = new ArrayList<>(in);
        // Duplicates: the network repeats some chunks; the association lets each TSN through once.
        for (int i = 0; i < in.size() / 10; i++) {
            arrival.add(in.get(random.nextInt(in.size())));
        }
        Collections.shuffle(arrival, random);

        InboundReassembler reassembler = new InboundReassembler(1 << 20, 100_000);
        Set<Long> passed = new HashSet<>();
        for (InboundFragment f : arrival) {
            if (passed.add(f.tsn())) {
                assertThat(reassembler.receive(f, delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
            }
        }

        assertThat(delivered).hasSize(60);
        Map<String, byte[]> received = new HashMap<>();
        Map<Integer, Long> lastSsn = new HashMap<>();
        for (ReassembledMessage m : delivered) {
            received.put(m.streamId() + "/" + (m.payload()[0] & 0xFF), m.payload());
            if (!m.unordered()) {
                // RFC 9260 §6.6: ordered messages of a stream come out strictly by SSN.
                long expected = lastSsn.getOrDefault(m.streamId(), -1L) + 1;
                assertThat(m.sequence()).isEqualTo(expected);
                lastSsn.put(m.streamId(), m.sequence());
            }
        }
        assertThat(received).containsOnlyKeys(sent.keySet());
        sent.forEach((k, v) -> assertThat(received.get(k)).as(k).isEqualTo(v));
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.bufferedMessages()).isZero();
    }

    @Test
    void orderedWaitsForTheEarlierSsnWhileUnorderedGoesAtOnce() {
        InboundReassembler r = new InboundReassembler(10_000, 100);
        assertThat(r.receive(single(11, 0, 1, false, 'b'), delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(delivered).isEmpty();
        assertThat(r.bufferedMessages()).isEqualTo(1);
        r.receive(single(12, 0, 0, true, 'u'), delivered::add);
        assertThat(delivered).extracting(m -> (char) m.payload()[0]).containsExactly('u');
        r.receive(single(10, 0, 0, false, 'a'), delivered::add);
        assertThat(delivered).extracting(m -> (char) m.payload()[0]).containsExactly('u', 'a', 'b');
        assertThat(r.expectedSsn(0)).isEqualTo(2);
    }

    @Test
    void streamsAreIndependent() {
        InboundReassembler r = new InboundReassembler(10_000, 100);
        r.receive(single(2, 1, 1, false, 'x'), delivered::add); // stream 1 waits for SSN 0
        r.receive(single(3, 2, 0, false, 'y'), delivered::add); // stream 2 is not blocked by it
        assertThat(delivered).extracting(m -> (char) m.payload()[0]).containsExactly('y');
    }

    @Test
    void ssnWrapsFrom65535ToZero() {
        InboundReassembler r = new InboundReassembler(1 << 20, 100);
        MessageFragmenter sender = new MessageFragmenter(false);
        long tsn = 1;
        for (int i = 0; i < 65535; i++) {
            List<InboundFragment> in = withTsns(tsn++, sender.fragment(5, 51, false, new byte[] {1}, 10));
            r.receive(in.get(0), delivered::add);
        }
        assertThat(r.expectedSsn(5)).isEqualTo(65535);
        delivered.clear();
        List<InboundFragment> ssn65535 = withTsns(tsn, sender.fragment(5, 51, false, new byte[] {'a'}, 10));
        List<InboundFragment> ssn0 = withTsns(tsn + 1, sender.fragment(5, 51, false, new byte[] {'b'}, 10));
        assertThat(ssn0.get(0).sequence()).isZero();
        r.receive(ssn0.get(0), delivered::add); // SSN 0 after the wrap is ahead of 65535, so it waits
        assertThat(delivered).isEmpty();
        r.receive(ssn65535.get(0), delivered::add);
        assertThat(delivered).extracting(ReassembledMessage::sequence).containsExactly(65535L, 0L);
        assertThat(r.expectedSsn(5)).isEqualTo(1);
    }

    @Test
    void duplicatesOfHeldOrDeliveredFragmentsAreIgnored() {
        InboundReassembler r = new InboundReassembler(10_000, 100);
        InboundFragment first = new InboundFragment(20, 0, 0, 0, 53, false, true, false, new byte[] {1, 2});
        InboundFragment last = new InboundFragment(21, 0, 0, 0, 53, false, false, true, new byte[] {3});
        assertThat(r.receive(first, delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(r.receive(first, delivered::add)).isEqualTo(ReassemblyOutcome.DUPLICATE);
        assertThat(r.bufferedBytes()).isEqualTo(2);
        assertThat(r.receive(last, delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(delivered).singleElement().satisfies(m -> assertThat(m.payload()).containsExactly(1, 2, 3));
        assertThat(r.receive(last, delivered::add)).isEqualTo(ReassemblyOutcome.STALE);
        assertThat(r.bufferedBytes()).isZero();
        // A complete message waiting for an earlier SSN is not taken twice either.
        r.receive(single(30, 0, 2, false, 9), delivered::add);
        assertThat(r.receive(single(31, 0, 2, false, 9), delivered::add)).isEqualTo(ReassemblyOutcome.STALE);
    }

    @Test
    void aFloodIsRefusedNotBuffered() {
        InboundReassembler bytes = new InboundReassembler(1000, 100);
        // Ordered messages after a missing SSN 0 pile up until the byte limit.
        for (int ssn = 1; ssn <= 10; ssn++) {
            assertThat(bytes.receive(new InboundFragment(ssn, 0, ssn, 0, 53, false, true, true, new byte[100]),
                    delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        }
        assertThat(bytes.receive(new InboundFragment(11, 0, 11, 0, 53, false, true, true, new byte[1]), delivered::add))
                .isEqualTo(ReassemblyOutcome.LIMIT_EXCEEDED);
        assertThat(bytes.bufferedBytes()).isEqualTo(1000);

        InboundReassembler count = new InboundReassembler(1 << 20, 5);
        // Middle fragments that never complete: each one counts.
        for (int i = 0; i < 5; i++) {
            assertThat(count.receive(new InboundFragment(100 + 2 * i, 1, 0, 0, 53, true, false, false, new byte[1]),
                    delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        }
        assertThat(count.receive(new InboundFragment(200, 1, 0, 0, 53, true, false, false, new byte[1]), delivered::add))
                .isEqualTo(ReassemblyOutcome.LIMIT_EXCEEDED);
        assertThat(count.bufferedMessages()).isEqualTo(5);
        assertThat(delivered).isEmpty();
    }

    @Test
    void forwardTsnDropsAbandonedFragmentsAndDeliversWhatWasWaiting() {
        InboundReassembler r = new InboundReassembler(10_000, 100);
        // Stream 0: SSN 0 is abandoned after its first fragment (TSN 1) arrived; SSN 1 (TSN 3) is complete.
        r.receive(new InboundFragment(1, 0, 0, 0, 53, false, true, false, new byte[] {1}), delivered::add);
        r.receive(single(3, 0, 1, false, 'b'), delivered::add);
        // An unordered partial message at TSN 4 is abandoned as well.
        r.receive(new InboundFragment(4, 2, 0, 0, 53, true, true, false, new byte[] {1}), delivered::add);
        // Stream 1: SSN 0 is complete and waits behind nothing; SSN 2 waits behind the abandoned SSN 1.
        r.receive(single(7, 1, 2, false, 'z'), delivered::add);
        assertThat(delivered).isEmpty();

        // RFC 3758 §3.6: the new cumulative TSN 6 covers TSNs 1..6; stream 0 skips through SSN 0,
        // stream 1 through SSN 1.
        r.forwardTsn(6, List.of(new SkippedStream(0, false, 0), new SkippedStream(1, false, 1)), delivered::add);

        assertThat(delivered).extracting(m -> m.streamId() + ":" + m.sequence()).containsExactly("0:1", "1:2");
        assertThat(r.expectedSsn(0)).isEqualTo(2);
        assertThat(r.expectedSsn(1)).isEqualTo(3);
        assertThat(r.bufferedBytes()).isZero();
        assertThat(r.bufferedMessages()).isZero();
        // A late fragment of a skipped message is stale.
        assertThat(r.receive(single(9, 1, 1, false, 'y'), delivered::add)).isEqualTo(ReassemblyOutcome.STALE);
    }

    @Test
    void forwardTsnDeliversCompleteMessagesUpToTheSkippedSsnInOrder() {
        InboundReassembler r = new InboundReassembler(10_000, 100);
        // SSN 0 lost and abandoned, SSN 1 and 3 complete, SSN 2 abandoned; FORWARD-TSN skips through SSN 2.
        r.receive(single(11, 0, 3, false, 'd'), delivered::add);
        r.receive(single(9, 0, 1, false, 'b'), delivered::add);
        r.forwardTsn(10, List.of(new SkippedStream(0, false, 2)), delivered::add);
        assertThat(delivered).extracting(ReassembledMessage::sequence).containsExactly(1L, 3L);
        assertThat(r.expectedSsn(0)).isEqualTo(4);
    }

    @Test
    void anOldForwardTsnChangesNothing() {
        InboundReassembler r = new InboundReassembler(10_000, 100);
        r.receive(single(1, 0, 0, false, 'a'), delivered::add);
        r.receive(single(2, 0, 1, false, 'b'), delivered::add);
        r.forwardTsn(2, List.of(new SkippedStream(0, false, 0)), delivered::add);
        assertThat(r.expectedSsn(0)).isEqualTo(2);
    }

    @Test
    void streamResetStartsTheIncomingSsnAgainAtZero() {
        // RFC 6525 §5.2.2: the incoming stream's SSN is reset to 0.
        InboundReassembler r = new InboundReassembler(10_000, 100);
        r.receive(single(1, 3, 0, false, 'a'), delivered::add);
        r.receive(single(2, 3, 1, false, 'b'), delivered::add);
        r.resetStream(3);
        assertThat(r.expectedSsn(3)).isZero();
        assertThat(r.receive(single(3, 3, 0, false, 'c'), delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(delivered).extracting(m -> (char) m.payload()[0]).containsExactly('a', 'b', 'c');
    }

    @Test
    void fragmentsOfDifferentMessagesDoNotJoin() {
        InboundReassembler r = new InboundReassembler(10_000, 100);
        // TSN 1 begins SSN 0 on stream 0, TSN 2 ends a message on stream 1: consecutive TSNs, not one message.
        r.receive(new InboundFragment(1, 0, 0, 0, 53, false, true, false, new byte[] {1}), delivered::add);
        r.receive(new InboundFragment(2, 1, 0, 0, 53, false, false, true, new byte[] {2}), delivered::add);
        assertThat(delivered).isEmpty();
        assertThat(r.bufferedMessages()).isEqualTo(2);
    }

    @Test
    void iDataShapedInputIsABadCallNotData() {
        InboundReassembler r = new InboundReassembler(10_000, 100);
        // DATA has a 16-bit SSN and no FSN (RFC 9260 §3.3.1); such input is the association's bug.
        assertThatThrownBy(() -> r.receive(new InboundFragment(1, 0, 0x1_0000, 0, 53, false, true, true,
                new byte[1]), delivered::add)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.receive(new InboundFragment(1, 0, 0, 1, 53, false, false, true,
                new byte[1]), delivered::add)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.forwardTsn(1, List.of(new SkippedStream(0, true, 0)), delivered::add))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(r.bufferedMessages()).isZero();
    }

    @Test
    void aLargeMessageArrivingInOrderIsJoinedWhole() {
        // 4 MiB in 1200-byte fragments (the data path of a bulk transfer): each fragment is held
        // until the last one arrives, then the message comes out once, intact.
        byte[] message = new byte[4 << 20];
        new Random(4).nextBytes(message);
        List<OutboundFragment> frags = new MessageFragmenter(false).fragment(2, 53, false, message, 1200);
        List<InboundFragment> in = withTsns(77, frags);
        Reassembler r = new InboundReassembler(8 << 20, 10_000);
        for (InboundFragment f : in) {
            assertThat(r.receive(f, delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        }
        assertThat(delivered).singleElement().satisfies(m -> {
            assertThat(m.payload()).isEqualTo(message);
            assertThat(m.ppid()).isEqualTo(53);
        });
        assertThat(r.bufferedBytes()).isZero();
        assertThat(r.bufferedMessages()).isZero();
    }

    @Test
    void resettingAllStreamsStartsEveryOrderedStreamAgain() {
        InboundReassembler r = new InboundReassembler(10_000, 100);
        r.receive(single(1, 1, 0, false, 'a'), delivered::add);
        r.receive(single(2, 2, 1, false, 'w'), delivered::add); // waits for SSN 0, dropped by the reset
        r.receive(new InboundFragment(3, 3, 0, 0, 53, true, true, false, new byte[] {1}), delivered::add); // unordered, kept
        r.resetAllStreams();
        assertThat(r.expectedSsn(1)).isZero();
        assertThat(r.bufferedMessages()).isEqualTo(1);
        assertThat(r.bufferedBytes()).isEqualTo(1);
        r.receive(single(5, 1, 0, false, 'b'), delivered::add);
        r.receive(new InboundFragment(4, 3, 0, 0, 53, true, false, true, new byte[] {2}), delivered::add);
        assertThat(delivered).extracting(m -> m.payload().length).containsExactly(1, 1, 2);
        assertThat(r.bufferedMessages()).isZero();
    }
}
