package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ortc4j.sctp.internal.control.PrPolicy;

/** RFC 9260 §6: data transfer over the in-memory link: fragmentation, bundling, order, loss. */
class AssociationDataTest {

    private static MemoryLink established(AssociationConfig a, AssociationConfig b, Duration delay, long seed) {
        MemoryLink link = new MemoryLink(a, b, delay, seed);
        link.connectBoth();
        link.run(Duration.ofSeconds(1));
        assertThat(link.a.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        return link;
    }

    private static void transfer(MemoryLink link, TrafficCheck traffic, Duration limit) {
        traffic.pump(link.a.association);
        boolean done = link.runUntil(() -> {
            traffic.pump(link.a.association);
            return link.b.listener.messages.size() == traffic.count();
        }, limit);
        assertThat(done).as("all %d messages delivered (got %d); A %s %s %s, B %s %s %s", traffic.count(),
                link.b.listener.messages.size(), link.a.association.state(), link.a.listener.closed,
                link.a.association.stats(), link.b.association.state(), link.b.listener.closed,
                link.b.association.stats())
                .isTrue();
        traffic.check(link.b.listener.messages, true);
    }

    @Test
    void messagesOfAllSizesArriveIntactAndInOrderWithoutLoss() {
        MemoryLink link = established(AssociationConfig.builder().build(), AssociationConfig.builder().build(),
                Duration.ofMillis(10), 10);
        TrafficCheck traffic = new TrafficCheck(4, 200, TrafficCheck.SIZES);
        transfer(link, traffic, Duration.ofSeconds(60));
        AssociationStats s = link.a.association.stats();
        assertThat(s.dataChunksRetransmitted()).isZero();
        assertThat(s.droppedMalformed()).isZero();
        assertThat(link.b.association.stats().droppedMalformed()).isZero();
        assertThat(link.a.association.bufferedBytes()).isZero();
        // Every message left the queue: onMessageSent sums to the bytes sent.
        long total = 0;
        for (int i = 0; i < traffic.count(); i++) {
            total += traffic.sizeOf(i);
        }
        assertThat(link.a.listener.sentBytes).isEqualTo(total);
    }

    @Test
    void oneMebibyteMessagesArrive() {
        MemoryLink link = established(AssociationConfig.builder().build(), AssociationConfig.builder().build(),
                Duration.ofMillis(5), 11);
        TrafficCheck traffic = new TrafficCheck(2, 6, new int[] {1 << 20, 10, 1 << 20});
        transfer(link, traffic, Duration.ofSeconds(60));
    }

    @Test
    void lossIsRepairedAndEverythingArrivesOnce() {
        for (double loss : new double[] {0.02, 0.05}) {
            MemoryLink link = established(AssociationConfig.builder().build(), AssociationConfig.builder().build(),
                    Duration.ofMillis(10), 12);
            link.loss = loss;
            TrafficCheck traffic = new TrafficCheck(3, 150, TrafficCheck.SIZES);
            transfer(link, traffic, Duration.ofMinutes(10));
            assertThat(link.a.association.stats().dataChunksRetransmitted()).isPositive();
        }
    }

    @Test
    void bulkThroughputOfTheCore() {
        MemoryLink link = established(AssociationConfig.builder().build(), AssociationConfig.builder().build(),
                Duration.ofMillis(1), 13);
        link.b.listener.keepPayloads = false;
        int size = Integer.getInteger("bulk.size", 1024);
        int count = Integer.getInteger("bulk.count", 64 * 1024); // 64 MiB
        byte[] payload = new byte[size];
        long start = System.nanoTime();
        int[] sent = {0};
        Runnable pump = () -> {
            while (sent[0] < count && link.a.association.send(0, 53, payload.clone(), false, PrPolicy.RELIABLE)) {
                sent[0]++;
            }
        };
        pump.run();
        link.runUntil(() -> {
            pump.run();
            return link.b.listener.messages.size() == count;
        }, Duration.ofMinutes(5));
        long nanos = System.nanoTime() - start;
        assertThat(link.b.listener.messages).hasSize(count);
        AssociationStats s = link.a.association.stats();
        System.out.printf("bulk core: %d x %d B in %.1f ms wall = %.0f messages/s, %.0f Mbit/s; %d packets, "
                        + "virtual time %.2f s, retransmitted %d%n", count, size, nanos / 1e6, count / (nanos / 1e9),
                count * (double) size * 8 / (nanos / 1e9) / 1e6, s.packetsSent(),
                link.scheduler.nanoTime() / 1e9, s.dataChunksRetransmitted());
    }

    @Test
    void theSenderKeepsWithinTheReceiversWindow() {
        // A small window: data held for reordering behind a loss closes it (§6.2), and the sender
        // must wait (§6.1 A). Reassembly has a little room above the window for the one chunk a
        // zero-window probe may add; anything more would make the receiver abort the sender.
        AssociationConfig receiver = AssociationConfig.builder().receiveWindow(8000).maxReassemblyBytes(8000 + 2400)
                .build();
        MemoryLink link = established(AssociationConfig.builder().build(), receiver, Duration.ofMillis(10), 14);
        link.loss = 0.05;
        TrafficCheck traffic = new TrafficCheck(1, 400, new int[] {1000, 700, 1160});
        long[] minRwnd = {Long.MAX_VALUE, Long.MAX_VALUE};
        traffic.pump(link.a.association);
        boolean done = link.runUntil(() -> {
            traffic.pump(link.a.association);
            minRwnd[0] = Math.min(minRwnd[0], link.b.association.stats().localRwnd());
            minRwnd[1] = Math.min(minRwnd[1], link.a.association.stats().peerRwnd());
            return link.b.listener.messages.size() == traffic.count();
        }, Duration.ofMinutes(10));
        assertThat(done).as("B: %s %s", link.b.listener.closed, link.b.association.stats()).isTrue();
        traffic.check(link.b.listener.messages, true);
        assertThat(link.b.listener.closed).isEmpty();
        // Held data shrank the window, and the sender saw it.
        assertThat(minRwnd[0]).isLessThan(4000);
        assertThat(minRwnd[1]).isLessThan(4000);
    }
}
