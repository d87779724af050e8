package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10, "opening and closing connections leaks nothing", short form (benchmarks'
 * ConnectionChurn runs 10,000): pairs of our peer connections are connected on loopback, send a
 * message each way over a data channel and are closed, one pair after another; afterwards the
 * process holds the threads, file descriptors and direct memory it held before, and its heap
 * after GC has not grown with the number of connections.
 */
@Timeout(120)
class RTCPeerConnectionChurnTest {

    private static final long SECONDS = 20;
    /** Pairs before the baseline: loads classes and fills Netty's buffer pool to its working size. */
    private static final int WARM_UP = 20;
    private static final int PAIRS = 150;

    @Test
    void aHundredFiftyConnectionsOpenedAndClosedLeaveNothingBehind() throws Exception {
        churn(WARM_UP);
        assertThat(ProcessResources.awaitPoolThreadsEnd(SECONDS)).isEmpty();
        ProcessResources before = ProcessResources.sample();

        churn(PAIRS);
        assertThat(ProcessResources.awaitPoolThreadsEnd(SECONDS)).isEmpty();
        ProcessResources after = ProcessResources.sample();
        System.out.printf("churn of %d pairs: before %s; after %s%n", PAIRS, before, after);

        assertThat(after.threads()).as("threads %s", ProcessResources.threadsByName()).isLessThanOrEqualTo(before.threads());
        // Each pair held at least 4 descriptors (sockets) while open; a leak of one per pair shows as 150.
        assertThat(after.fileDescriptors()).isLessThanOrEqualTo(before.fileDescriptors() + 2);
        assertThat(after.directBytes()).isLessThanOrEqualTo(before.directBytes() + (1 << 20));
        if (before.nettyDirectBytes() >= 0) {
            // Netty's pool may take one more chunk for a burst; one chunk is 4 MiB at most.
            assertThat(after.nettyDirectBytes()).isLessThanOrEqualTo(before.nettyDirectBytes() + (4 << 20));
        }
        // A connected pair holds about 85 KiB of heap (RTCPeerConnectionThreadsTest: +4 MiB for 49
        // pairs): 150 pairs kept would be 12 MiB, half of each kept 6 MiB.
        assertThat(after.heapBytes()).isLessThanOrEqualTo(before.heapBytes() + (6 << 20));
    }

    private static void churn(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            try (LoopbackPair pair = LoopbackPair.connect(SECONDS)) {
                pair.exchangeOneMessageEachWay(SECONDS);
            }
        }
    }
}
