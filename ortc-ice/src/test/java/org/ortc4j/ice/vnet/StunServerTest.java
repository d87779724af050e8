package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.LifetimeAttribute;
import org.ortc4j.ice.stun.SoftwareAttribute;
import org.ortc4j.ice.stun.StunAttributeType;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.UnknownAttributesAttribute;
import org.ortc4j.ice.stun.UnknownStunAttribute;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;

/** The STUN server on the virtual network (RFC 8489 §6.3). */
class StunServerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 1, alloc);
    private final VirtualHost serverHost = network.addHost("stun", "192.0.2.1");
    private final StunServer server = StunServer.start(serverHost, at("192.0.2.1", 3478)).join();

    static InetSocketAddress at(String address, int port) {
        return new InetSocketAddress(VirtualHost.literal(address), port);
    }

    @AfterEach
    void everyBufferIsReleased() {
        server.close();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(alloc.unreleased()).isEmpty();
    }

    private TurnServerTestPeer clientOnTheInternet() {
        return new TurnServerTestPeer(network.addHost("client", "198.51.100.7"), at("198.51.100.7", 40000));
    }

    private void settle() {
        scheduler.advance(Duration.ofSeconds(1));
    }

    @Test
    void bindingRequestIsAnsweredWithTheClientsAddress() {
        TurnServerTestPeer client = clientOnTheInternet();
        StunMessage request = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).fingerprint().build();
        client.send(request, server.localAddress());
        settle();

        TurnServerTestPeer.Datagram datagram = client.takeLast();
        StunMessage response = datagram.stun();
        assertThat(datagram.from()).isEqualTo(at("192.0.2.1", 3478));
        assertThat(response.type()).isEqualTo(StunMessageType.BINDING_SUCCESS_RESPONSE);
        assertThat(response.transactionId()).isEqualTo(request.transactionId());
        assertThat(response.attribute(XorMappedAddressAttribute.class)).get()
                .extracting(XorMappedAddressAttribute::address).isEqualTo(at("198.51.100.7", 40000));
        assertThat(response.verifyFingerprint()).isTrue();
        assertThat(server.bindingRequests()).isEqualTo(1);
    }

    @Test
    void behindANatTheMappedAddressIsTheNatsPublicAddress() {
        VirtualNat nat = network.addNat("home", NatBehavior.PORT_RESTRICTED_CONE, "203.0.113.50");
        TurnServerTestPeer client = new TurnServerTestPeer(nat.addHost("laptop", "10.0.0.2"), at("10.0.0.2", 5000));
        client.send(StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build(), server.localAddress());
        settle();

        InetSocketAddress mapped = client.takeLast().stun().attribute(XorMappedAddressAttribute.class).orElseThrow().address();
        assertThat(mapped.getAddress()).isEqualTo(VirtualHost.literal("203.0.113.50"));
        assertThat(nat.mappings()).extracting(NatMapping::external).contains(mapped);
        assertThat(nat.mappings()).extracting(NatMapping::internal).contains(at("10.0.0.2", 5000));
    }

    @Test
    void malformedRequestWithAKnownMethodGets400() {
        TurnServerTestPeer client = clientOnTheInternet();
        // A Binding request whose SOFTWARE attribute claims 16 bytes of which 4 are there.
        byte[] bytes = HexFormat.of().parseHex("00010008" + "2112a442" + "0102030405060708090a0b0c" + "80220010" + "41424344");
        client.send(bytes, server.localAddress());
        settle();

        StunMessage response = client.takeLast().stun();
        assertThat(response.type()).isEqualTo(StunMessageType.BINDING_ERROR_RESPONSE);
        assertThat(response.transactionId()).isEqualTo(Arrays.copyOfRange(bytes, 8, 20));
        assertThat(response.attribute(ErrorCodeAttribute.class)).get().extracting(ErrorCodeAttribute::code).isEqualTo(400);
        assertThat(server.errorResponses()).isEqualTo(1);
    }

    @Test
    void junkAndResponsesAreDroppedAndCounted() {
        TurnServerTestPeer client = clientOnTheInternet();
        client.send(HexFormat.of().parseHex("8000000100000000"), server.localAddress()); // RTP-like
        client.send(new byte[0], server.localAddress());
        client.send(HexFormat.of().parseHex("00010000a1b2c3d40102030405060708090a0b0c"), server.localAddress()); // no cookie
        client.send(StunMessage.newBuilder(StunMessageType.BINDING_SUCCESS_RESPONSE).build(), server.localAddress());
        // An unknown method's malformed request is junk too: the server cannot name the method.
        client.send(HexFormat.of().parseHex("03f10004" + "2112a442" + "0102030405060708090a0b0c"), server.localAddress());
        settle();

        assertThat(client.received).isEmpty();
        assertThat(server.droppedPackets()).isEqualTo(5);
    }

    @Test
    void wrongFingerprintIsDropped() {
        TurnServerTestPeer client = clientOnTheInternet();
        byte[] bytes = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).fingerprint().build().encode();
        bytes[bytes.length - 1] ^= 1;
        client.send(bytes, server.localAddress());
        settle();
        assertThat(client.received).isEmpty();
        assertThat(server.droppedPackets()).isEqualTo(1);
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420ListingIt() {
        TurnServerTestPeer client = clientOnTheInternet();
        StunMessage request = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST)
                .attribute(new UnknownStunAttribute(StunAttributeType.valueOf(0x7777), new byte[4]))
                .attribute(new SoftwareAttribute("test"))
                .build();
        client.send(request, server.localAddress());
        settle();

        StunMessage response = client.takeLast().stun();
        assertThat(response.attribute(ErrorCodeAttribute.class)).get().extracting(ErrorCodeAttribute::code).isEqualTo(420);
        assertThat(response.attribute(UnknownAttributesAttribute.class)).get()
                .extracting(UnknownAttributesAttribute::types).isEqualTo(List.of(StunAttributeType.valueOf(0x7777)));
    }

    @Test
    void otherMethodsGet400AndIndicationsNothing() {
        TurnServerTestPeer client = clientOnTheInternet();
        client.send(StunMessage.newBuilder(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.REQUEST))
                .attribute(new LifetimeAttribute(600)).build(), server.localAddress());
        settle();
        assertThat(client.takeLast().stun().type()).isEqualTo(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.ERROR_RESPONSE));

        client.send(StunMessage.newBuilder(StunMessageType.BINDING_INDICATION).build(), server.localAddress());
        settle();
        assertThat(client.received).isEmpty();
        assertThat(server.indications()).isEqualTo(1);
    }

    @Test
    void closedServerAnswersNothing() {
        TurnServerTestPeer client = clientOnTheInternet();
        server.close();
        client.send(StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build(), server.localAddress());
        settle();
        assertThat(client.received).isEmpty();
        assertThat(server.bindingRequests()).isZero();
    }
}
