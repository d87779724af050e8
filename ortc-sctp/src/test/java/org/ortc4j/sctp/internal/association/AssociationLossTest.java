package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ortc4j.ice.vnet.LinkConditions;

/**
 * Reliable delivery over the virtual network: with 0 %, 5 % and 20 % loss plus reordering,
 * duplication, delay and jitter, every message (1 B to 256 KiB, and 1 MiB) arrives exactly once,
 * intact, and ordered messages in order per stream (RFC 9260 §6.3, §6.5, §6.6, §7.2).
 */
class AssociationLossTest {

    @ParameterizedTest(name = "loss {0}, seed {1}")
    @CsvSource({"0.0, 1", "0.05, 2", "0.05, 3", "0.2, 4", "0.2, 5"})
    void everyMessageArrivesOnceIntactAndInOrder(double loss, long seed) {
        run(loss, seed, AssociationConfig.builder().build());
    }

    @ParameterizedTest(name = "I-DATA, loss {0}, seed {1}")
    @CsvSource({"0.05, 6", "0.2, 7"})
    void everyInterleavedMessageArrivesOnceIntactAndInOrder(double loss, long seed) {
        run(loss, seed, AssociationConfig.builder().interleaving(true).build());
    }

    private static void run(double loss, long seed, AssociationConfig config) {
        LinkConditions conditions = LinkConditions.builder().loss(loss).delay(Duration.ofMillis(15))
                .jitter(Duration.ofMillis(5)).reordering(loss > 0 ? 0.05 : 0).reorderDelay(Duration.ofMillis(10))
                .duplication(loss > 0 ? 0.02 : 0).build();
        VnetLink link = new VnetLink(config, conditions, seed);
        link.a.connect();
        link.b.connect();
        assertThat(link.runUntil(() -> link.a.state() == AssociationState.ESTABLISHED
                && link.b.state() == AssociationState.ESTABLISHED, Duration.ofMinutes(1))).isTrue();
        assertThat(link.a.interleaving()).isEqualTo(config.interleaving());
        int[] sizes = loss >= 0.2 ? new int[] {1, 3, 100, 1160, 1161, 4000, 65536, 262144}
                : new int[] {1, 3, 100, 1000, 1160, 1161, 4000, 16384, 65536, 262144, 1 << 20};
        int count = loss >= 0.2 ? 40 : 120;
        TrafficCheck forward = new TrafficCheck(3, count, sizes);
        TrafficCheck backward = new TrafficCheck(2, count / 2, new int[] {10, 1000, 3000});
        boolean done = link.runUntil(() -> {
            forward.pump(link.a);
            backward.pump(link.b);
            return link.listenerB.messages.size() >= forward.count() && link.listenerA.messages.size() >= backward.count();
        }, Duration.ofMinutes(30));
        assertThat(done).as("delivered %d/%d and %d/%d; A %s %s; B %s %s", link.listenerB.messages.size(), forward.count(),
                link.listenerA.messages.size(), backward.count(), link.a.state(), link.a.stats(), link.b.state(),
                link.b.stats()).isTrue();
        forward.check(link.listenerB.messages, true);
        backward.check(link.listenerA.messages, true);
        assertThat(link.a.stats().droppedMalformed()).isZero();
        assertThat(link.b.stats().droppedMalformed()).isZero();
        System.out.printf("loss %.2f seed %d: %.1f s virtual, A %s%n", loss, seed, link.scheduler.nanoTime() / 1e9,
                link.a.stats());
    }

    @org.junit.jupiter.api.Test
    void congestionControlFillsABottleneckWithoutCollapsing() {
        // 10 Mbit/s with a 64 KB queue and 20 ms each way: losses come from queue overflow only.
        LinkConditions conditions = LinkConditions.builder().delay(Duration.ofMillis(20)).bandwidth(10_000_000)
                .queueBytes(64 * 1024).build();
        VnetLink link = new VnetLink(AssociationConfig.builder().build(), conditions, 9);
        link.a.connect();
        link.b.connect();
        assertThat(link.runUntil(() -> link.a.state() == AssociationState.ESTABLISHED, Duration.ofSeconds(5))).isTrue();
        long start = link.scheduler.nanoTime();
        TrafficCheck traffic = new TrafficCheck(2, 80, new int[] {65536});
        boolean done = link.runUntil(() -> {
            traffic.pump(link.a);
            return link.listenerB.messages.size() == traffic.count();
        }, Duration.ofMinutes(2));
        assertThat(done).as("A %s", link.a.stats()).isTrue();
        traffic.check(link.listenerB.messages, true);
        double seconds = (link.scheduler.nanoTime() - start) / 1e9;
        double mbps = traffic.count() * 65536 * 8 / seconds / 1e6;
        System.out.printf("bottleneck 10 Mbit/s: %.1f Mbit/s goodput, %s%n", mbps, link.a.stats());
        assertThat(mbps).isGreaterThan(5);
    }
}
