package org.ortc4j.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.OperationException;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.sctp.internal.association.AssociationConfig;
import org.ortc4j.sctp.internal.channel.SctpTransports;

/**
 * Two RTCSctpTransports over two RTCDtlsTransports over two RTCIceTransports on this machine's
 * loopback interface, wired as signaling would: what a user of the ORTC objects sees.
 */
class RTCSctpTransportTest {

    static final long TIMEOUT_S = ChannelLog.TIMEOUT_S;
    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** Two connected SCTP transports and the channels each was told about by the peer. */
    record Peers(RTCSctpTransport a, RTCSctpTransport b, LinkedBlockingQueue<ChannelLog> atA,
            LinkedBlockingQueue<ChannelLog> atB) {

        ChannelLog nextAtA() throws InterruptedException {
            return next(atA);
        }

        ChannelLog nextAtB() throws InterruptedException {
            return next(atB);
        }

        private static ChannelLog next(LinkedBlockingQueue<ChannelLog> queue) throws InterruptedException {
            ChannelLog log = queue.poll(TIMEOUT_S, TimeUnit.SECONDS);
            if (log == null) {
                throw new AssertionError("no data channel announced within " + TIMEOUT_S + " s");
            }
            return log;
        }
    }

    Peers connect() throws Exception {
        return connect(AssociationConfig.builder().build(), RTCSctpTransport.getCapabilities());
    }

    /**
     * ICE and DTLS on loopback, an SCTP transport on each (a is the DTLS client), both started
     * with {@code remote} as the peer's capabilities before DTLS connects; returns once both are
     * connected.
     */
    Peers connect(AssociationConfig config, RTCSctpCapabilities remote) throws Exception {
        return connect(config, remote, sctp -> { });
    }

