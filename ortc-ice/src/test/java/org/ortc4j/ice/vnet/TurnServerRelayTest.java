package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.at;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.errorCode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.stun.ChannelData;
import org.ortc4j.ice.stun.ChannelNumberAttribute;
import org.ortc4j.ice.stun.DataAttribute;
import org.ortc4j.ice.stun.LifetimeAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.XorPeerAddressAttribute;

/**
 * Relaying through the TURN server: permissions (RFC 8656 §9, §10.2), Send and Data indications
 * (§11), channels and ChannelData (§12), with their lifetimes on virtual time.
 */
class TurnServerRelayTest {

    private final TurnServerTestWorld world = new TurnServerTestWorld();
    private TurnServerTestWorld.TurnClient alice;
    private InetSocketAddress relayed;
    private TurnServerTestPeer peer;
    private static final InetSocketAddress PEER = at("198.51.100.200", 7000);

    @BeforeEach
    void allocate() {
        alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        relayed = alice.allocate();
        peer = world.peer("peer", "198.51.100.200", 7000);
    }

    @AfterEach
    void everyBufferIsReleased() {
        world.closeAndCheckBuffers();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private StunMessage sendIndication(InetSocketAddress to, String text) {
        return StunMessage.newBuilder(StunMessageType.of(StunMethod.SEND, StunMessageClass.INDICATION))
                .attribute(new XorPeerAddressAttribute(to))
                .attribute(new DataAttribute(utf8(text)))
                .fingerprint()
                .build();
    }

    private static byte[] channelData(int channel, String text) {
        ByteBuf out = Unpooled.buffer();
        ChannelData.encode(channel, Unpooled.wrappedBuffer(utf8(text)), false, out);
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    private void permit(InetSocketAddress... peers) {
        XorPeerAddressAttribute[] attributes = new XorPeerAddressAttribute[peers.length];
        for (int i = 0; i < peers.length; i++) {
            attributes[i] = new XorPeerAddressAttribute(peers[i]);
        }
        StunMessage response = alice.request(StunMethod.CREATE_PERMISSION, attributes);
        assertThat(response.type()).isEqualTo(StunMessageType.of(StunMethod.CREATE_PERMISSION, StunMessageClass.SUCCESS_RESPONSE));
    }

    /** What the client received as one Data indication: its peer and its text. */
    private String dataIndicationFrom(InetSocketAddress expectedPeer) {
        StunMessage indication = alice.udp.takeLast().stun();
        assertThat(indication.type()).isEqualTo(StunMessageType.of(StunMethod.DATA, StunMessageClass.INDICATION));
        assertThat(indication.attribute(XorPeerAddressAttribute.class).orElseThrow().address()).isEqualTo(expectedPeer);
        return new String(indication.attribute(DataAttribute.class).orElseThrow().data(), StandardCharsets.UTF_8);
    }

    @Test
    void sendAndDataIndicationsRelayBothWaysOncePermitted() {
        permit(PEER);
        alice.send(sendIndication(PEER, "hello peer"));
        world.settle();
        // RFC 8656 §11.2: the datagram leaves "from the relayed transport address".
        TurnServerTestPeer.Datagram atPeer = peer.takeLast();
        assertThat(new String(atPeer.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello peer");
        assertThat(atPeer.from()).isEqualTo(relayed);

        peer.send(utf8("hello client"), relayed);
        world.settle();
        assertThat(dataIndicationFrom(PEER)).isEqualTo("hello client");
        assertThat(world.server.relayedToPeers()).isEqualTo(1);
        assertThat(world.server.relayedToClients()).isEqualTo(1);
    }

    @Test
    void withoutPermissionNothingIsRelayedEitherWay() {
        alice.send(sendIndication(PEER, "blocked"));
        peer.send(utf8("blocked too"), relayed);
        world.settle();
        assertThat(peer.received).isEmpty();
        assertThat(alice.udp.received).isEmpty();
        assertThat(world.server.droppedClientPackets()).isEqualTo(1);
        assertThat(world.server.droppedPeerPackets()).isEqualTo(1);
    }

    @Test
    void permissionsAreForAnIpAddressWhateverThePort() {
        // RFC 8656 §9: "only addresses are compared and port numbers are not considered".
        permit(at("198.51.100.200", 1));
        TurnServerTestPeer samePeerOtherPort = new TurnServerTestPeer(peer.host, at("198.51.100.200", 7001));
        TurnServerTestPeer stranger = world.peer("stranger", "198.51.100.201", 7000);
        samePeerOtherPort.send(utf8("from 7001"), relayed);
        world.settle();
        assertThat(dataIndicationFrom(at("198.51.100.200", 7001))).isEqualTo("from 7001");

        stranger.send(utf8("from a stranger"), relayed);
        world.settle();
        assertThat(alice.udp.received).isEmpty();
        assertThat(world.server.droppedPeerPackets()).isEqualTo(1);
    }

    @Test
    void createPermissionTakesSeveralPeersAndNeedsAtLeastOne() {
        TurnServerTestPeer second = world.peer("second", "198.51.100.202", 7000);
        permit(PEER, at("198.51.100.202", 7000));
        peer.send(utf8("one"), relayed);
        second.send(utf8("two"), relayed);
        world.settle();
        assertThat(alice.udp.received).hasSize(2);
        alice.udp.received.clear();
        // RFC 8656 §10.2: "If no such attribute exists [...] then a 400 (Bad Request) error is returned."
        assertThat(errorCode(alice.request(StunMethod.CREATE_PERMISSION))).isEqualTo(400);
        // §10.2: a peer address of another family than the relayed address is 443.
        assertThat(errorCode(alice.request(StunMethod.CREATE_PERMISSION,
                new XorPeerAddressAttribute(new InetSocketAddress(VirtualHost.literal("2001:db8::1"), 1))))).isEqualTo(443);
    }

    @Test
    void permissionTableIsBoundedWith508() {
        XorPeerAddressAttribute[] many = new XorPeerAddressAttribute[TurnServerAllocation.MAX_PERMISSIONS];
        for (int i = 0; i < many.length; i++) {
            many[i] = new XorPeerAddressAttribute(at("10.9." + (i / 256) + "." + (i % 256), 1));
        }
        assertThat(alice.request(StunMethod.CREATE_PERMISSION, many).type().messageClass()).isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
        // RFC 8656 §10.2: a capacity limit is answered 508 (Insufficient Capacity).
        assertThat(errorCode(alice.request(StunMethod.CREATE_PERMISSION, new XorPeerAddressAttribute(PEER)))).isEqualTo(508);
        assertThat(errorCode(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4000),
                new XorPeerAddressAttribute(PEER)))).isEqualTo(508);
        // Refreshing a permission already held needs no room.
        assertThat(alice.request(StunMethod.CREATE_PERMISSION, many[0]).type().messageClass()).isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
        // Once they expire there is room again.
        world.advance(Duration.ofSeconds(301));
        permit(PEER);
    }

    @Test
    void permissionExpiresAfter300SecondsAndARequestRefreshesIt() {
        permit(PEER);
        world.advance(Duration.ofSeconds(299));
        peer.send(utf8("still permitted"), relayed);
        world.settle();
        assertThat(dataIndicationFrom(PEER)).isEqualTo("still permitted");

        // A Send indication "never causes the server to refresh the permission" (RFC 8656 §11.2).
        alice.send(sendIndication(PEER, "no refresh"));
        world.advance(Duration.ofSeconds(2));
        assertThat(peer.takeLast().bytes()).isEqualTo(utf8("no refresh"));
        peer.send(utf8("expired"), relayed);
        world.settle();
        assertThat(alice.udp.received).isEmpty();
        assertThat(world.server.droppedPeerPackets()).isEqualTo(1);

        // A new CreatePermission installs it again.
        permit(PEER);
        peer.send(utf8("again"), relayed);
        world.settle();
        assertThat(dataIndicationFrom(PEER)).isEqualTo("again");
    }

    @Test
    void boundChannelCarriesChannelDataBothWays() {
        StunMessage bound = alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4000), new XorPeerAddressAttribute(PEER));
        assertThat(bound.type()).isEqualTo(StunMessageType.of(StunMethod.CHANNEL_BIND, StunMessageClass.SUCCESS_RESPONSE));

        // ChannelBind installs the permission too (RFC 8656 §12.2).
        alice.sendRaw(channelData(0x4000, "over the channel"));
        world.settle();
        TurnServerTestPeer.Datagram atPeer = peer.takeLast();
        assertThat(atPeer.bytes()).isEqualTo(utf8("over the channel"));
        assertThat(atPeer.from()).isEqualTo(relayed);

        // RFC 8656 §11.3/§12.7: with a channel bound to the peer, its datagrams come as ChannelData.
        peer.send(utf8("back"), relayed);
        world.settle();
        byte[] received = alice.udp.takeLast().bytes();
        // Over UDP the server does not pad (RFC 8656 §12.5: "Over UDP, the padding is not required").
        assertThat(received).hasSize(4 + 4);
        ByteBuf buf = Unpooled.wrappedBuffer(received);
        ChannelData message = ChannelData.decode(buf);
        assertThat(message.channelNumber()).isEqualTo(0x4000);
        assertThat(ByteBufUtil.getBytes(message.content())).isEqualTo(utf8("back"));
        message.release();
        buf.release();
        assertThat(world.server.relayedToPeers()).isEqualTo(1);
        assertThat(world.server.relayedToClients()).isEqualTo(1);
    }

