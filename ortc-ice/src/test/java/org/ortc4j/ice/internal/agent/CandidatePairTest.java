package org.ortc4j.ice.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.internal.LocalCandidate;

class CandidatePairTest {

    private static final CandidateBase NO_BASE = new CandidateBase() {
        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress("192.0.2.1", 1);
        }

        @Override
        public boolean relayed() {
            return false;
        }

        @Override
        public void send(ByteBuf data, InetSocketAddress to) {
            data.release();
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    };

    private static CandidatePair pair(long localPriority, long remotePriority) {
        RTCIceCandidate local = RTCIceCandidate.parse("candidate:L 1 udp " + localPriority + " 192.0.2.1 1 typ host");
        RTCIceCandidate remote = RTCIceCandidate.parse("candidate:R 1 udp " + remotePriority + " 192.0.2.2 2 typ host");
        return new CandidatePair(new LocalCandidate(local, NO_BASE), remote, new InetSocketAddress("192.0.2.2", 2), true);
    }

    @Test
    void priorityIsRfc8445Formula() {
        // RFC 8445 §6.1.2.3: "pair priority = 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0)".
        CandidatePair p = pair(2130706431L, 1694498815L);
        p.computePriority(RTCIceRole.CONTROLLING);
        assertThat(p.priority()).isEqualTo((1694498815L << 32) + 2 * 2130706431L + 1);
        p.computePriority(RTCIceRole.CONTROLLED);
        assertThat(p.priority()).isEqualTo((1694498815L << 32) + 2 * 2130706431L);
    }

    @Test
    void bothSidesComputeTheSamePriorityForTheSamePair() {
        CandidatePair mine = pair(100, 200);
        CandidatePair theirs = pair(200, 100);
        mine.computePriority(RTCIceRole.CONTROLLING);
        theirs.computePriority(RTCIceRole.CONTROLLED);
        assertThat(mine.priority()).isEqualTo(theirs.priority());
    }

    @Test
    void foundationJoinsBothCandidates() {
        assertThat(pair(1, 2).foundation()).isEqualTo("L:R");
    }
}
