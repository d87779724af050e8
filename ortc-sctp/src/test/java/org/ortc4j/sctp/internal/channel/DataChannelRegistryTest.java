package org.ortc4j.sctp.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.RTCError;
import org.ortc4j.sctp.RTCPriorityType;
import org.ortc4j.sctp.internal.control.PrPolicy;
import org.ortc4j.sctp.internal.dcep.DataChannelOpen;
import org.ortc4j.sctp.internal.dcep.PayloadProtocolId;

/**
 * The data-channel layer over two real associations on virtual time: DCEP (RFC 8832), stream ids
 * by DTLS role, PPIDs (RFC 8831 §6.6, §8), close by stream reset (RFC 8831 §6.7).
 */
class DataChannelRegistryTest {

    private static final Duration SOON = Duration.ofSeconds(5);

    private final ChannelPair pair = new ChannelPair();

    private static void sendText(ChannelPair.Side side, Recorder channel, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        side.registry.send(channel.endpoint, PayloadProtocolId.forMessage(false, bytes.length),
                PayloadProtocolId.payloadFor(bytes), bytes.length);
    }

    private static void sendBinary(ChannelPair.Side side, Recorder channel, byte[] bytes) {
        side.registry.send(channel.endpoint, PayloadProtocolId.forMessage(true, bytes.length),
                PayloadProtocolId.payloadFor(bytes), bytes.length);
    }

    private Recorder announcedAt(ChannelPair.Side side, int index) {
        pair.runUntil(() -> side.incoming.size() > index && side.incoming.get(index).events.contains("open"), SOON);
        return side.incoming.get(index);
    }

    @Test
    void aChannelMadeBeforeTheAssociationOpensOnAnEvenIdAtTheClientAndThePeerAnnouncesIt() {
        Recorder chat = pair.a.open("chat", RTCDataChannelInit.builder().protocol("irc")
                .priority(RTCPriorityType.HIGH).build());
        assertThat(chat.events).isEmpty();

        pair.connect();
        Recorder atB = announcedAt(pair.b, 0);

        // RFC 8832 §6: "If the side is acting as the DTLS client, it MUST choose an even stream identifier".
        assertThat(chat.events).containsExactly("id 0", "open");
        assertThat(atB.id).isZero();
        assertThat(atB.endpoint.label()).isEqualTo("chat");
        assertThat(atB.endpoint.init().protocol()).isEqualTo("irc");
        assertThat(atB.endpoint.init().priority()).isEqualTo(RTCPriorityType.HIGH);
        assertThat(atB.endpoint.init().negotiated()).isFalse();
        assertThat(atB.events).containsExactly("open");
        assertThat(pair.a.maxChannels).isPositive();

        // "... if the side is acting as the DTLS server, it MUST choose an odd one."
        Recorder fromB = pair.b.open("back", RTCDataChannelInit.defaults());
        Recorder atA = announcedAt(pair.a, 0);
        assertThat(fromB.id).isEqualTo(1);
        assertThat(atA.id).isEqualTo(1);
        assertThat(atA.endpoint.label()).isEqualTo("back");
    }

    @Test
    void theAckArrivesAndUntilThenAnUnorderedChannelSendsOrdered() {
        pair.connect();
        Recorder channel = pair.a.open("u", RTCDataChannelInit.builder().ordered(false).build());

        // RFC 8832 §6: before the ACK "all other messages ... MUST be sent ordered".
        assertThat(channel.events).containsExactly("id 0", "open");
        assertThat(channel.endpoint.awaitingAck).isTrue();
        assertThat(channel.endpoint.sendUnordered()).isFalse();
        sendText(pair.a, channel, "before the ack");

        Recorder atB = announcedAt(pair.b, 0);
        pair.runUntil(() -> !channel.endpoint.awaitingAck, SOON);
        assertThat(channel.endpoint.sendUnordered()).isTrue();
        pair.runUntil(() -> !atB.messages.isEmpty(), SOON);
        assertThat(atB.messages).containsExactly("before the ack");
        assertThat(atB.endpoint.init().ordered()).isFalse();
    }

