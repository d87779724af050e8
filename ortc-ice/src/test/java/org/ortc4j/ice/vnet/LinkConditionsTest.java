package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.at;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.bind;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.send;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;

class LinkConditionsTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final TrackingAllocator alloc = new TrackingAllocator();

    @AfterEach
    void everyBufferIsReleased() {
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(alloc.unreleased()).isEmpty();
    }

    /** Two public hosts; {@code count} datagrams "0".."count-1" one per millisecond from a to b. */
    private final class Pair {
        final VirtualNetwork network;
        final VirtualHost a;
        final VirtualHost b;
        final Received atB;
        final UdpSocket fromA;
        final UdpSocket toB;
        final long startMillis = scheduler.nanoTime() / 1_000_000;

        Pair(long seed, LinkConditions core) {
            network = new VirtualNetwork(scheduler, seed, alloc);
            network.setLinkConditions(core);
            a = network.addHost("a", "198.51.100.1");
            b = network.addHost("b", "203.0.113.7");
            atB = new Received(scheduler);
            fromA = bind(a, at("198.51.100.1", 0), new Received(scheduler));
            toB = bind(b, at("203.0.113.7", 4000), atB);
        }

        Pair sendEveryMillisecond(int count, String padding) {
            for (int i = 0; i < count; i++) {
                send(fromA, a, i + padding, toB.localAddress());
                scheduler.advance(Duration.ofMillis(1));
            }
            scheduler.advance(Duration.ofSeconds(10));
            return this;
        }

        List<String> arrivals() {
            return atB.datagrams.stream().map(d -> d.text().trim() + "@" + (d.atMillis() - startMillis)).toList();
        }
    }

    @Test
    void lossRateStaysWithinStatisticalBoundsAndEverySentDatagramIsAccountedFor() {
        int n = 10_000;
        Pair pair = new Pair(11, LinkConditions.builder().loss(0.3).build()).sendEveryMillisecond(n, "");

        // Binomial(10000, 0.3): standard deviation 45.8; 5 sigma is 229.
        assertThat(pair.network.packetsLost()).isBetween(3000L - 229, 3000L + 229);
        assertThat(pair.atB.datagrams).hasSize((int) (n - pair.network.packetsLost()));
        assertThat(pair.network.packetsSent()).isEqualTo(n);
        assertThat(pair.network.packetsDelivered() + pair.network.packetsDropped()).isEqualTo(n);
    }

    @Test
    void theSameSeedReplaysTheSameLossesJitterReorderingAndDuplicates() {
        LinkConditions rough = LinkConditions.builder()
                .loss(0.1)
                .delay(Duration.ofMillis(30))
                .jitter(Duration.ofMillis(10))
                .reordering(0.1)
                .duplication(0.05)
                .build();

        List<String> first = new Pair(99, rough).sendEveryMillisecond(500, "").arrivals();
        List<String> again = new Pair(99, rough).sendEveryMillisecond(500, "").arrivals();
        List<String> otherSeed = new Pair(100, rough).sendEveryMillisecond(500, "").arrivals();

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void delayIsTheMinimumAndJitterAddsUpToItsAmount() {
        Pair pair = new Pair(5, LinkConditions.builder()
                        .delay(Duration.ofMillis(40))
                        .jitter(Duration.ofMillis(20))
                        .build())
                .sendEveryMillisecond(1000, "");

        assertThat(pair.atB.datagrams).hasSize(1000);
        long minTransit = Long.MAX_VALUE;
        long maxTransit = Long.MIN_VALUE;
        for (Received.Datagram d : pair.atB.datagrams) {
            long transit = d.atMillis() - Long.parseLong(d.text());
            minTransit = Math.min(minTransit, transit);
            maxTransit = Math.max(maxTransit, transit);
        }
        assertThat(minTransit).isEqualTo(40);
        assertThat(maxTransit).isBetween(55L, 59L);
    }

    @Test
    void reorderedDatagramsArriveAfterLaterOnesAndNoneIsLost() {
        Pair pair = new Pair(8, LinkConditions.builder()
                        .delay(Duration.ofMillis(10))
                        .reordering(0.2)
                        .reorderDelay(Duration.ofMillis(25))
                        .build())
                .sendEveryMillisecond(1000, "");

        List<Integer> order = pair.atB.datagrams.stream().map(d -> Integer.parseInt(d.text())).toList();
        assertThat(order).hasSize(1000).doesNotHaveDuplicates();
        int heldBack = 0;
        for (Received.Datagram d : pair.atB.datagrams) {
            long transit = d.atMillis() - Long.parseLong(d.text());
            assertThat(transit).isIn(10L, 35L);
            if (transit == 35) {
                heldBack++;
            }
        }
        assertThat(heldBack).isBetween(200 - 64, 200 + 64);
        int inversions = 0;
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i) < order.get(i - 1)) {
                inversions++;
            }
        }
        assertThat(inversions).isPositive();
    }

    @Test
    void duplicatedDatagramsArriveTwiceAndAreCounted() {
        Pair pair = new Pair(13, LinkConditions.builder().duplication(0.1).build()).sendEveryMillisecond(1000, "");

        Map<String, Integer> copies = new HashMap<>();
        pair.atB.texts().forEach(t -> copies.merge(t, 1, Integer::sum));
        long twice = copies.values().stream().filter(c -> c == 2).count();
        assertThat(copies).hasSize(1000);
        assertThat(copies.values()).allMatch(c -> c <= 2);
        assertThat(twice).isEqualTo(pair.network.packetsDuplicated()).isBetween(100L - 48, 100L + 48);
        assertThat(pair.network.packetsDelivered()).isEqualTo(1000 + twice);
    }

    @Test
    void bandwidthSpacesDatagramsByTheirSerialisationTime() {
        // 1 Mbit/s: a 1000-byte datagram takes 8 ms on the wire.
        Pair pair = new Pair(1, LinkConditions.builder()
                .bandwidth(1_000_000)
                .queueBytes(100_000)
                .delay(Duration.ofMillis(5))
                .build());
        String kilobyte = " ".repeat(997);
        for (int i = 0; i < 10; i++) {
            send(pair.fromA, pair.a, String.format("%03d", i) + kilobyte, pair.toB.localAddress());
        }
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(pair.atB.datagrams).extracting(Received.Datagram::atMillis)
                .containsExactly(13L, 21L, 29L, 37L, 45L, 53L, 61L, 69L, 77L, 85L);
        assertThat(pair.network.packetsQueueDropped()).isZero();
    }

    @Test
    void aBurstBeyondTheQueueIsTailDropped() {
        Pair pair = new Pair(1, LinkConditions.builder().bandwidth(1_000_000).queueBytes(3000).build());
        String kilobyte = " ".repeat(997);
        for (int i = 0; i < 10; i++) {
            send(pair.fromA, pair.a, String.format("%03d", i) + kilobyte, pair.toB.localAddress());
        }
        scheduler.advance(Duration.ofSeconds(1));

        // The link holds 3000 bytes: the datagram on the wire and two waiting.
        assertThat(pair.atB.datagrams).extracting(d -> d.text().substring(0, 3)).containsExactly("000", "001", "002");
        assertThat(pair.network.packetsQueueDropped()).isEqualTo(7);
    }

    @Test
    void offeredLoadAboveTheBandwidthIsCappedToTheBandwidth() {
        // 8 Mbit/s offered (1000 bytes per ms) into a host's 2 Mbit/s access link for one second.
        Pair pair = new Pair(1, LinkConditions.IDEAL);
        pair.a.setLinkConditions(LinkConditions.builder().bandwidth(2_000_000).queueBytes(10_000).build());
        pair.sendEveryMillisecond(1000, " ".repeat(996));

        long bytes = pair.atB.datagrams.stream().mapToLong(d -> d.text().length()).sum();
        long lastArrival = pair.atB.last().atMillis();
        // 2 Mbit/s is 250 bytes per ms: about a quarter of what was offered gets through.
        assertThat(pair.atB.datagrams.size()).isBetween(250, 262);
        assertThat(bytes * 8 * 1000 / lastArrival).isBetween(1_950_000L, 2_050_000L);
        assertThat(pair.network.packetsQueueDropped()).isEqualTo(1000 - pair.atB.datagrams.size());
    }

    @Test
    void hostLinkConditionsApplyInBothDirections() {
        Pair pair = new Pair(1, LinkConditions.IDEAL);
        pair.b.setLinkConditions(LinkConditions.builder().delay(Duration.ofMillis(7)).build());
        Received atA = new Received(scheduler);
        UdpSocket aSocket = bind(pair.a, at("198.51.100.1", 6000), atA);

        send(aSocket, pair.a, "up", pair.toB.localAddress());
        send(pair.toB, pair.b, "down", aSocket.localAddress());
        scheduler.advance(Duration.ofMillis(100));

        assertThat(pair.atB.last().atMillis()).isEqualTo(7);
        assertThat(atA.last().atMillis()).isEqualTo(7);
    }

    @Test
    void invalidConditionsAreRejected() {
        assertThatThrownBy(() -> LinkConditions.builder().loss(1.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loss");
        assertThatThrownBy(() -> LinkConditions.builder().delay(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delay");
        assertThatThrownBy(() -> LinkConditions.builder().bandwidth(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LinkConditions.builder().loss(0.2).build().toBuilder().duplication(0.1).build())
                .isEqualTo(LinkConditions.builder().loss(0.2).duplication(0.1).build());
    }
}
