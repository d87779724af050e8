package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ortc4j.sctp.internal.control.PrPolicy;

/** RFC 9260 §5: the four-way handshake, one-sided and simultaneous (§5.2.1), and its failures. */
class AssociationHandshakeTest {

    private static final Duration DELAY = Duration.ofMillis(20);

    static AssociationConfig.Builder config() {
        return AssociationConfig.builder();
    }

    @Test
    void oneSidedHandshakeEstablishesBothSidesOnce() {
        MemoryLink link = new MemoryLink(config().outboundStreams(100).inboundStreams(200).build(),
                config().outboundStreams(300).inboundStreams(50).build(), DELAY, 1);
        link.a.association.connect();
        assertThat(link.a.association.state()).isEqualTo(AssociationState.COOKIE_WAIT);
        link.run(Duration.ofMillis(30));
        // INIT arrived, INIT ACK on its way: Z keeps no state (§5.1.3).
        assertThat(link.b.association.state()).isEqualTo(AssociationState.CLOSED);
        link.run(Duration.ofSeconds(1));

        assertThat(link.a.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.b.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.a.listener.established).isEqualTo(1);
        assertThat(link.b.listener.established).isEqualTo(1);
        // §5.1.1: outbound = min(our OS, peer's MIS).
        assertThat(link.a.association.outboundStreams()).isEqualTo(50);
        assertThat(link.a.association.inboundStreams()).isEqualTo(200);
        assertThat(link.b.association.outboundStreams()).isEqualTo(200);
        assertThat(link.b.association.inboundStreams()).isEqualTo(50);
    }

    @Test
    void simultaneousOpenEstablishesBothSidesOnce() {
        MemoryLink link = new MemoryLink(config().build(), config().build(), DELAY, 2);
        link.connectBoth();
        link.run(Duration.ofSeconds(2));

        assertThat(link.a.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.b.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.a.listener.established).isEqualTo(1);
        assertThat(link.b.listener.established).isEqualTo(1);
        exchangeOneMessageEachWay(link);
    }

    @Test
    void collisionWithOffsetStartsEstablishes() {
        for (int offsetMs : new int[] {1, 10, 19, 20, 21, 30, 39, 40, 41, 60}) {
            MemoryLink link = new MemoryLink(config().build(), config().build(), DELAY, offsetMs);
            link.a.association.connect();
            link.run(Duration.ofMillis(offsetMs));
            link.b.association.connect();
            link.run(Duration.ofSeconds(3));
            assertThat(link.a.association.state()).as("offset %d ms", offsetMs).isEqualTo(AssociationState.ESTABLISHED);
            assertThat(link.b.association.state()).as("offset %d ms", offsetMs).isEqualTo(AssociationState.ESTABLISHED);
            assertThat(link.a.listener.established).isEqualTo(1);
            assertThat(link.b.listener.established).isEqualTo(1);
            exchangeOneMessageEachWay(link);
        }
    }

    @Test
    void simultaneousOpenUnderHeavyLossAndReorderingEstablishesOnceForManySeeds() {
        for (long seed = 100; seed < 140; seed++) {
            MemoryLink link = new MemoryLink(config().build(), config().build(), DELAY, seed);
            link.loss = 0.3;
            java.util.Random jitter = new java.util.Random(seed);
            // Delays of 1 to 80 ms: packets overtake each other.
            link.filter = (fromA, p) -> Duration.ofMillis(1 + jitter.nextInt(80)).toNanos();
            link.connectBoth();
            link.runUntil(() -> link.a.association.state() == AssociationState.ESTABLISHED
                    && link.b.association.state() == AssociationState.ESTABLISHED, Duration.ofMinutes(5));
            assertThat(link.a.association.state()).as("seed %d", seed).isEqualTo(AssociationState.ESTABLISHED);
            assertThat(link.b.association.state()).as("seed %d", seed).isEqualTo(AssociationState.ESTABLISHED);
            assertThat(link.a.listener.established).isEqualTo(1);
            assertThat(link.b.listener.established).isEqualTo(1);
            link.loss = 0;
            link.run(Duration.ofSeconds(5));
            exchangeOneMessageEachWay(link);
            assertThat(link.a.listener.restarted + link.b.listener.restarted).as("seed %d", seed).isZero();
        }
    }