    @Test
    void stringBinaryAndEmptyMessagesKeepTheirType() {
        pair.connect();
        Recorder channel = pair.a.open("m", RTCDataChannelInit.defaults());
        Recorder atB = announcedAt(pair.b, 0);

        sendText(pair.a, channel, "héllo");
        sendText(pair.a, channel, "");
        sendBinary(pair.a, channel, new byte[] {1, 2, 3});
        sendBinary(pair.a, channel, new byte[0]);
        pair.runUntil(() -> atB.messages.size() == 2 && atB.binary.size() == 2, SOON);

        // RFC 8831 §6.6: empty messages travel as one zero byte with PPID 56/57 and arrive empty.
        assertThat(atB.messages).containsExactly("héllo", "");
        assertThat(atB.binary.get(0)).containsExactly(1, 2, 3);
        assertThat(atB.binary.get(1)).isEmpty();
        // bufferedAmount's bytes come back as the messages leave: 6 + 0 + 3 + 0.
        pair.runUntil(() -> channel.sent == 9, SOON);
        assertThat(channel.endpoint.pending.size()).isZero();
    }

    @Test
    void negotiatedChannelsOpenWithTheAssociationWithoutDcep() {
        RTCDataChannelInit negotiated = RTCDataChannelInit.builder().negotiated(true).id(7).build();
        Recorder atA = pair.a.open("n", negotiated);
        Recorder atB = pair.b.open("n", negotiated);

        pair.connect();

        assertThat(atA.events).containsExactly("id 7", "open");
        assertThat(atB.events).containsExactly("id 7", "open");
        assertThat(atA.endpoint.awaitingAck).isFalse();
        sendText(pair.a, atA, "ping");
        sendText(pair.b, atB, "pong");
        pair.runUntil(() -> !atA.messages.isEmpty() && !atB.messages.isEmpty(), SOON);
        assertThat(atB.messages).containsExactly("ping");
        assertThat(atA.messages).containsExactly("pong");
        assertThat(pair.a.incoming).isEmpty();
        assertThat(pair.b.incoming).isEmpty();
    }

    @Test
    void aNegotiatedIdAlreadyInUseFailsTheChannel() {
        pair.connect();
        Recorder first = pair.a.open("one", RTCDataChannelInit.builder().negotiated(true).id(4).build());
        Recorder second = pair.a.open("two", RTCDataChannelInit.builder().negotiated(true).id(4).build());

        assertThat(first.events).containsExactly("id 4", "open");
        assertThat(second.events).containsExactly("closed with error");
        assertThat(second.error.errorDetail()).isEqualTo(RTCError.DATA_CHANNEL_FAILURE);
    }

    @Test
    void anOpenOnAStreamOfTheReceiversParityOrOnAStreamInUseIsDropped() {
        pair.connect();
        Recorder mine = pair.a.open("mine", RTCDataChannelInit.defaults());
        announcedAt(pair.b, 0);
        byte[] open = DataChannelOpen.fromInit("bad", RTCDataChannelInit.defaults()).encode();

        // b is the DTLS server and must use odd ids; stream 2 is even: a refuses it (RFC 8832 §6).
        pair.b.association.send(2, PayloadProtocolId.DCEP, open, false, PrPolicy.RELIABLE);
        // Stream 0 is a's open channel.
        pair.b.association.send(0, PayloadProtocolId.DCEP, open, false, PrPolicy.RELIABLE);
        pair.runUntil(() -> pair.a.registry.droppedMessages() == 2, SOON);

        assertThat(pair.a.incoming).isEmpty();
        assertThat(mine.events).containsExactly("id 0", "open");
    }

