package org.ortc4j.sctp.internal.reconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.sctp.internal.packet.Chunk;
import org.ortc4j.sctp.internal.packet.IncomingSsnResetRequestParameter;
import org.ortc4j.sctp.internal.packet.OutgoingSsnResetRequestParameter;
import org.ortc4j.sctp.internal.packet.Parameter;
import org.ortc4j.sctp.internal.packet.ReconfigChunk;
import org.ortc4j.sctp.internal.packet.ReconfigurationResponseParameter;
import org.ortc4j.sctp.internal.packet.SctpPacket;
import org.ortc4j.sctp.internal.packet.SctpParseException;
import org.ortc4j.sctp.internal.packet.UnknownParameter;

/**
 * Two endpoints' procedures joined by an in-memory link with a one-way delay, in virtual time;
 * every chunk goes through the packet codec, so what is exchanged is what the wire carries.
 */
class StreamResetProcedureTest {

    private static final long RTO = TimeUnit.SECONDS.toNanos(1);
    private static final Duration ONE_WAY = Duration.ofMillis(10);

    private final VirtualScheduler scheduler = new VirtualScheduler();

    /** One side: its procedure, its DATA bookkeeping, and what the procedure told it. */
    private final class Endpoint implements StreamResetProcedure.Output {
        final String name;
        StreamResetProcedure procedure;
        Endpoint peer;
        long lastAssignedTsn; // of our own DATA
        long cumulativeTsnAck; // of the peer's DATA
        Predicate<ReconfigChunk> lose = c -> false;
        final List<ReconfigChunk> sent = new ArrayList<>();
        final List<Long> sentAt = new ArrayList<>();
        final List<int[]> outgoingResets = new ArrayList<>();
        final List<int[]> incomingResets = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final List<Integer> failedResults = new ArrayList<>();

        Endpoint(String name, long initialTsn, long peerInitialTsn) {
            this.name = name;
            this.procedure = new StreamResetProcedure(scheduler, initialTsn, peerInitialTsn, 5, this);
            this.lastAssignedTsn = (initialTsn - 1) & 0xFFFF_FFFFL;
            this.cumulativeTsnAck = (peerInitialTsn - 1) & 0xFFFF_FFFFL;
        }

