package org.ortc4j.sctp.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InterleavedReassemblerTest {

    private final List<ReassembledMessage> delivered = new ArrayList<>();

    /**
     * What the association makes of a received I-DATA chunk: RFC 8260 §2.1, the PPID/FSN field
     * carries the PPID on the B fragment (whose FSN is 0) and the FSN on the others.
     */
    private static InboundFragment received(long tsn, OutboundFragment f) {
        return new InboundFragment(tsn, f.streamId(), f.sequence(), f.beginning() ? 0 : f.fragmentSequence(),
                f.beginning() ? f.ppid() : 0, f.unordered(), f.beginning(), f.ending(), f.payload());
    }

    private static InboundFragment fragment(long tsn, int stream, long mid, long fsn, boolean unordered,
            boolean b, boolean e, int marker) {
        return new InboundFragment(tsn, stream, mid, fsn, b ? 53 : 0, unordered, b, e, new byte[] {(byte) marker});
    }

    private static InboundFragment single(long tsn, int stream, long mid, boolean unordered, int marker) {
        return fragment(tsn, stream, mid, 0, unordered, true, true, marker);
    }

    private List<Character> markers() {
        List<Character> out = new ArrayList<>();
        delivered.forEach(m -> out.add((char) m.payload()[0]));
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 1200})
    void reassemblesShuffledDuplicatedInterleavedMessagesOfSeveralStreams(int fragmentSize) {
        Random random = new Random(8_260L + fragmentSize);
        MessageFragmenter sender = new MessageFragmenter(true);
        List<List<OutboundFragment>> messages = new ArrayList<>();
        Map<String, byte[]> sent = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            int stream = random.nextInt(4);
            boolean unordered = random.nextInt(3) == 0;
            byte[] message = new byte[1 + random.nextInt(3000)];
            random.nextBytes(message);
            message[0] = (byte) i;
            messages.add(new ArrayList<>(sender.fragment(stream, 50 + i, unordered, message, fragmentSize)));
            sent.put(stream + "/" + i + "/" + (50 + i), message);
        }
        // RFC 8260 §1: the sender interleaves the fragments of messages; here it takes the next
        // fragment of a random unfinished message each time, so TSN order mixes all of them.
        List<OutboundFragment> sendingOrder = new ArrayList<>();
        List<List<OutboundFragment>> unfinished = new ArrayList<>(messages);
        while (!unfinished.isEmpty()) {
            int pick = random.nextInt(Math.min(5, unfinished.size()));
            List<OutboundFragment> m = unfinished.get(pick);
            sendingOrder.add(m.remove(0));
            if (m.isEmpty()) {
                unfinished.remove(pick);
            }
        }
        // TSNs start just below 2^32 so they cross the wrap.
        List<InboundFragment> arrival = new ArrayList<>();
        long tsn = 0xFFFF_FF00L;
        for (OutboundFragment f : sendingOrder) {
            arrival.add(received(tsn, f));
            tsn = SerialNumbers.nextTsn(tsn);
        }
        // A peer repeating an ordered fragment under a new TSN: once held it is a duplicate, once
        // delivered it is stale. (An unordered message leaves no trace once delivered; the
        // association's TSN bookkeeping keeps its chunks from coming twice.)
        List<InboundFragment> repeated = new ArrayList<>();
        for (int i = 0; i < arrival.size() / 10; i++) {
            InboundFragment f = arrival.get(random.nextInt(arrival.size()));
            if (f.unordered()) {
                continue;
            }
            repeated.add(new InboundFragment(tsn, f.streamId(), f.sequence(), f.fragmentSequence(), f.ppid(),
                    f.unordered(), f.beginning(), f.ending(), f.payload()));
            tsn = SerialNumbers.nextTsn(tsn);
        }
        Collections.shuffle(arrival, random);

        InterleavedReassembler reassembler = new InterleavedReassembler(1 << 20, 1_000_000);
        for (InboundFragment f : arrival) {
            assertThat(reassembler.receive(f, delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        }
        for (InboundFragment f : repeated) {
            // Held or delivered: never accepted a second time, never delivered twice.
            assertThat(reassembler.receive(f, delivered::add)).isNotEqualTo(ReassemblyOutcome.ACCEPTED);
        }

        assertThat(delivered).hasSize(60);
        Map<String, byte[]> received = new HashMap<>();
        Map<Integer, Long> lastMid = new HashMap<>();
        for (ReassembledMessage m : delivered) {
            received.put(m.streamId() + "/" + (m.payload()[0] & 0xFF) + "/" + m.ppid(), m.payload());
            if (!m.unordered()) {
                // Ordered messages of a stream come out strictly by MID.
                long expected = lastMid.getOrDefault(m.streamId(), -1L) + 1;
                assertThat(m.sequence()).isEqualTo(expected);
                lastMid.put(m.streamId(), m.sequence());
            }
        }
        assertThat(received).containsOnlyKeys(sent.keySet());
        sent.forEach((k, v) -> assertThat(received.get(k)).as(k).isEqualTo(v));
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.bufferedMessages()).isZero();
    }

    @Test
    void fragmentsAreJoinedByFsnNotByTsnAdjacency() {
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        // Two messages of stream 0 interleaved: A = MID 0 (TSNs 1, 3, 5), B = MID 1 (TSNs 2, 4).
        r.receive(fragment(5, 0, 0, 2, false, false, true, 'c'), delivered::add);
        r.receive(fragment(2, 0, 1, 0, false, true, false, 'x'), delivered::add);
        r.receive(fragment(4, 0, 1, 1, false, false, true, 'y'), delivered::add);
        // B is complete but waits for A (RFC 8260: ordered by MID).
        assertThat(delivered).isEmpty();
        assertThat(r.bufferedMessages()).isEqualTo(2);
        r.receive(fragment(1, 0, 0, 0, false, true, false, 'a'), delivered::add);
        r.receive(fragment(3, 0, 0, 1, false, false, false, 'b'), delivered::add);
        assertThat(delivered).extracting(m -> new String(m.payload())).containsExactly("abc", "xy");
        assertThat(delivered).extracting(ReassembledMessage::ppid).containsOnly(53);
        assertThat(r.expectedMid(0)).isEqualTo(2);
        assertThat(r.bufferedBytes()).isZero();
    }

    @Test
    void unorderedGoesAtOnceAndHasItsOwnMidNumbering() {
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        r.receive(single(1, 0, 1, false, 'b'), delivered::add); // ordered MID 1 waits for MID 0
        r.receive(single(2, 0, 1, true, 'u'), delivered::add); // unordered MID 1 is another message
        r.receive(single(3, 0, 0, true, 'v'), delivered::add);
        assertThat(markers()).containsExactly('u', 'v');
        assertThat(delivered).extracting(ReassembledMessage::sequence).containsExactly(1L, 0L);
        r.receive(single(4, 0, 0, false, 'a'), delivered::add);
        assertThat(markers()).containsExactly('u', 'v', 'a', 'b');
    }

    @Test
    void midWrapsFrom2Pow32Minus1ToZero() {
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        // Skip the stream to MID 0xFFFF_FFFE (in two steps, each less than 2^31 ahead), then
        // receive the messages around the wrap out of order.
        r.forwardTsn(9, List.of(new SkippedStream(7, false, 0x7FFF_FFFFL)), delivered::add);
        r.forwardTsn(10, List.of(new SkippedStream(7, false, 0xFFFF_FFFDL)), delivered::add);
        assertThat(r.expectedMid(7)).isEqualTo(0xFFFF_FFFEL);
        r.receive(single(11, 7, 0, false, 'c'), delivered::add);
        r.receive(single(12, 7, 0xFFFF_FFFFL, false, 'b'), delivered::add);
        assertThat(delivered).isEmpty(); // 0 comes after 0xFFFF_FFFF in serial arithmetic, which comes after 0xFFFF_FFFE
        r.receive(single(13, 7, 0xFFFF_FFFEL, false, 'a'), delivered::add);
        assertThat(markers()).containsExactly('a', 'b', 'c');
        assertThat(r.expectedMid(7)).isEqualTo(1);
        // Below the expected MID (serially) is stale, even though numerically larger.
        assertThat(r.receive(single(14, 7, 0xFFFF_FFFFL, false, 'z'), delivered::add))
                .isEqualTo(ReassemblyOutcome.STALE);
    }

    @Test
    void fragmentsThatContradictTheMessageAreIgnored() {
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        assertThat(r.receive(fragment(1, 0, 0, 0, true, true, false, 'a'), delivered::add))
                .isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(r.receive(fragment(2, 0, 0, 2, true, false, true, 'c'), delivered::add))
                .isEqualTo(ReassemblyOutcome.ACCEPTED);
        // The same FSN again, under another TSN.
        assertThat(r.receive(fragment(3, 0, 0, 2, true, false, true, 'x'), delivered::add))
                .isEqualTo(ReassemblyOutcome.DUPLICATE);
        // Past the fragment with the E bit.
        assertThat(r.receive(fragment(4, 0, 0, 3, true, false, false, 'x'), delivered::add))
                .isEqualTo(ReassemblyOutcome.STALE);
        // An E before fragments already held.
        assertThat(r.receive(fragment(5, 0, 0, 1, true, false, true, 'x'), delivered::add))
                .isEqualTo(ReassemblyOutcome.STALE);
        // RFC 8260 §2.1: FSN 0 is the first fragment's, which has the B bit.
        assertThat(r.receive(fragment(6, 0, 9, 0, true, false, false, 'x'), delivered::add))
                .isEqualTo(ReassemblyOutcome.STALE);
        assertThat(r.bufferedMessages()).isEqualTo(2);
        assertThat(r.receive(fragment(7, 0, 0, 1, true, false, false, 'b'), delivered::add))
                .isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(delivered).singleElement().satisfies(m -> assertThat(new String(m.payload())).isEqualTo("abc"));
        // A B fragment names FSN 0 by definition; anything else is the caller's bug.
        assertThatThrownBy(() -> r.receive(fragment(8, 0, 5, 1, true, true, false, 'x'), delivered::add))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderedFragmentsOfDeliveredOrWaitingMessagesAreStale() {
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        r.receive(single(1, 0, 0, false, 'a'), delivered::add);
        r.receive(single(2, 0, 2, false, 'c'), delivered::add);
        assertThat(r.receive(single(3, 0, 0, false, 'a'), delivered::add)).isEqualTo(ReassemblyOutcome.STALE);
        assertThat(r.receive(fragment(4, 0, 2, 1, false, false, true, 'c'), delivered::add))
                .isEqualTo(ReassemblyOutcome.STALE);
        assertThat(r.bufferedMessages()).isEqualTo(1);
    }

    @Test
    void aFloodIsRefusedNotBuffered() {
        InterleavedReassembler bytes = new InterleavedReassembler(1000, 100);
        // Ordered messages after a missing MID 0 pile up until the byte limit.
        for (int mid = 1; mid <= 10; mid++) {
            assertThat(bytes.receive(new InboundFragment(mid, 0, mid, 0, 53, false, true, true, new byte[100]),
                    delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        }
        assertThat(bytes.receive(new InboundFragment(11, 0, 11, 0, 53, false, true, true, new byte[1]),
                delivered::add)).isEqualTo(ReassemblyOutcome.LIMIT_EXCEEDED);
        assertThat(bytes.bufferedBytes()).isEqualTo(1000);

        InterleavedReassembler count = new InterleavedReassembler(1 << 20, 5);
        // Middle fragments of messages that never complete: each one counts.
        for (int i = 0; i < 5; i++) {
            assertThat(count.receive(fragment(100 + i, 1, i, 1, true, false, false, 'x'), delivered::add))
                    .isEqualTo(ReassemblyOutcome.ACCEPTED);
        }
        assertThat(count.receive(fragment(200, 1, 0, 2, true, false, false, 'x'), delivered::add))
                .isEqualTo(ReassemblyOutcome.LIMIT_EXCEEDED);
        assertThat(count.bufferedMessages()).isEqualTo(5);
        assertThat(delivered).isEmpty();
    }

    @Test
    void iForwardTsnSkipsOrderedMessagesAndDeliversWhatWasWaiting() {
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        // Stream 0: MID 0 abandoned after its first fragment; MID 1 complete, waiting.
        r.receive(fragment(1, 0, 0, 0, false, true, false, 'a'), delivered::add);
        r.receive(single(2, 0, 1, false, 'b'), delivered::add);
        // Stream 0 MID 3 partial (not skipped) and MID 4 complete, waiting behind it.
        r.receive(fragment(3, 0, 3, 0, false, true, false, 'd'), delivered::add);
        r.receive(single(4, 0, 4, false, 'e'), delivered::add);
        assertThat(delivered).isEmpty();

        // RFC 8260 §2.3.1: stream 0, ordered, MIDs up to 2 skipped.
        r.forwardTsn(2, List.of(new SkippedStream(0, false, 2)), delivered::add);

        assertThat(markers()).containsExactly('b');
        assertThat(r.expectedMid(0)).isEqualTo(3);
        // MID 3's first fragment is still held and completes normally; MID 4 follows.
        r.receive(fragment(5, 0, 3, 1, false, false, true, 'D'), delivered::add);
        assertThat(markers()).containsExactly('b', 'd', 'e');
        assertThat(r.bufferedBytes()).isZero();
        assertThat(r.bufferedMessages()).isZero();
        // A late fragment of the skipped MID 0 is stale.
        assertThat(r.receive(fragment(9, 0, 0, 1, false, false, true, 'y'), delivered::add))
                .isEqualTo(ReassemblyOutcome.STALE);
    }

    @Test
    void iForwardTsnWithTheUBitDropsOnlyUnorderedMessages() {
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        r.receive(fragment(1, 2, 0, 0, true, true, false, 'u'), delivered::add); // unordered MID 0, abandoned
        r.receive(fragment(2, 2, 1, 0, true, true, false, 'v'), delivered::add); // unordered MID 1, kept
        r.receive(fragment(3, 2, 0, 0, false, true, false, 'o'), delivered::add); // ordered MID 0, kept
        r.forwardTsn(3, List.of(new SkippedStream(2, true, 0)), delivered::add);
        assertThat(r.bufferedMessages()).isEqualTo(2);
        assertThat(r.expectedMid(2)).isZero(); // the ordered numbering is untouched
        r.receive(fragment(4, 2, 1, 1, true, false, true, 'V'), delivered::add);
        r.receive(fragment(5, 2, 0, 1, false, false, true, 'O'), delivered::add);
        assertThat(delivered).extracting(m -> new String(m.payload())).containsExactly("vV", "oO");
        assertThat(r.bufferedMessages()).isZero();
    }

    @Test
    void anOldIForwardTsnChangesNothing() {
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        r.receive(single(1, 0, 0, false, 'a'), delivered::add);
        r.receive(single(2, 0, 1, false, 'b'), delivered::add);
        r.forwardTsn(2, List.of(new SkippedStream(0, false, 0)), delivered::add);
        assertThat(r.expectedMid(0)).isEqualTo(2);
        assertThat(markers()).containsExactly('a', 'b');
    }

    @Test
    void streamResetStartsBothMidNumberingsAgainAtZero() {
        // RFC 6525 §5.2.2 with RFC 8260 §3: the incoming stream's MIDs start again at 0.
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        r.receive(single(1, 3, 0, false, 'a'), delivered::add);
        r.receive(single(2, 3, 1, false, 'b'), delivered::add);
        r.receive(single(3, 3, 5, false, 'w'), delivered::add); // waiting, dropped by the reset
        r.receive(fragment(4, 3, 0, 0, true, true, false, 'p'), delivered::add); // partial, dropped
        r.receive(single(5, 4, 1, false, 'q'), delivered::add); // another stream, kept
        r.resetStream(3);
        assertThat(r.expectedMid(3)).isZero();
        assertThat(r.bufferedMessages()).isEqualTo(1);
        assertThat(r.bufferedBytes()).isEqualTo(1);
        assertThat(r.receive(single(6, 3, 0, false, 'c'), delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(r.receive(single(7, 3, 0, true, 'd'), delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(markers()).containsExactly('a', 'b', 'c', 'd');
    }

    @Test
    void aLargeMessageArrivingInOrderIsJoinedWhole() {
        // 4 MiB in 1200-byte fragments (the data path of a bulk transfer): each fragment is held
        // until the last one arrives, then the message comes out once, intact.
        byte[] message = new byte[4 << 20];
        new Random(4).nextBytes(message);
        List<OutboundFragment> frags = new MessageFragmenter(true).fragment(2, 53, false, message, 1200);
        List<InboundFragment> in = new ArrayList<>();
        for (int i = 0; i < frags.size(); i++) {
            in.add(received(77 + i, frags.get(i)));
        }
        Reassembler r = new InterleavedReassembler(8 << 20, 10_000);
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
    void resettingAllStreamsDropsEverythingOfTheOldNumbering() {
        InterleavedReassembler r = new InterleavedReassembler(10_000, 100);
        r.receive(single(1, 1, 0, false, 'a'), delivered::add);
        r.receive(single(2, 2, 1, false, 'w'), delivered::add);
        r.receive(fragment(3, 3, 0, 0, true, true, false, 'p'), delivered::add);
        r.resetAllStreams();
        assertThat(r.expectedMid(1)).isZero();
        assertThat(r.bufferedMessages()).isZero();
        assertThat(r.bufferedBytes()).isZero();
        r.receive(single(4, 1, 0, false, 'b'), delivered::add);
        r.receive(single(5, 2, 0, false, 'c'), delivered::add);
        assertThat(markers()).containsExactly('a', 'b', 'c');
    }
}