    @Test
    void malformedDcepUnknownPpidsAndDataOnUnusedStreamsAreDroppedAndCounted() {
        pair.connect();
        Recorder channel = pair.a.open("c", RTCDataChannelInit.defaults());
        Recorder atB = announcedAt(pair.b, 0);

        pair.a.association.send(0, PayloadProtocolId.DCEP, new byte[] {0x03, 0x00}, false, PrPolicy.RELIABLE);
        pair.a.association.send(0, PayloadProtocolId.DCEP, new byte[] {0x7F}, false, PrPolicy.RELIABLE);
        pair.a.association.send(0, 99, new byte[] {1}, false, PrPolicy.RELIABLE);
        pair.a.association.send(10, PayloadProtocolId.BINARY, new byte[] {1}, false, PrPolicy.RELIABLE);
        // An ACK nobody waits for.
        pair.a.association.send(0, PayloadProtocolId.DCEP, new byte[] {0x02}, false, PrPolicy.RELIABLE);
        sendText(pair.a, channel, "still fine");
        pair.runUntil(() -> !atB.messages.isEmpty(), SOON);

        assertThat(pair.b.registry.droppedMessages()).isEqualTo(5);
        assertThat(atB.messages).containsExactly("still fine");
        assertThat(atB.events).containsExactly("open");
    }

    @Test
    void theDeprecatedPartialPpidsAreJoinedIntoOneMessage() {
        pair.connect();
        Recorder channel = pair.a.open("p", RTCDataChannelInit.defaults());
        Recorder atB = announcedAt(pair.b, 0);

        // RFC 8831 §6.6: PPIDs 52/54 ("Partial", deprecated) carried a message in pieces; the last
        // piece has PPID 51/53.
        pair.a.association.send(0, PayloadProtocolId.STRING_PARTIAL, bytes("hel"), false, PrPolicy.RELIABLE);
        pair.a.association.send(0, PayloadProtocolId.STRING_PARTIAL, bytes("lo "), false, PrPolicy.RELIABLE);
        pair.a.association.send(0, PayloadProtocolId.STRING, bytes("world"), false, PrPolicy.RELIABLE);
        pair.a.association.send(0, PayloadProtocolId.BINARY_PARTIAL, new byte[] {1}, false, PrPolicy.RELIABLE);
        pair.a.association.send(0, PayloadProtocolId.BINARY, new byte[] {2}, false, PrPolicy.RELIABLE);
        pair.runUntil(() -> !atB.messages.isEmpty() && !atB.binary.isEmpty(), SOON);

        assertThat(atB.messages).containsExactly("hello world");
        assertThat(atB.binary.get(0)).containsExactly(1, 2);
        assertThat(channel.events).containsExactly("id 0", "open");
    }

    @Test
    void partialPiecesBeyondTheLimitAreDroppedNotHeld() {
        pair.connect();
        pair.a.open("p", RTCDataChannelInit.defaults());
        Recorder atB = announcedAt(pair.b, 0);

        // 20 pieces of 60000 bytes: more than the 1 MiB the registry holds for partial messages.
        for (int i = 0; i < 20; i++) {
            pair.a.association.send(0, PayloadProtocolId.BINARY_PARTIAL, new byte[60_000], false, PrPolicy.RELIABLE);
        }
        pair.a.association.send(0, PayloadProtocolId.BINARY, new byte[] {7}, false, PrPolicy.RELIABLE);
        pair.a.association.send(0, PayloadProtocolId.STRING, bytes("after"), false, PrPolicy.RELIABLE);
        pair.runUntil(() -> !atB.messages.isEmpty(), SOON);

        // The whole oversized message is one drop; no tail of it is delivered as a message.
        assertThat(pair.b.registry.droppedMessages()).isEqualTo(1);
        assertThat(atB.binary).isEmpty();
        assertThat(atB.messages).containsExactly("after");
    }

