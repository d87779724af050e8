package org.ortc4j.sctp.internal.reconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.sctp.internal.packet.OutgoingSsnResetRequestParameter;
import org.ortc4j.sctp.internal.packet.ReconfigChunk;
import org.ortc4j.sctp.internal.packet.ReconfigurationResponseParameter;
import org.ortc4j.sctp.internal.stream.DeferredResetReassembler;
import org.ortc4j.sctp.internal.stream.InboundFragment;
import org.ortc4j.sctp.internal.stream.InboundReassembler;
import org.ortc4j.sctp.internal.stream.InterleavedReassembler;
import org.ortc4j.sctp.internal.stream.ReassembledMessage;
import org.ortc4j.sctp.internal.stream.Reassembler;
import org.ortc4j.sctp.internal.stream.ReassemblyOutcome;

/**
 * The receiving side of a deferred stream reset as the association wires it: the procedure
 * decides, the reassembler in front holds what arrives early, the reset releases it.
 */
class DeferredResetTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<ReconfigChunk> sent = new ArrayList<>();
    private final List<ReassembledMessage> delivered = new ArrayList<>();
    private DeferredResetReassembler reassembler;
    private long cumulativeTsnAck = 99; // the peer's initial TSN is 100
    private final List<Long> received = new ArrayList<>(); // above the cumulative TSN ack

    private final StreamResetProcedure procedure = new StreamResetProcedure(scheduler, 7, 100, 5,
            new StreamResetProcedure.Output() {
                @Override
                public void send(ReconfigChunk chunk) {
                    sent.add(chunk);
                }

                @Override
                public void outgoingReset(int[] streams) {}

                @Override
                public void outgoingResetFailed(int[] streams, int result) {}

                @Override
                public void incomingReset(int[] streams) {
                    // What the association does: reset, then release what was held.
                    for (int s : streams) {
                        reassembler.resetStream(s);
                    }
                    assertThat(reassembler.releaseHeld(delivered::add)).isEqualTo(ReassemblyOutcome.ACCEPTED);
                }

                @Override
                public long rtoNanos() {
                    return TimeUnit.SECONDS.toNanos(1);
                }

                @Override
                public void failed(String why) {}
            });

    /** The association's receive path for one DATA fragment: TSN bookkeeping, then reassembly. */
    private ReassemblyOutcome receive(long tsn, int stream, int sequence, char marker) {
        ReassemblyOutcome outcome = reassembler.receive(new InboundFragment(tsn, stream, sequence, 0, 51, false, true,
                true, new byte[] {(byte) marker}), delivered::add);
        if (tsn == cumulativeTsnAck + 1) {
            cumulativeTsnAck = tsn;
            while (received.contains(cumulativeTsnAck + 1)) {
                cumulativeTsnAck++;
            }
            procedure.onCumulativeTsnAdvanced(cumulativeTsnAck);
        } else {
            received.add(tsn);
        }
        return outcome;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void dataOfAReopenedStreamWaitsForTheDeferredReset(boolean interleaved) {
        Reassembler inner = interleaved ? new InterleavedReassembler(10_000, 100) : new InboundReassembler(10_000, 100);
        reassembler = new DeferredResetReassembler(inner, procedure::holdsBack, 10_000, 100);
        // Stream 4 carried SSN 0..2 at TSNs 100..102; TSN 102 is late.
        receive(100, 4, 0, 'a');
        receive(101, 4, 1, 'b');
        // The peer closes stream 4 after TSN 102 (RFC 8831 §6.7) and, its reset performed in its
        // view of things, opens a new channel on it: SSN 0 again, TSN 103.
        procedure.onChunk(new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(100, 6, 102, List.of(4)))),
                cumulativeTsnAck);
        assertThat(((ReconfigurationResponseParameter) sent.get(0).parameters().get(0)).result())
                .isEqualTo(ReconfigurationResponseParameter.RESULT_IN_PROGRESS);
        // RFC 6525 §5.2.2: held, not taken as a stale SSN 0 of the old numbering.
        assertThat(receive(103, 4, 0, 'x')).isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(reassembler.heldFragments()).isEqualTo(1);
        assertThat(reassembler.bufferedMessages()).isEqualTo(1);
        // Other streams are not held.
        receive(104, 5, 0, 'o');
        assertThat(delivered).extracting(m -> (char) m.payload()[0]).containsExactly('a', 'b', 'o');

        receive(102, 4, 2, 'c'); // the late one: the old numbering completes, the reset follows
        assertThat(delivered).extracting(m -> (char) m.payload()[0]).containsExactly('a', 'b', 'o', 'c', 'x');
        assertThat(reassembler.heldFragments()).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
        // The retransmitted request now gets "Performed".
        procedure.onChunk(new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(100, 6, 102, List.of(4)))),
                cumulativeTsnAck);
        assertThat(((ReconfigurationResponseParameter) sent.get(1).parameters().get(0)).result())
                .isEqualTo(ReconfigurationResponseParameter.RESULT_SUCCESS_PERFORMED);
    }

    @Test
    void heldDataCountsAgainstTheLimits() {
        reassembler = new DeferredResetReassembler(new InboundReassembler(3, 100), procedure::holdsBack, 3, 100);
        procedure.onChunk(new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(100, 6, 150, List.of(1)))),
                cumulativeTsnAck);
        assertThat(receive(151, 1, 0, 'x')).isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(receive(152, 1, 1, 'y')).isEqualTo(ReassemblyOutcome.ACCEPTED);
        assertThat(receive(153, 2, 1, 'z')).isEqualTo(ReassemblyOutcome.ACCEPTED); // waits for SSN 0 in the reassembler
        assertThat(receive(154, 1, 2, 'w')).isEqualTo(ReassemblyOutcome.LIMIT_EXCEEDED);
        assertThat(reassembler.bufferedBytes()).isEqualTo(3);
    }
}