    @Test
    void messagesQueuedBeforeEstablishmentAreSentAfterIt() {
        MemoryLink link = new MemoryLink(config().build(), config().build(), DELAY, 3);
        link.connectBoth();
        assertThat(link.a.association.send(1, 51, new byte[] {1, 2, 3}, false, PrPolicy.RELIABLE)).isTrue();
        assertThat(link.a.association.bufferedBytes()).isEqualTo(3);
        link.run(Duration.ofSeconds(1));
        assertThat(link.b.listener.messages).hasSize(1);
        assertThat(link.b.listener.messages.get(0).payload()).containsExactly(1, 2, 3);
        assertThat(link.a.association.bufferedBytes()).isZero();
        assertThat(link.a.listener.sentBytes).isEqualTo(3);
    }

    @Test
    void lostHandshakePacketsAreRetransmitted() {
        MemoryLink link = new MemoryLink(config().build(), config().build(), DELAY, 4);
        int[] count = new int[1];
        // Drop the first INIT, the first INIT ACK and the first COOKIE ECHO.
        link.filter = (fromA, p) -> count[0]++ < 3 && (p[12] == 1 || p[12] == 2 || p[12] == 10) ? -1 : DELAY.toNanos();
        link.a.association.connect();
        link.run(Duration.ofSeconds(10));
        assertThat(link.a.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.b.association.state()).isEqualTo(AssociationState.ESTABLISHED);
    }

    @Test
    void handshakeFailsAfterMaxInitRetransmits() {
        MemoryLink link = new MemoryLink(config().maxInitRetransmissions(3).build(), config().build(), DELAY, 5);
        link.down = true;
        link.a.association.connect();
        link.run(Duration.ofMinutes(2));
        assertThat(link.a.association.state()).isEqualTo(AssociationState.CLOSED);
        assertThat(link.a.listener.closed).singleElement().asString().contains("handshake failed");
    }

    @Test
    void staleCookieIsAnsweredWithAnErrorAndTheHandshakeStartsOver() {
        MemoryLink link = new MemoryLink(config().build(), config().validCookieLife(Duration.ofMillis(100)).build(),
                DELAY, 6);
        boolean[] delayed = new boolean[1];
        link.record = true;
        // The first COOKIE ECHO takes 500 ms: the cookie is stale when it arrives.
        link.filter = (fromA, p) -> {
            if (fromA && p[12] == 10 && !delayed[0]) {
                delayed[0] = true;
                return Duration.ofMillis(500).toNanos();
            }
            return DELAY.toNanos();
        };
        link.a.association.connect();
        link.run(Duration.ofSeconds(10));
        // §5.1.5 step 3: an ERROR with a Stale Cookie cause (3) went back.
        assertThat(link.fromB).anySatisfy(p -> {
            assertThat(p[12]).isEqualTo((byte) 9);
            assertThat(p[17]).isEqualTo((byte) 3);
        });
        assertThat(link.a.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.b.association.state()).isEqualTo(AssociationState.ESTABLISHED);
        assertThat(link.b.listener.established).isEqualTo(1);
    }

    static void exchangeOneMessageEachWay(MemoryLink link) {
        int before = link.b.listener.messages.size();
        int beforeA = link.a.listener.messages.size();
        link.a.association.send(0, 53, new byte[] {42}, false, PrPolicy.RELIABLE);
        link.b.association.send(1, 51, new byte[] {7, 7}, true, PrPolicy.RELIABLE);
        link.run(Duration.ofSeconds(1));
        assertThat(link.b.listener.messages).hasSize(before + 1);
        assertThat(link.b.listener.messages.get(before).payload()).containsExactly(42);
        assertThat(link.a.listener.messages).hasSize(beforeA + 1);
        assertThat(link.a.listener.messages.get(beforeA).payload()).containsExactly(7, 7);
        assertThat(link.a.listener.messages.get(beforeA).unordered()).isTrue();
    }
}