    @Test
    void closingResetsTheStreamBothWaysAndFreesItsId() {
        pair.connect();
        Recorder channel = pair.a.open("c", RTCDataChannelInit.defaults());
        Recorder atB = announcedAt(pair.b, 0);
        sendText(pair.a, channel, "last words");

        pair.a.registry.close(channel.endpoint);
        pair.runUntil(() -> channel.closed() && atB.closed(), SOON);

        // RFC 8831 §6.7: the closer resets its outgoing stream; the peer, seeing the incoming
        // stream reset, resets its own ("closing" at the peer, W3C §6.2.3); then both are closed.
        assertThat(channel.events).containsExactly("id 0", "open", "closed");
        assertThat(atB.events).containsExactly("open", "closing", "closed");
        assertThat(atB.messages).containsExactly("last words");
        assertThat(pair.a.registry.channelsWithStream()).isZero();
        assertThat(pair.b.registry.channelsWithStream()).isZero();

        // The id is free again.
        Recorder next = pair.a.open("next", RTCDataChannelInit.defaults());
        assertThat(next.id).isZero();
        Recorder nextAtB = announcedAt(pair.b, 1);
        assertThat(nextAtB.endpoint.label()).isEqualTo("next");
    }

    @Test
    void theReceiverCanCloseToo() {
        pair.connect();
        Recorder channel = pair.a.open("c", RTCDataChannelInit.defaults());
        Recorder atB = announcedAt(pair.b, 0);

        pair.b.registry.close(atB.endpoint);
        pair.runUntil(() -> channel.closed() && atB.closed(), SOON);

        assertThat(channel.events).containsExactly("id 0", "open", "closing", "closed");
        assertThat(atB.events).containsExactly("open", "closed");
    }

    @Test
    void aThousandChannelsOpenAtOnceAndCloseAtOnce() {
        pair.connect();
        List<Recorder> channels = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            channels.add(pair.a.open("c" + i, RTCDataChannelInit.defaults()));
        }
        pair.runUntil(() -> pair.b.incoming.size() == 1000, SOON);
        for (int i = 0; i < 1000; i++) {
            assertThat(channels.get(i).id).isEqualTo(2 * i);
            sendText(pair.a, channels.get(i), "to " + i);
        }
        pair.runUntil(() -> pair.b.incoming.stream().allMatch(r -> r.messages.size() == 1), SOON);
        for (Recorder atB : pair.b.incoming) {
            assertThat(atB.messages).containsExactly("to " + atB.id / 2);
            assertThat(atB.endpoint.label()).isEqualTo("c" + atB.id / 2);
        }

        for (Recorder channel : channels) {
            pair.a.registry.close(channel.endpoint);
        }
        pair.runUntil(() -> channels.stream().allMatch(Recorder::closed)
                && pair.b.incoming.stream().allMatch(Recorder::closed), SOON);
        assertThat(pair.a.registry.channelsWithStream()).isZero();
        assertThat(pair.b.registry.channelsWithStream()).isZero();
    }

    @Test
    void anAbortClosesEveryChannelWithAnSctpFailure() {
        pair.connect();
        Recorder channel = pair.a.open("c", RTCDataChannelInit.defaults());
        Recorder waiting = announcedAt(pair.b, 0);

        pair.a.association.abort("test abort");
        pair.runUntil(() -> channel.closed() && waiting.closed(), SOON);

        assertThat(channel.events).containsExactly("id 0", "open", "closed with error");
        assertThat(channel.error.errorDetail()).isEqualTo(RTCError.SCTP_FAILURE);
        assertThat(waiting.events).containsExactly("open", "closed with error");
        assertThat(pair.a.closedWith).isNotNull();
        assertThat(pair.b.closedWith).isNotNull();
    }

    @Test
    void stopClosesEveryChannelWithoutAnErrorAndLaterChannelsCloseAtOnce() {
        pair.connect();
        Recorder channel = pair.a.open("c", RTCDataChannelInit.defaults());

        pair.a.registry.stop();

        assertThat(channel.events).containsExactly("id 0", "open", "closed");
        assertThat(pair.a.closedWith).isNull();
        Recorder late = pair.a.open("late", RTCDataChannelInit.defaults());
        assertThat(late.events).containsExactly("closed");
    }

    @Test
    void aChannelClosedBeforeTheAssociationOpensNeverGetsAStream() {
        Recorder channel = pair.a.open("c", RTCDataChannelInit.defaults());
        pair.a.registry.close(channel.endpoint);
        pair.connect();
        pair.run(Duration.ofMillis(100));

        assertThat(channel.events).containsExactly("closed");
        assertThat(pair.b.incoming).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