    /** As {@link #connect(AssociationConfig, RTCSctpCapabilities)}; {@code early} runs on a before anything starts. */
    Peers connect(AssociationConfig config, RTCSctpCapabilities remote,
            java.util.function.Consumer<RTCSctpTransport> early) throws Exception {
        RTCIceTransport iceA = iceTransport();
        RTCIceTransport iceB = iceTransport();
        signal(iceA, iceB);
        signal(iceB, iceA);
        RTCDtlsTransport dtlsA = dtls(iceA);
        RTCDtlsTransport dtlsB = dtls(iceB);
        RTCSctpTransport a = SctpTransports.create(dtlsA, 5000, config);
        RTCSctpTransport b = SctpTransports.create(dtlsB, 5000, config);
        toClose.add(a::stop);
        toClose.add(b::stop);
        LinkedBlockingQueue<ChannelLog> atA = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<ChannelLog> atB = new LinkedBlockingQueue<>();
        a.onDataChannel(channel -> atA.add(new ChannelLog(channel)));
        b.onDataChannel(channel -> {
            // W3C §6.2: the announced channel is open already; a listener may send at once.
            if (channel.label().equals("greet")) {
                channel.send("welcome");
            }
            atB.add(new ChannelLog(channel));
        });
        CompletableFuture<RTCSctpTransportState> connectedA = whenState(a, RTCSctpTransportState.CONNECTED);
        CompletableFuture<RTCSctpTransportState> connectedB = whenState(b, RTCSctpTransportState.CONNECTED);

        early.accept(a);
        // SCTP is started before DTLS connects: it waits for it.
        a.start(remote, 5000);
        b.start(remote, 5000);
        iceA.start(iceB.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
        iceB.start(iceA.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
        dtlsA.start(dtlsB.getLocalParameters());
        dtlsB.start(dtlsA.getLocalParameters());

        connectedA.get(TIMEOUT_S, TimeUnit.SECONDS);
        connectedB.get(TIMEOUT_S, TimeUnit.SECONDS);
        return new Peers(a, b, atA, atB);
    }

    private RTCIceTransport iceTransport() {
        RTCIceGatherer gatherer = new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack());
        RTCIceTransport transport = new RTCIceTransport(gatherer);
        toClose.add(gatherer);
        toClose.add(transport::stop);
        return transport;
    }

    private RTCDtlsTransport dtls(RTCIceTransport ice) throws Exception {
        RTCDtlsTransport dtls = new RTCDtlsTransport(ice, List.of(RTCCertificate.generate()));
        toClose.add(dtls::stop);
        return dtls;
    }

    private static void signal(RTCIceTransport from, RTCIceTransport to) {
        from.iceGatherer().onLocalCandidate(to::addRemoteCandidate);
        from.iceGatherer().onStateChange(state -> {
            if (state == RTCIceGathererState.COMPLETE) {
                to.addRemoteCandidate(null);
            }
        });
    }

    static CompletableFuture<RTCSctpTransportState> whenState(RTCSctpTransport t, RTCSctpTransportState wanted) {
        CompletableFuture<RTCSctpTransportState> future = new CompletableFuture<>();
        t.onStateChange(s -> {
            if (s == wanted) {
                future.complete(s);
            }
        });
        if (t.state() == wanted) {
            future.complete(wanted);
        }
        return future;
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void channelsOpenBothWaysAndCarryStringsBinaryAndEmptyMessages() throws Exception {
        Peers peers = connect();
        ChannelLog chat = new ChannelLog(new RTCDataChannel(peers.a(), "chat",
                RTCDataChannelInit.builder().protocol("v1").build())).awaitOpen();
        ChannelLog chatAtB = peers.nextAtB().awaitOpen();

        // RFC 8832 §6: the DTLS client (a) uses even ids, the server (b) odd ones.
        assertThat(chat.channel.id()).isZero();
        assertThat(chatAtB.channel.id()).isZero();
        assertThat(chatAtB.channel.label()).isEqualTo("chat");
        assertThat(chatAtB.channel.protocol()).isEqualTo("v1");
        assertThat(chatAtB.channel.negotiated()).isFalse();
        assertThat(chatAtB.channel.ordered()).isTrue();
        assertThat(chatAtB.channel.readyState()).isEqualTo(RTCDataChannelState.OPEN);

        chat.channel.send("héllo");
        chat.channel.send(new byte[] {1, 2, 3});
        chat.channel.send("");
        chat.channel.send(new byte[0]);
        chat.channel.send(ByteBuffer.wrap(new byte[] {9, 8, 7, 6}, 1, 2));
        RTCDataChannelMessage text = chatAtB.next();
        assertThat(text.isBinary()).isFalse();
        assertThat(text.text()).isEqualTo("héllo");
        RTCDataChannelMessage binary = chatAtB.next();
        assertThat(binary.isBinary()).isTrue();
        assertThat(binary.bytes()).containsExactly(1, 2, 3);
        // RFC 8831 §6.6: empty messages arrive empty, with their type.
        RTCDataChannelMessage emptyText = chatAtB.next();
        assertThat(emptyText.isBinary()).isFalse();
        assertThat(emptyText.text()).isEmpty();
        RTCDataChannelMessage emptyBinary = chatAtB.next();
        assertThat(emptyBinary.isBinary()).isTrue();
        assertThat(emptyBinary.length()).isZero();
        assertThat(chatAtB.next().bytes()).containsExactly(8, 7);

        chatAtB.channel.send("back");
        assertThat(chat.next().text()).isEqualTo("back");

        ChannelLog greet = new ChannelLog(new RTCDataChannel(peers.a(), "greet", RTCDataChannelInit.defaults()));
        assertThat(greet.next().text()).isEqualTo("welcome");
        assertThat(peers.nextAtB().events).containsExactly("open");

        ChannelLog fromB = new ChannelLog(new RTCDataChannel(peers.b(), "from b", RTCDataChannelInit.defaults()))
                .awaitOpen();
        ChannelLog fromBAtA = peers.nextAtA().awaitOpen();
        assertThat(fromB.channel.id()).isEqualTo(1);
        assertThat(fromBAtA.channel.id()).isEqualTo(1);
        assertThat(greet.channel.id()).isEqualTo(2);
        fromB.channel.send("odd");
        assertThat(fromBAtA.next().text()).isEqualTo("odd");
    }

    @Test
    void capabilitiesMaxMessageSizeAndMaxChannels() throws Exception {
        assertThat(RTCSctpTransport.getCapabilities().maxMessageSize()).isEqualTo(262_144);
        Peers peers = connect();

        assertThat(peers.a().maxMessageSize()).isEqualTo(262_144);
        assertThat(peers.a().maxChannels()).hasValue(65535);
        assertThat(peers.a().port()).isEqualTo(5000);
        ChannelLog channel = new ChannelLog(new RTCDataChannel(peers.a(), "big", RTCDataChannelInit.defaults()))
                .awaitOpen();
        ChannelLog atB = peers.nextAtB().awaitOpen();

        // W3C §6.2 send: larger than maxMessageSize is a TypeError; the channel stays open.
        assertThatThrownBy(() -> channel.channel.send(new byte[262_145])).isInstanceOf(IllegalArgumentException.class);
        byte[] largest = randomBytes(262_144, 1);
        channel.channel.send(largest);
        assertThat(atB.next().bytes()).isEqualTo(largest);
        assertThat(channel.channel.readyState()).isEqualTo(RTCDataChannelState.OPEN);
    }

    @Test
    void theMaxMessageSizeRuleOfW3c() {
        // W3C §6.1.1 "update the data max message size".
        assertThat(RTCSctpTransport.maxMessageSize(0, 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(RTCSctpTransport.maxMessageSize(0, 1000)).isEqualTo(1000);
        assertThat(RTCSctpTransport.maxMessageSize(2000, 0)).isEqualTo(2000);
        assertThat(RTCSctpTransport.maxMessageSize(2000, 1000)).isEqualTo(1000);
        assertThat(RTCSctpTransport.maxMessageSize(500, 1000)).isEqualTo(500);
    }

    @Test
    void aOneMebibyteMessageArrivesWhole() throws Exception {
        // The peer accepts any size (0); then our send buffer (16 MiB) is the limit.
        Peers peers = connect(AssociationConfig.builder().build(), new RTCSctpCapabilities(0));
        assertThat(peers.a().maxMessageSize()).isEqualTo(16L << 20);
        ChannelLog channel = new ChannelLog(new RTCDataChannel(peers.a(), "file", RTCDataChannelInit.defaults()))
                .awaitOpen();
        ChannelLog atB = peers.nextAtB().awaitOpen();

        byte[] mebibyte = randomBytes(1 << 20, 2);
        channel.channel.send(mebibyte);

        assertThat(atB.next().bytes()).isEqualTo(mebibyte);
    }

    @Test
    void negotiatedChannelsOpenOnBothSidesWithoutAnAnnouncement() throws Exception {
        Peers peers = connect();
        RTCDataChannelInit init = RTCDataChannelInit.builder().negotiated(true).id(3).build();
        ChannelLog atA = new ChannelLog(new RTCDataChannel(peers.a(), "n", init)).awaitOpen();
        ChannelLog atB = new ChannelLog(new RTCDataChannel(peers.b(), "n", init)).awaitOpen();

        assertThat(atA.channel.id()).isEqualTo(3);
        atA.channel.send("to b");
        atB.channel.send("to a");
        assertThat(atB.next().text()).isEqualTo("to b");
        assertThat(atA.next().text()).isEqualTo("to a");
        assertThat(peers.atA()).isEmpty();
        assertThat(peers.atB()).isEmpty();

        // W3C §6.2: a negotiated id in use is an OperationError.
        assertThatThrownBy(() -> new RTCDataChannel(peers.a(), "again", init)).isInstanceOf(OperationException.class);
    }

    @Test
    void maxChannelsIsTheSmallerNegotiatedStreamCount() throws Exception {
        Peers peers = connect(AssociationConfig.builder().outboundStreams(16).inboundStreams(32).build(),
                RTCSctpTransport.getCapabilities());

        // RFC 8831 §6.2 / W3C §6.1.1: min(our OS, the peer's MIS) and the reverse.
        assertThat(peers.a().maxChannels()).hasValue(16);
        // W3C §6.2: a negotiated id at or above maxChannels is an OperationError.
        assertThatThrownBy(() -> new RTCDataChannel(peers.a(), "far",
                RTCDataChannelInit.builder().negotiated(true).id(16).build()))
                .isInstanceOf(OperationException.class);
        ChannelLog last = new ChannelLog(new RTCDataChannel(peers.a(), "last",
                RTCDataChannelInit.builder().negotiated(true).id(15).build())).awaitOpen();
        assertThat(last.channel.id()).isEqualTo(15);
        // Ids 0, 2, ..., 14 are the client's: eight channels, then none is left.
        List<ChannelLog> channels = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            channels.add(new ChannelLog(new RTCDataChannel(peers.a(), "c" + i, RTCDataChannelInit.defaults())));
        }
        for (int i = 0; i < 8; i++) {
            channels.get(i).awaitOpen();
            assertThat(channels.get(i).channel.id()).isEqualTo(2 * i);
        }
        ChannelLog tooMany = channels.get(8);
        tooMany.awaitClosed();
        assertThat(tooMany.events).containsExactly("error", "close");
        assertThat(tooMany.error.getNow(null).errorDetail()).isEqualTo(RTCError.DATA_CHANNEL_FAILURE);
    }

    @Test
    void aChannelMadeBeforeTheTransportConnectsOpensWhenItDoes() throws Exception {
        RTCIceTransport ice = iceTransport();
        RTCDtlsTransport dtls = dtls(ice);
        RTCSctpTransport sctp = new RTCSctpTransport(dtls);
        toClose.add(sctp::stop);
        RTCDataChannel channel = new RTCDataChannel(sctp, "early", RTCDataChannelInit.defaults());
        ChannelLog log = new ChannelLog(channel);

        // W3C §6.2 send: "If channel.[[ReadyState]] is "connecting", throw an InvalidStateError."
        assertThat(channel.readyState()).isEqualTo(RTCDataChannelState.CONNECTING);
        assertThat(channel.id()).isNull();
        assertThat(sctp.maxMessageSize()).isEqualTo(65_536);
        assertThat(sctp.maxChannels()).isEmpty();
        assertThatThrownBy(() -> channel.send("too early")).isInstanceOf(InvalidStateException.class);

        sctp.start(RTCSctpTransport.getCapabilities(), 5000);
        assertThatThrownBy(() -> sctp.start(RTCSctpTransport.getCapabilities(), 5000))
                .isInstanceOf(InvalidStateException.class);
        sctp.stop();
        log.awaitClosed();
        assertThat(log.events).containsExactly("close");
        assertThat(channel.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        assertThatThrownBy(() -> new RTCDataChannel(sctp, "late", RTCDataChannelInit.defaults()))
                .isInstanceOf(InvalidStateException.class);
    }

    @Test
    void channelsMadeBeforeAnythingConnectsOpenWithTheAssociation() throws Exception {
        List<ChannelLog> early = new ArrayList<>();
        Peers peers = connect(AssociationConfig.builder().build(), RTCSctpTransport.getCapabilities(), a -> {
            early.add(new ChannelLog(new RTCDataChannel(a, "early", RTCDataChannelInit.defaults())));
            early.add(new ChannelLog(new RTCDataChannel(a, "negotiated",
                    RTCDataChannelInit.builder().negotiated(true).id(5).build())));
        });
        ChannelLog negotiatedAtB = new ChannelLog(new RTCDataChannel(peers.b(), "negotiated",
                RTCDataChannelInit.builder().negotiated(true).id(5).build())).awaitOpen();

        ChannelLog channel = early.get(0).awaitOpen();
        ChannelLog negotiated = early.get(1).awaitOpen();
        // The id is assigned once the DTLS role is known: a is the client, so even.
        assertThat(channel.channel.id()).isZero();
        assertThat(negotiated.channel.id()).isEqualTo(5);
        ChannelLog atB = peers.nextAtB().awaitOpen();
        assertThat(atB.channel.label()).isEqualTo("early");
        channel.channel.send("early bird");
        negotiated.channel.send("agreed");
        assertThat(atB.next().text()).isEqualTo("early bird");
        assertThat(negotiatedAtB.next().text()).isEqualTo("agreed");
    }

    @Test
    void bufferedAmountGrowsInSendAndTheLowEventFiresWhenItFallsToTheThreshold() throws Exception {
        Peers peers = connect();
        ChannelLog channel = new ChannelLog(new RTCDataChannel(peers.a(), "bulk", RTCDataChannelInit.defaults()))
                .awaitOpen();
        ChannelLog atB = peers.nextAtB().awaitOpen();
        channel.channel.setBufferedAmountLowThreshold(100_000);
        int count = 40;
        int size = 50_000;

        // On the loop, so that nothing leaves the queue between the sends and the reading.
        CompletableFuture<Long> afterSends = new CompletableFuture<>();
        peers.a().transport().iceTransport().scheduler().execute(() -> {
            long before = channel.channel.bufferedAmount();
            for (int i = 0; i < count; i++) {
                channel.channel.send(new byte[size]);
            }
            afterSends.complete(channel.channel.bufferedAmount() - before);
        });
        long grown = afterSends.get(TIMEOUT_S, TimeUnit.SECONDS);
        // The first packets may leave at once (a few kB of congestion window); the rest is counted.
        assertThat(grown).isGreaterThan((long) count * size - 100_000).isLessThanOrEqualTo((long) count * size);

        for (int i = 0; i < count; i++) {
            assertThat(atB.next().length()).isEqualTo(size);
        }
        assertThat(channel.channel.bufferedAmount()).isZero();
        // W3C §6.2: once, when it fell from above 100000 to at or below it.
        assertThat(channel.bufferedAmountLow.get()).isEqualTo(1);
    }

    @Test
    void aSendTheBufferCannotHoldIsAnOperationErrorAndClosesTheChannel() throws Exception {
        Peers peers = connect(AssociationConfig.builder().maxSendBufferBytes(100_000).build(),
                RTCSctpTransport.getCapabilities());
        // W3C §6.1.1: canSendSize (our send buffer) is below the peer's 262144.
        assertThat(peers.a().maxMessageSize()).isEqualTo(100_000);
        ChannelLog channel = new ChannelLog(new RTCDataChannel(peers.a(), "full", RTCDataChannelInit.defaults()))
                .awaitOpen();

        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        peers.a().transport().iceTransport().scheduler().execute(() -> {
            try {
                channel.channel.send(new byte[40_000]);
                channel.channel.send(new byte[40_000]);
                channel.channel.send(new byte[30_000]);
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });

        // W3C §6.2 send: "If channel's underlying data transport cannot queue data ... throw an
        // OperationError"; as Chromium, the channel closes with an error.
        assertThat(thrown.get(TIMEOUT_S, TimeUnit.SECONDS)).isInstanceOf(OperationException.class);
        channel.awaitClosed();
        assertThat(channel.events).containsExactly("open", "error", "close");
        assertThat(channel.error.getNow(null).errorDetail()).isEqualTo(RTCError.DATA_CHANNEL_FAILURE);
    }

    @Test
    void closeFromTheOpenerClosesBothSidesAndThePeerSeesClosing() throws Exception {
        Peers peers = connect();
        ChannelLog channel = new ChannelLog(new RTCDataChannel(peers.a(), "c", RTCDataChannelInit.defaults()))
                .awaitOpen();
        ChannelLog atB = peers.nextAtB().awaitOpen();
        channel.channel.send("last");

        channel.channel.close();

        // W3C §6.2 close: "Set channel.[[ReadyState]] to "closing"" at once.
        assertThat(channel.channel.readyState()).isIn(RTCDataChannelState.CLOSING, RTCDataChannelState.CLOSED);
        assertThatThrownBy(() -> channel.channel.send("more")).isInstanceOf(InvalidStateException.class);
        channel.awaitClosed();
        atB.awaitClosed();
        assertThat(atB.next().text()).isEqualTo("last");
        // RFC 8831 §6.7 and W3C §6.2.3: the peer that sees the reset is closing first.
        assertThat(atB.events).containsExactly("open", "closing", "close");
        assertThat(channel.events).containsExactly("open", "close");
        assertThat(peers.a().state()).isEqualTo(RTCSctpTransportState.CONNECTED);
    }

    @Test
    void closeFromTheReceiverClosesBothSides() throws Exception {
        Peers peers = connect();
        ChannelLog channel = new ChannelLog(new RTCDataChannel(peers.a(), "c", RTCDataChannelInit.defaults()))
                .awaitOpen();
        ChannelLog atB = peers.nextAtB().awaitOpen();

        atB.channel.close();

        channel.awaitClosed();
        atB.awaitClosed();
        assertThat(channel.events).containsExactly("open", "closing", "close");
        assertThat(channel.channel.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    }

    @Test
    void stoppingATransportClosesItsChannelsAndThePeersWithAnError() throws Exception {
        Peers peers = connect();
        ChannelLog channel = new ChannelLog(new RTCDataChannel(peers.a(), "c", RTCDataChannelInit.defaults()))
                .awaitOpen();
        ChannelLog atB = peers.nextAtB().awaitOpen();
        CompletableFuture<RTCSctpTransportState> bClosed = whenState(peers.b(), RTCSctpTransportState.CLOSED);

        peers.a().stop();

        channel.awaitClosed();
        assertThat(peers.a().state()).isEqualTo(RTCSctpTransportState.CLOSED);
        assertThat(channel.events).containsExactly("open", "close");
        // The peer receives our ABORT: its association failed, its channels close with an error.
        bClosed.get(TIMEOUT_S, TimeUnit.SECONDS);
        atB.awaitClosed();
        assertThat(atB.error.getNow(null)).isNotNull();
        assertThat(atB.error.getNow(null).errorDetail()).isEqualTo(RTCError.SCTP_FAILURE);
        assertThat(atB.events).containsExactly("open", "error", "close");
    }

    @Test
    void whenDtlsClosesTheSctpTransportAndItsChannelsClose() throws Exception {
        Peers peers = connect();
        ChannelLog channel = new ChannelLog(new RTCDataChannel(peers.a(), "c", RTCDataChannelInit.defaults()))
                .awaitOpen();
        CompletableFuture<RTCSctpTransportState> aClosed = whenState(peers.a(), RTCSctpTransportState.CLOSED);

        peers.a().transport().stop();

        aClosed.get(TIMEOUT_S, TimeUnit.SECONDS);
        channel.awaitClosed();
        assertThat(channel.channel.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    }

    @Test
    void aPartiallyReliableUnorderedChannelIsAnnouncedAsSuch() throws Exception {
        Peers peers = connect();
        ChannelLog channel = new ChannelLog(new RTCDataChannel(peers.a(), "pr",
                RTCDataChannelInit.builder().ordered(false).maxRetransmits(0).build())).awaitOpen();
        ChannelLog atB = peers.nextAtB().awaitOpen();

        assertThat(atB.channel.ordered()).isFalse();
        assertThat(atB.channel.maxRetransmits()).isZero();
        assertThat(atB.channel.maxPacketLifeTime()).isNull();
        for (int i = 0; i < 20; i++) {
            channel.channel.send("m" + i);
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            got.add(atB.next().text());
        }
        // Loopback loses nothing; unordered messages may arrive in any order.
        assertThat(got).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void aThousandChannelsOpenAtOnce() throws Exception {
        Peers peers = connect();
        List<ChannelLog> channels = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            channels.add(new ChannelLog(new RTCDataChannel(peers.a(), "c" + i, RTCDataChannelInit.defaults())));
        }
        List<ChannelLog> atB = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            atB.add(peers.nextAtB());
        }
        for (ChannelLog log : channels) {
            log.awaitOpen();
            log.channel.send(log.channel.label());
        }
        for (ChannelLog log : atB) {
            log.awaitOpen();
            assertThat(log.next().text()).isEqualTo(log.channel.label());
            assertThat(log.channel.id()).isEqualTo(2 * Integer.parseInt(log.channel.label().substring(1)));
        }
    }
}