        @Override
        public void send(ReconfigChunk chunk) {
            sent.add(chunk);
            sentAt.add(scheduler.nanoTime());
            if (lose.test(chunk)) {
                return;
            }
            ReconfigChunk onWire = throughCodec(chunk);
            scheduler.schedule(() -> peer.procedure.onChunk(onWire, peer.cumulativeTsnAck),
                    ONE_WAY.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void outgoingReset(int[] streams) {
            outgoingResets.add(streams);
        }

        @Override
        public void outgoingResetFailed(int[] streams, int result) {
            failedResults.add(result);
        }

        @Override
        public void incomingReset(int[] streams) {
            incomingResets.add(streams);
        }

        @Override
        public long rtoNanos() {
            return RTO;
        }

        @Override
        public void failed(String why) {
            failures.add(why);
        }

        /** Sends DATA the peer receives completely (its cumulative TSN ack follows). */
        void sendData(int chunks) {
            lastAssignedTsn = (lastAssignedTsn + chunks) & 0xFFFF_FFFFL;
        }

        void closeStreams(int... streams) {
            procedure.requestReset(streams);
            procedure.sendPending(lastAssignedTsn);
        }
    }

    private static ReconfigChunk throughCodec(ReconfigChunk chunk) {
        byte[] wire = new SctpPacket(5000, 5000, 1, List.of(chunk)).encode();
        try {
            Chunk decoded = SctpPacket.decode(wire, false).chunks().get(0);
            return (ReconfigChunk) decoded;
        } catch (SctpParseException e) {
            throw new AssertionError(e);
        }
    }

    private final Endpoint a = new Endpoint("a", 1000, 0xFFFF_FFF0L);
    private final Endpoint b = new Endpoint("b", 0xFFFF_FFF0L, 1000);

    {
        a.peer = b;
        b.peer = a;
    }

    /** Delivers all A's DATA to B, as a lossless link would. */
    private void bReceivesAllOfA() {
        b.cumulativeTsnAck = a.lastAssignedTsn;
        b.procedure.onCumulativeTsnAdvanced(b.cumulativeTsnAck);
    }

    private static OutgoingSsnResetRequestParameter request(ReconfigChunk chunk) {
        return (OutgoingSsnResetRequestParameter) chunk.parameters().get(0);
    }

    private static ReconfigurationResponseParameter response(ReconfigChunk chunk, int index) {
        return (ReconfigurationResponseParameter) chunk.parameters().get(index);
    }

    @Test
    void aPerformedResetIsReportedOnBothSides() {
        a.sendData(5);
        bReceivesAllOfA();
        a.closeStreams(1, 3);
        assertThat(a.procedure.isResetting(1)).isTrue();
        assertThat(a.procedure.isResetting(2)).isFalse();

        scheduler.advance(Duration.ofMillis(100));

        // RFC 6525 §4.1: request sequence numbers start at the initial TSN; the request names
        // the last TSN assigned, and the response sequence number is the peer's next expected minus 1.
        OutgoingSsnResetRequestParameter req = request(a.sent.get(0));
        assertThat(Integer.toUnsignedLong(req.requestSequenceNumber())).isEqualTo(1000);
        assertThat(Integer.toUnsignedLong(req.responseSequenceNumber())).isEqualTo(0xFFFF_FFEFL);
        assertThat(Integer.toUnsignedLong(req.sendersLastAssignedTsn())).isEqualTo(1004);
        assertThat(req.streams()).containsExactly(1, 3);

        assertThat(b.incomingResets).containsExactly(new int[] {1, 3});
        assertThat(response(b.sent.get(0), 0).result()).isEqualTo(ReconfigurationResponseParameter.RESULT_SUCCESS_PERFORMED);
        assertThat(a.outgoingResets).containsExactly(new int[] {1, 3});
        assertThat(a.procedure.hasPending()).isFalse();
        assertThat(a.procedure.isResetting(1)).isFalse();
        assertThat(scheduler.pendingTasks()).isZero(); // the retransmission timer is stopped
        assertThat(a.sent).hasSize(1);
    }

    @Test
    void bothSidesClosingAtOnceResetBothDirections() {
        // RFC 8831 §6.7: closing a channel resets the stream in both directions, each side its own.
        a.closeStreams(7);
        b.closeStreams(7);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(a.outgoingResets).containsExactly(new int[] {7});
        assertThat(a.incomingResets).containsExactly(new int[] {7});
        assertThat(b.outgoingResets).containsExactly(new int[] {7});
        assertThat(b.incomingResets).containsExactly(new int[] {7});
    }

    @Test
    void aLostRequestIsRetransmittedUnchangedAfterTheRto() {
        a.lose = c -> a.sent.size() == 1;
        a.closeStreams(2);
        scheduler.advance(Duration.ofMillis(500));
        assertThat(b.incomingResets).isEmpty();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(a.sent).hasSize(2);
        assertThat(a.sent.get(1)).isEqualTo(a.sent.get(0)); // same sequence number, same TSN
        assertThat(a.sentAt.get(1) - a.sentAt.get(0)).isEqualTo(RTO);
        assertThat(b.incomingResets).containsExactly(new int[] {2});
        assertThat(a.outgoingResets).containsExactly(new int[] {2});
    }

    @Test
    void aLostResponseIsAnsweredAgainWithoutResettingTwice() {
        b.lose = c -> b.sent.size() == 1;
        a.sendData(3);
        bReceivesAllOfA();
        a.closeStreams(4);
        scheduler.advance(Duration.ofMillis(500));
        assertThat(b.incomingResets).hasSize(1);
        assertThat(a.outgoingResets).isEmpty();

        // Meanwhile the peer's new data on other streams arrives; the retransmitted request is
        // answered from memory, not performed again.
        a.sendData(2);
        bReceivesAllOfA();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(a.sent).hasSize(2);
        assertThat(b.sent).hasSize(2);
        assertThat(response(b.sent.get(1), 0)).isEqualTo(response(b.sent.get(0), 0));
        assertThat(b.incomingResets).hasSize(1);
        assertThat(a.outgoingResets).containsExactly(new int[] {4});
    }

    @Test
    void aResetWaitsInProgressUntilTheLastAssignedTsnArrives() {
        a.sendData(10); // TSNs 1000..1009; B has received up to 1007 only
        b.cumulativeTsnAck = 1007;
        a.closeStreams(1);
        scheduler.advance(Duration.ofMillis(100));

        // RFC 6525 §5.2.2: deferred reset processing, answered "In progress".
        assertThat(response(b.sent.get(0), 0).result()).isEqualTo(ReconfigurationResponseParameter.RESULT_IN_PROGRESS);
        assertThat(b.incomingResets).isEmpty();
        assertThat(a.outgoingResets).isEmpty();
        // Newer DATA on the stream is held back; older DATA and other streams are not.
        assertThat(b.procedure.holdsBack(1, 1010)).isTrue();
        assertThat(b.procedure.holdsBack(1, 1009)).isFalse();
        assertThat(b.procedure.holdsBack(2, 1010)).isFalse();

        // A asks again after an RTO with the same request; still in progress.
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(a.sent).hasSize(2);
        assertThat(request(a.sent.get(1))).isEqualTo(request(a.sent.get(0)));
        assertThat(response(b.sent.get(1), 0).result()).isEqualTo(ReconfigurationResponseParameter.RESULT_IN_PROGRESS);

        // The missing TSNs arrive: the reset is performed at once, and the next retry is answered "Performed".
        b.cumulativeTsnAck = 1008;
        b.procedure.onCumulativeTsnAdvanced(1008);
        assertThat(b.incomingResets).isEmpty();
        bReceivesAllOfA();
        assertThat(b.incomingResets).containsExactly(new int[] {1});
        assertThat(b.procedure.holdsBack(1, 1010)).isFalse();
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(a.outgoingResets).containsExactly(new int[] {1});
        assertThat(b.incomingResets).hasSize(1);
        assertThat(a.failures).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void aPeerRetryingUnderANewSequenceNumberIsNotResetTwice() {
        // Some implementations ask again with a new request sequence number after "In progress".
        b.cumulativeTsnAck = 0xFFFF_FFF8L;
        ReconfigChunk first = new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(1000, -17, 0xFFFF_FFFA,
                List.of(9))));
        b.procedure.onChunk(first, b.cumulativeTsnAck);
        assertThat(response(b.sent.get(0), 0).result()).isEqualTo(ReconfigurationResponseParameter.RESULT_IN_PROGRESS);
        b.cumulativeTsnAck = 0xFFFF_FFFBL;
        b.procedure.onCumulativeTsnAdvanced(b.cumulativeTsnAck);
        assertThat(b.incomingResets).hasSize(1);
        ReconfigChunk retry = new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(1001, -17, 0xFFFF_FFFA,
                List.of(9))));
        b.procedure.onChunk(retry, b.cumulativeTsnAck);
        assertThat(response(b.sent.get(1), 0).result()).isEqualTo(ReconfigurationResponseParameter.RESULT_SUCCESS_PERFORMED);
        assertThat(b.incomingResets).hasSize(1);
    }

    @Test
    void requestsCoalesceAndGoOneAtATime() {
        a.procedure.requestReset(new int[] {1});
        a.procedure.requestReset(new int[] {2, 1});
        a.procedure.sendPending(a.lastAssignedTsn);
        assertThat(request(a.sent.get(0)).streams()).containsExactly(1, 2);
        // RFC 6525 §5.1: one request outstanding at a time; more streams wait for the answer.
        a.procedure.requestReset(new int[] {3, 1});
        a.procedure.sendPending(a.lastAssignedTsn);
        assertThat(a.sent).hasSize(1);
        assertThat(a.procedure.isResetting(3)).isTrue();
        scheduler.advance(Duration.ofMillis(100));
        assertThat(a.outgoingResets).containsExactly(new int[] {1, 2});
        assertThat(a.procedure.hasPending()).isTrue();
        a.procedure.sendPending(a.lastAssignedTsn);
        OutgoingSsnResetRequestParameter second = request(a.sent.get(1));
        assertThat(second.streams()).containsExactly(3); // 1 was in flight already, not queued again
        assertThat(Integer.toUnsignedLong(second.requestSequenceNumber())).isEqualTo(1001);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(a.outgoingResets).hasSize(2);
        assertThat(a.procedure.hasPending()).isFalse();
    }

    @Test
    void aLongListOfStreamsIsSplitIntoBoundedRequests() {
        int[] streams = new int[1200];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = i;
        }
        a.procedure.requestReset(streams);
        List<Integer> reset = new ArrayList<>();
        while (a.procedure.hasPending()) {
            a.procedure.sendPending(a.lastAssignedTsn);
            scheduler.advance(Duration.ofMillis(100));
            for (int s : a.outgoingResets.get(a.outgoingResets.size() - 1)) {
                reset.add(s);
            }
        }
        assertThat(a.sent).extracting(c -> request(c).streams().size())
                .containsExactly(StreamResetProcedure.MAX_STREAMS_PER_REQUEST, StreamResetProcedure.MAX_STREAMS_PER_REQUEST, 200);
        assertThat(reset).hasSize(1200).doesNotHaveDuplicates();
        assertThat(b.incomingResets).hasSize(3);
    }

    @Test
    void anUnansweredRequestBacksOffThenFails() {
        a.lose = c -> true;
        a.closeStreams(1);
        scheduler.advance(Duration.ofMinutes(10));
        // RTO doubling per timeout (as T3-rtx), 5 retransmissions tolerated, then failure.
        assertThat(a.sent).hasSize(6);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < a.sentAt.size(); i++) {
            gaps.add((a.sentAt.get(i) - a.sentAt.get(i - 1)) / RTO);
        }
        assertThat(gaps).containsExactly(1L, 2L, 4L, 8L, 16L);
        assertThat(a.failures).hasSize(1);
        assertThat(a.procedure.hasPending()).isFalse();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void aDeniedRequestIsReportedAsFailed() {
        a.lose = c -> true; // the answer is made up here
        a.procedure.requestReset(new int[] {6});
        a.procedure.sendPending(a.lastAssignedTsn);
        a.procedure.onChunk(new ReconfigChunk(List.of(new ReconfigurationResponseParameter(1000,
                ReconfigurationResponseParameter.RESULT_DENIED))), a.cumulativeTsnAck);
        assertThat(a.failedResults).containsExactly(ReconfigurationResponseParameter.RESULT_DENIED);
        assertThat(a.procedure.hasPending()).isFalse();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void requestsWeDoNotSupportAreDenied() {
        // An Incoming SSN Reset Request, and an Add Outgoing Streams request (which the codec keeps
        // as an unknown parameter): data channels never ask the peer to reset or add streams.
        b.procedure.onChunk(new ReconfigChunk(List.of(new IncomingSsnResetRequestParameter(1000, List.of(1)))),
                b.cumulativeTsnAck);
        ByteBuffer addStreams = ByteBuffer.allocate(8).putInt(1001).putShort((short) 4).putShort((short) 0).flip();
        b.procedure.onChunk(new ReconfigChunk(List.of(new UnknownParameter(17, addStreams))), b.cumulativeTsnAck);
        assertThat(b.sent).extracting(c -> response(c, 0).result()).containsExactly(
                ReconfigurationResponseParameter.RESULT_DENIED, ReconfigurationResponseParameter.RESULT_DENIED);
        assertThat(b.incomingResets).isEmpty();
        // The sequence numbers were consumed: A's first request must now carry 1002.
        b.procedure.onChunk(new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(1002, 0, 999, List.of()))),
                b.cumulativeTsnAck);
        assertThat(response(b.sent.get(2), 0).result()).isEqualTo(ReconfigurationResponseParameter.RESULT_SUCCESS_PERFORMED);
        assertThat(b.incomingResets).singleElement().satisfies(s -> assertThat(s).isEmpty()); // empty: all streams
    }

    @Test
    void garbageIsDroppedAndCountedNotAnswered() {
        List<Parameter> twoOutgoing = List.of(new OutgoingSsnResetRequestParameter(1000, 0, 999, List.of(1)),
                new OutgoingSsnResetRequestParameter(1001, 0, 999, List.of(2)));
        b.procedure.onChunk(new ReconfigChunk(twoOutgoing), b.cumulativeTsnAck);
        b.procedure.onChunk(new ReconfigChunk(List.of(new UnknownParameter(0x8123, ByteBuffer.allocate(4)))),
                b.cumulativeTsnAck);
        // An Add Streams request too short to hold its fields.
        b.procedure.onChunk(new ReconfigChunk(List.of(new UnknownParameter(17, ByteBuffer.allocate(2)))),
                b.cumulativeTsnAck);
        assertThat(b.procedure.droppedChunks()).isEqualTo(3);
        // A response to nothing we asked.
        b.procedure.onChunk(new ReconfigChunk(List.of(new ReconfigurationResponseParameter(77, 1))), b.cumulativeTsnAck);
        assertThat(b.procedure.ignoredResponses()).isEqualTo(1);
        assertThat(b.sent).isEmpty();
        assertThat(b.incomingResets).isEmpty();

        // A request with a sequence number neither expected nor the last one: RFC 6525 §5.2.1.
        b.procedure.onChunk(new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(5000, 0, 999, List.of(1)))),
                b.cumulativeTsnAck);
        assertThat(response(b.sent.get(0), 0).result())
                .isEqualTo(ReconfigurationResponseParameter.RESULT_ERROR_BAD_SEQUENCE_NUMBER);
        assertThat(b.incomingResets).isEmpty();
        // The expected one still works afterwards.
        a.closeStreams(1);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(a.outgoingResets).containsExactly(new int[] {1});
    }

    @Test
    void deferredResetsAreBounded() {
        b.cumulativeTsnAck = 500;
        int results = 0;
        for (int i = 0; i <= StreamResetProcedure.MAX_DEFERRED_RESETS; i++) {
            // Each a new request (the sender side would not do this; a flooding peer might).
            b.procedure.onChunk(new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(1000 + i, 0,
                    600 + i, List.of(i)))), b.cumulativeTsnAck);
            results++;
        }
        assertThat(b.sent).hasSize(results);
        assertThat(b.sent.subList(0, StreamResetProcedure.MAX_DEFERRED_RESETS))
                .allSatisfy(c -> assertThat(response(c, 0).result()).isEqualTo(ReconfigurationResponseParameter.RESULT_IN_PROGRESS));
        assertThat(response(b.sent.get(StreamResetProcedure.MAX_DEFERRED_RESETS), 0).result())
                .isEqualTo(ReconfigurationResponseParameter.RESULT_ERROR_REQUEST_ALREADY_IN_PROGRESS);
        b.procedure.onCumulativeTsnAdvanced(700);
        assertThat(b.incomingResets).hasSize(StreamResetProcedure.MAX_DEFERRED_RESETS);
    }

    @Test
    void badCallsThrow() {
        assertThatThrownBy(() -> a.procedure.requestReset(new int[] {65536})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamResetProcedure(scheduler, 1L << 32, 0, 5, a))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(a.procedure.hasPending()).isFalse();
    }

    @Test
    void randomReconfigChunksNeverThrowAndAreAnsweredAtMostOnceEach() {
        java.util.Random random = new java.util.Random(6525);
        a.closeStreams(1, 2);
        for (int i = 0; i < 3000; i++) {
            List<Parameter> params = new ArrayList<>();
            int n = 1 + random.nextInt(2);
            for (int j = 0; j < n; j++) {
                // Sequence numbers near what B expects, so that some are accepted.
                int seq = 1000 + random.nextInt(40) - 5;
                switch (random.nextInt(5)) {
                    case 0 -> params.add(new OutgoingSsnResetRequestParameter(seq, random.nextInt(),
                            (int) (b.cumulativeTsnAck + random.nextInt(20) - 10), List.of(random.nextInt(4))));
                    case 1 -> params.add(new IncomingSsnResetRequestParameter(seq, List.of()));
                    case 2 -> params.add(new ReconfigurationResponseParameter(seq, random.nextInt(8)));
                    case 3 -> {
                        // SSN/TSN Reset and Add Streams requests, of right and wrong lengths.
                        ByteBuffer value = ByteBuffer.allocate(random.nextInt(10));
                        if (value.capacity() >= 4) {
                            value.putInt(0, seq);
                        }
                        params.add(new UnknownParameter(15 + random.nextInt(4), value));
                    }
                    default -> params.add(new UnknownParameter(random.nextInt(0x10000), ByteBuffer.allocate(4)));
                }
            }
            int before = b.sent.size();
            b.procedure.onChunk(new ReconfigChunk(params), b.cumulativeTsnAck);
            if (random.nextInt(10) == 0) {
                b.cumulativeTsnAck = (b.cumulativeTsnAck + random.nextInt(5)) & 0xFFFF_FFFFL;
                b.procedure.onCumulativeTsnAdvanced(b.cumulativeTsnAck);
            }
            assertThat(b.sent.size() - before).isBetween(0, 1);
            if (b.sent.size() > before) {
                assertThat(b.sent.get(before).parameters()).hasSizeLessThanOrEqualTo(2)
                        .allSatisfy(p -> assertThat(p).isInstanceOf(ReconfigurationResponseParameter.class));
            }
            assertThat(b.procedure.holdsBack(random.nextInt(4), random.nextInt() & 0xFFFF_FFFFL)).isIn(true, false);
        }
        assertThat(b.procedure.droppedChunks()).isPositive();
        assertThat(b.incomingResets).isNotEmpty(); // some requests were well-numbered and performed
        assertThat(b.failures).isEmpty();
    }
}