    @Test
    void channelDataOnAnUnboundChannelIsDiscarded() {
        permit(PEER);
        // RFC 8656 §12.6: "If the ChannelData message is received on a channel that is not bound
        // to any peer, then the message is silently discarded."
        alice.sendRaw(channelData(0x4001, "nobody's channel"));
        world.settle();
        assertThat(peer.received).isEmpty();
        assertThat(world.server.droppedClientPackets()).isEqualTo(1);
    }

    @Test
    void channelBindRulesAreEnforcedWith400() {
        InetSocketAddress other = at("198.51.100.201", 7000);
        // RFC 8656 §12.2: both attributes required; channel in 0x4000-0x4FFF; a channel bound to
        // one peer; a peer bound to one channel. "If any of these tests fail, the server replies
        // with a 400 (Bad Request) error."
        assertThat(errorCode(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4000)))).isEqualTo(400);
        assertThat(errorCode(alice.request(StunMethod.CHANNEL_BIND, new XorPeerAddressAttribute(PEER)))).isEqualTo(400);
        assertThat(errorCode(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x3FFF),
                new XorPeerAddressAttribute(PEER)))).isEqualTo(400);
        assertThat(errorCode(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x5000),
                new XorPeerAddressAttribute(PEER)))).isEqualTo(400);

        assertThat(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4000), new XorPeerAddressAttribute(PEER))
                .type().messageClass()).isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
        assertThat(errorCode(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4000),
                new XorPeerAddressAttribute(other)))).isEqualTo(400);
        assertThat(errorCode(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4001),
                new XorPeerAddressAttribute(PEER)))).isEqualTo(400);
        // The same peer on another port is another transport address, so it may have its own channel.
        assertThat(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4001),
                new XorPeerAddressAttribute(at("198.51.100.200", 7001))).type().messageClass())
                .isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
        // Binding the same pair again refreshes it ("same transport address is OK").
        assertThat(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4000), new XorPeerAddressAttribute(PEER))
                .type().messageClass()).isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
    }

    @Test
    void channelExpiresAfterTenMinutesAndThePeerFallsBackToDataIndications() {
        alice.request(StunMethod.REFRESH, new LifetimeAttribute(3600));
        alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4abc), new XorPeerAddressAttribute(PEER));
        world.advance(Duration.ofSeconds(550));
        permit(PEER); // the permission (300 s) would have lapsed; the channel (600 s) not yet
        peer.send(utf8("via channel"), relayed);
        world.settle();
        assertThat(ChannelData.isChannelData(alice.udp.takeLast().bytes()[0] & 0xFF)).isTrue();

        world.advance(Duration.ofSeconds(51));
        peer.send(utf8("via indication"), relayed);
        world.settle();
        assertThat(dataIndicationFrom(PEER)).isEqualTo("via indication");
        // ChannelData on the expired channel is discarded; the number is free to bind anew.
        alice.sendRaw(channelData(0x4abc, "stale channel"));
        world.settle();
        assertThat(peer.received).isEmpty();
        assertThat(alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4abc),
                new XorPeerAddressAttribute(at("198.51.100.201", 9))).type().messageClass())
                .isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
    }

    @Test
    void malformedSendIndicationsAreDropped() {
        permit(PEER);
        alice.send(StunMessage.newBuilder(StunMessageType.of(StunMethod.SEND, StunMessageClass.INDICATION))
                .attribute(new XorPeerAddressAttribute(PEER)).build()); // no DATA
        alice.send(StunMessage.newBuilder(StunMessageType.of(StunMethod.SEND, StunMessageClass.INDICATION))
                .attribute(new DataAttribute(utf8("no peer"))).build());
        world.settle();
        assertThat(peer.received).isEmpty();
        assertThat(alice.udp.received).isEmpty();
        assertThat(world.server.droppedClientPackets()).isEqualTo(2);
    }

    @Test
    void anotherClientCannotUseTheAllocation() {
        permit(PEER);
        // Same credentials, another 5-tuple: no allocation there, so its data goes nowhere.
        TurnServerTestWorld.TurnClient intruder = world.client("intruder", "198.51.100.99", 50000, "alice", "alice-secret");
        intruder.send(sendIndication(PEER, "not mine"));
        world.settle();
        assertThat(peer.received).isEmpty();
    }

    @Test
    void closingTheServerFreesTheRelayedSockets() {
        permit(PEER);
        world.server.close();
        long noSocket = world.network.packetsNoSocket();
        peer.send(utf8("anyone?"), relayed);
        world.settle();
        assertThat(world.network.packetsNoSocket()).isEqualTo(noSocket + 1);
        assertThat(world.server.allocationCount()).isZero();
    }
}
