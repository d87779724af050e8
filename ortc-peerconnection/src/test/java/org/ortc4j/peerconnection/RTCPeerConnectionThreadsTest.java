package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ortc4j.sctp.RTCDataChannelState;

/**
 * Issue 10, "no thread per connection once connected": connected peer connections with an open
 * data channel hold no thread of their own; the threads of a process do not grow with their
 * number.
 */
@Timeout(120)
class RTCPeerConnectionThreadsTest {

    private static final long SECONDS = 20;
    private static final int PAIRS = 50;
    /** Threads a process may gain between 1 and 50 pairs: lazily started shared pools. */
    private static final int MARGIN = 3;

    @Test
    void fiftyConnectedPairsHoldNoMoreThreadsThanOne() throws Exception {
        List<LoopbackPair> pairs = new ArrayList<>();
        try {
            pairs.add(connected());
            assertThat(ProcessResources.awaitPoolThreadsEnd(SECONDS)).isEmpty();
            ProcessResources atOne = ProcessResources.sample();
            int one = atOne.threads();
            Map<String, Long> namesAtOne = ProcessResources.threadsByName();

            while (pairs.size() < PAIRS) {
                pairs.add(connected());
            }
            assertThat(ProcessResources.awaitPoolThreadsEnd(SECONDS)).isEmpty();
            ProcessResources atFifty = ProcessResources.sample();
            int fifty = atFifty.threads();
            Map<String, Long> namesAtFifty = ProcessResources.threadsByName();
            System.out.printf("1 pair: %s %s; %d pairs: %s %s%n", atOne, namesAtOne, PAIRS, atFifty, namesAtFifty);

            assertThat(fifty - one).as("threads at %d pairs %s against 1 pair %s", PAIRS, namesAtFifty, namesAtOne)
                    .isLessThanOrEqualTo(MARGIN);
            for (LoopbackPair pair : pairs) {
                // Counted while every pair was up, its channel open at both ends.
                assertThat(pair.offererChannel.readyState()).isEqualTo(RTCDataChannelState.OPEN);
                assertThat(pair.answererChannel().readyState()).isEqualTo(RTCDataChannelState.OPEN);
            }
        } finally {
            pairs.forEach(LoopbackPair::close);
        }
    }

    private static LoopbackPair connected() throws Exception {
        LoopbackPair pair = LoopbackPair.connect(SECONDS);
        pair.exchangeOneMessageEachWay(SECONDS);
        return pair;
    }
}
