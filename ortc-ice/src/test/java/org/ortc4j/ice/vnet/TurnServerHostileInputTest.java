package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.SERVER;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.at;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.StreamSocket;
import org.ortc4j.ice.stun.ChannelData;
import org.ortc4j.ice.stun.ChannelNumberAttribute;
import org.ortc4j.ice.stun.DataAttribute;
import org.ortc4j.ice.stun.LifetimeAttribute;
import org.ortc4j.ice.stun.RequestedTransportAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.XorPeerAddressAttribute;

/**
 * Bad input from the network never stops the servers (ARCHITECTURE.md, "Bad input"): seeded
 * streams of mutated TURN messages, ChannelData and random bytes, from clients and peers, over
 * UDP and TCP. Afterwards the server still serves, and every buffer was released.
 */
class TurnServerHostileInputTest {

    private final TurnServerTestWorld world = new TurnServerTestWorld(b -> b.tcpAddress(SERVER));

    @AfterEach
    void everyBufferIsReleased() {
        world.closeAndCheckBuffers();
    }

    /** Valid messages of every kind the server reads, to mutate. */
    private List<byte[]> seeds(TurnServerTestWorld.TurnClient client, InetSocketAddress peer) {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(client.authenticated(StunMethod.ALLOCATE, new RequestedTransportAttribute(17), new LifetimeAttribute(600)).encode());
        seeds.add(client.authenticated(StunMethod.REFRESH, new LifetimeAttribute(0)).encode());
        seeds.add(client.authenticated(StunMethod.CREATE_PERMISSION, new XorPeerAddressAttribute(peer)).encode());
        seeds.add(client.authenticated(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4000),
                new XorPeerAddressAttribute(peer)).encode());
        seeds.add(StunMessage.newBuilder(StunMessageType.of(StunMethod.SEND, StunMessageClass.INDICATION))
                .attribute(new XorPeerAddressAttribute(peer)).attribute(new DataAttribute(new byte[] {1, 2, 3})).build().encode());
        ByteBuf channelData = Unpooled.buffer();
        ChannelData.encode(0x4000, Unpooled.wrappedBuffer(new byte[] {9, 8, 7, 6, 5}), true, channelData);
        seeds.add(ByteBufUtil.getBytes(channelData));
        channelData.release();
        return seeds;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes;
        switch (random.nextInt(4)) {
            case 0 -> { // flip bits
                bytes = seed.clone();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> bytes = java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1)); // truncate
            case 2 -> { // extend with junk
                bytes = java.util.Arrays.copyOf(seed, seed.length + 1 + random.nextInt(40));
                for (int i = seed.length; i < bytes.length; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
            }
            default -> { // pure noise
                bytes = new byte[random.nextInt(120)];
                random.nextBytes(bytes);
            }
        }
        return bytes;
    }

    @Test
    void mutatedDatagramsFromClientsAndPeersAreSurvived() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        InetSocketAddress relayed = alice.allocate();
        InetSocketAddress peerAddress = at("198.51.100.200", 7000);
        TurnServerTestPeer peer = world.peer("peer", "198.51.100.200", 7000);
        alice.request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4000), new XorPeerAddressAttribute(peerAddress));
        TurnServerTestWorld.TurnClient mallory = world.client("mallory", "198.51.100.66", 40000, "alice", "alice-secret");
        mallory.nonce = alice.nonce;

        Random random = new Random(8656);
        List<byte[]> seeds = seeds(mallory, peerAddress);
        seeds.addAll(seeds(alice, peerAddress));
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = mutate(seeds.get(random.nextInt(seeds.size())), random);
            switch (random.nextInt(3)) {
                case 0 -> mallory.sendRaw(bytes);
                case 1 -> alice.sendRaw(bytes);
                default -> peer.send(bytes, relayed);
            }
            if (i % 100 == 0) {
                world.settle();
            }
        }
        world.settle();
        alice.udp.received.clear();
        mallory.udp.received.clear();
        assertThat(world.server.droppedClientPackets()).isPositive();

        // Still serving: a fresh client allocates and relays.
        TurnServerTestWorld.TurnClient bob = world.client("bob", "198.51.100.2", 50000, "bob", "bob-secret");
        InetSocketAddress bobsRelay = bob.allocate();
        bob.request(StunMethod.CREATE_PERMISSION, new XorPeerAddressAttribute(peerAddress));
        peer.received.clear();
        peer.send(new byte[] {42}, bobsRelay);
        world.settle();
        StunMessage data = bob.udp.takeLast().stun();
        assertThat(data.attribute(DataAttribute.class).orElseThrow().data()).containsExactly(42);
    }

    @Test
    void mutatedStreamsAreClosedOrSurvivedButNeverStopTheServer() {
        Random random = new Random(6062);
        TurnServerTestWorld.TurnClient template = world.client("template", "198.51.100.1", 50000, "alice", "alice-secret");
        template.unauthenticatedAllocate();
        List<byte[]> seeds = seeds(template, at("198.51.100.200", 7000));
        VirtualHost host = world.network.addHost("streamer", "198.51.100.3");
        for (int connection = 0; connection < 40; connection++) {
            TurnServerTcpTest.FramedStream received = new TurnServerTcpTest.FramedStream();
            var connecting = host.connectTcp(SERVER, null, received);
            world.settle();
            StreamSocket socket = connecting.join();
            for (int i = 0; i < 30 && socket.isOpen(); i++) {
                byte[] bytes = random.nextInt(3) == 0
                        ? mutate(seeds.get(random.nextInt(seeds.size())), random)
                        : seeds.get(random.nextInt(seeds.size()));
                socket.send(host.alloc().buffer(bytes.length).writeBytes(bytes));
                world.settle();
            }
            socket.close();
            world.settle();
        }
        assertThat(world.server.allocationCount()).as("closed connections keep no allocations").isEqualTo(0);
        assertThat(template.allocate()).isNotNull();
    }
}
