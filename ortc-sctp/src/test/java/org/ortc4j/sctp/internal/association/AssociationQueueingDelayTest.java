package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.vnet.LinkConditions;

/**
 * A receiver slower than the sender on a path that loses nothing: the flight beyond the path's
 * bandwidth-delay product waits in a queue (on loopback: the receiving socket and event loop),
 * here a 10 Mbit/s link with a 16 MB queue. Nothing is lost, so a T3-rtx expiry or a chunk sent
 * twice can only be spurious (RFC 9260 §6.3.3): the sender must not let its flight queue up for
 * longer than the RTO (400 ms at least), and still fill the link.
 */
class AssociationQueueingDelayTest {

    private static final int MESSAGE = 16 * 1024;

    @Test
    void aSlowReceiverWithoutLossCausesNoRetransmissionAndTheLinkStaysFull() {
        LinkConditions slowReceiver = LinkConditions.builder().delay(Duration.ofMillis(1)).bandwidth(10_000_000)
                .queueBytes(16 << 20).build();
        VnetLink link = new VnetLink(AssociationConfig.builder().build(), slowReceiver, 11);
        connect(link);
        long start = link.scheduler.nanoTime();
        // 6.5 MB, more than the 5 MiB receive window the peer advertises: without a bound on the
        // queueing delay, cwnd grows towards that window and the queue to seconds.
        TrafficCheck traffic = new TrafficCheck(1, 400, new int[] {MESSAGE});
        long[] largestSrtt = {0};
        boolean done = link.runUntil(() -> {
            traffic.pump(link.a);
            largestSrtt[0] = Math.max(largestSrtt[0], link.a.stats().srttNanos());
            return link.listenerB.messages.size() == traffic.count();
        }, Duration.ofMinutes(2));
        AssociationStats sender = link.a.stats();
        assertThat(done).as("A %s", sender).isTrue();
        traffic.check(link.listenerB.messages, true);
        double mbps = traffic.count() * (double) MESSAGE * 8 / ((link.scheduler.nanoTime() - start) / 1e9) / 1e6;
        System.out.printf("slow receiver, 10 Mbit/s: %.2f Mbit/s goodput, largest SRTT %.0f ms, %s%n", mbps,
                largestSrtt[0] / 1e6, sender);
        assertThat(sender.t3Expirations()).as("T3-rtx expiries, nothing lost: %s", sender).isZero();
        assertThat(sender.dataChunksRetransmitted()).as("chunks sent twice: %s", sender).isZero();
        assertThat(link.b.stats().dataChunksReceived()).as("chunks received, duplicates included")
                .isEqualTo(sender.dataChunksSent());
        // The queue stays short of RTO.Min (400 ms) with room for the receiver to slow down more.
        assertThat(largestSrtt[0]).isLessThan(Duration.ofMillis(150).toNanos());
        // Holding cwnd costs no throughput: the link (10 Mbit/s, less SCTP/UDP/IP headers) is full.
        assertThat(mbps).isGreaterThan(9);
    }

    @Test
    void aReceiverThatSlowsDownTenfoldMidTransferCausesNoTimeout() {
        LinkConditions fast = LinkConditions.builder().delay(Duration.ofMillis(1)).bandwidth(100_000_000)
                .queueBytes(16 << 20).build();
        VnetLink link = new VnetLink(AssociationConfig.builder().build(), fast, 12);
        connect(link);
        TrafficCheck traffic = new TrafficCheck(1, 600, new int[] {MESSAGE});
        boolean slowed = link.runUntil(() -> {
            traffic.pump(link.a);
            return link.listenerB.messages.size() >= 300;
        }, Duration.ofMinutes(1));
        assertThat(slowed).as("A %s", link.a.stats()).isTrue();
        // The receiving side now drains a tenth as fast, with the sender's flight already queued.
        link.network.setLinkConditions(fast.toBuilder().bandwidth(10_000_000).build());
        boolean done = link.runUntil(() -> {
            traffic.pump(link.a);
            return link.listenerB.messages.size() == traffic.count();
        }, Duration.ofMinutes(2));
        AssociationStats sender = link.a.stats();
        assertThat(done).as("A %s", sender).isTrue();
        traffic.check(link.listenerB.messages, true);
        System.out.printf("receiver slowed tenfold: %s%n", sender);
        assertThat(sender.t3Expirations()).as("T3-rtx expiries, nothing lost: %s", sender).isZero();
        assertThat(sender.dataChunksRetransmitted()).as("chunks sent twice: %s", sender).isZero();
        assertThat(link.b.stats().dataChunksReceived()).isEqualTo(sender.dataChunksSent());
    }

    private static void connect(VnetLink link) {
        link.a.connect();
        link.b.connect();
        assertThat(link.runUntil(() -> link.a.state() == AssociationState.ESTABLISHED
                && link.b.state() == AssociationState.ESTABLISHED, Duration.ofSeconds(5))).isTrue();
    }
}
