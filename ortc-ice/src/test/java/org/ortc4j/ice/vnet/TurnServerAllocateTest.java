package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.at;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.errorCode;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.stun.DontFragmentAttribute;
import org.ortc4j.ice.stun.EvenPortAttribute;
import org.ortc4j.ice.stun.LifetimeAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.NonceAttribute;
import org.ortc4j.ice.stun.RealmAttribute;
import org.ortc4j.ice.stun.RequestedAddressFamilyAttribute;
import org.ortc4j.ice.stun.RequestedTransportAttribute;
import org.ortc4j.ice.stun.StunAddressFamily;
import org.ortc4j.ice.stun.StunAttributeType;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.UnknownAttributesAttribute;
import org.ortc4j.ice.stun.UsernameAttribute;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;
import org.ortc4j.ice.stun.XorRelayedAddressAttribute;

/** Allocations on the TURN server: credentials (RFC 8489 §9.2), Allocate (RFC 8656 §7.2), Refresh (§8.2), expiry. */
class TurnServerAllocateTest {

    private TurnServerTestWorld world = new TurnServerTestWorld(b -> b.nonceLifetime(Duration.ofMinutes(2)));

    @AfterEach
    void everyBufferIsReleased() {
        world.closeAndCheckBuffers();
    }

    private static final RequestedTransportAttribute UDP = new RequestedTransportAttribute(RequestedTransportAttribute.UDP);

    @Test
    void allocateIsChallengedWith401ThenSucceedsWithRelayedMappedAndLifetime() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");

        // RFC 8656 §7.1 / RFC 8489 §9.2.4: the first request has no credentials and gets 401
        // with REALM and NONCE, and no MESSAGE-INTEGRITY (the server has no key to use yet).
        StunMessage challenge = alice.unauthenticatedAllocate();
        assertThat(challenge.type()).isEqualTo(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.ERROR_RESPONSE));
        assertThat(errorCode(challenge)).isEqualTo(401);
        assertThat(challenge.attribute(RealmAttribute.class)).get().extracting(RealmAttribute::realm).isEqualTo("example.org");
        assertThat(challenge.attribute(NonceAttribute.class)).isPresent();
        assertThat(challenge.hasIntegrity()).isFalse();

        StunMessage response = alice.request(StunMethod.ALLOCATE, UDP);
        assertThat(response.type()).isEqualTo(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.SUCCESS_RESPONSE));
        InetSocketAddress relayed = response.attribute(XorRelayedAddressAttribute.class).orElseThrow().address();
        assertThat(relayed.getAddress()).isEqualTo(VirtualHost.literal("192.0.2.10"));
        assertThat(relayed.getPort()).isNotEqualTo(3478).isPositive();
        assertThat(response.attribute(XorMappedAddressAttribute.class)).get()
                .extracting(XorMappedAddressAttribute::address).isEqualTo(at("198.51.100.1", 50000));
        // The default lifetime is 10 minutes (RFC 8656 §7.2 leaves it to the server; 600 s is the RFC's).
        assertThat(response.attribute(LifetimeAttribute.class)).get().extracting(LifetimeAttribute::seconds).isEqualTo(600L);
        assertThat(response.verifyFingerprint()).isTrue();
        assertThat(world.server.allocationCount()).isEqualTo(1);
        assertThat(world.server.relayedAddress(alice.address())).contains(relayed);
        assertThat(world.server.unauthenticatedRequests()).isEqualTo(1);
    }

    @Test
    void behindANatTheMappedAddressIsTheNatsPublicOne() {
        VirtualNat nat = world.network.addNat("home", NatBehavior.SYMMETRIC, "203.0.113.9");
        VirtualHost laptop = nat.addHost("laptop", "10.1.1.2");
        TurnServerTestWorld.TurnClient alice = world.new TurnClient(
                new TurnServerTestPeer(laptop, at("10.1.1.2", 6000)), "alice", "alice-secret");
        alice.unauthenticatedAllocate();
        StunMessage response = alice.request(StunMethod.ALLOCATE, UDP);
        InetSocketAddress mapped = response.attribute(XorMappedAddressAttribute.class).orElseThrow().address();
        assertThat(mapped.getAddress()).isEqualTo(VirtualHost.literal("203.0.113.9"));
        assertThat(nat.mappings()).extracting(NatMapping::external).contains(mapped);
    }

    @Test
    void wrongPasswordUnknownUserAndOtherRealmGet401() {
        TurnServerTestWorld.TurnClient mallory = world.client("mallory", "198.51.100.66", 50000, "alice", "guess");
        mallory.unauthenticatedAllocate();
        StunMessage wrongPassword = mallory.exchange(mallory.authenticated(StunMethod.ALLOCATE, UDP));
        assertThat(errorCode(wrongPassword)).isEqualTo(401);
        assertThat(wrongPassword.attribute(NonceAttribute.class)).isPresent();
        assertThat(wrongPassword.hasIntegrity()).isFalse();

        TurnServerTestWorld.TurnClient nobody = world.new TurnClient(mallory.udp, "nobody", "x");
        nobody.nonce = mallory.nonce;
        assertThat(errorCode(nobody.exchange(nobody.authenticated(StunMethod.ALLOCATE, UDP)))).isEqualTo(401);

        // Right password, other realm: the key differs, so integrity fails.
        StunMessage otherRealm = StunMessage.newBuilder(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.REQUEST))
                .attribute(UDP).attribute(new UsernameAttribute("alice")).attribute(new RealmAttribute("elsewhere"))
                .attribute(new NonceAttribute(mallory.nonce))
                .messageIntegrity(MessageIntegrityKey.longTerm("alice", "elsewhere", "alice-secret")).build();
        assertThat(errorCode(mallory.exchange(otherRealm))).isEqualTo(401);
        assertThat(world.server.allocationCount()).isZero();
    }

    @Test
    void integrityWithoutUsernameRealmOrNonceIs400() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.unauthenticatedAllocate();
        // RFC 8489 §9.2.4: MESSAGE-INTEGRITY "but is missing either the USERNAME or USERHASH,
        // REALM, or NONCE attribute" → 400.
        StunMessage noNonce = StunMessage.newBuilder(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.REQUEST))
                .attribute(UDP).attribute(new UsernameAttribute("alice")).attribute(new RealmAttribute("example.org"))
                .messageIntegrity(alice.key()).build();
        StunMessage response = alice.exchange(noNonce);
        assertThat(errorCode(response)).isEqualTo(400);
        assertThat(response.attribute(NonceAttribute.class)).isEmpty();
    }

    @Test
    void staleNonceGets438WithAFreshNonceThatWorks() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.allocate();
        String oldNonce = alice.nonce;
        world.advance(Duration.ofMinutes(2).plusSeconds(1));

        // RFC 8489 §9.2.4: "If the NONCE is no longer valid, the server MUST generate an error
        // response with an error code of 438 (Stale Nonce). This response MUST include NONCE and
        // REALM attributes".
        StunMessage stale = alice.exchange(alice.authenticated(StunMethod.REFRESH));
        assertThat(errorCode(stale)).isEqualTo(438);
        assertThat(stale.attribute(RealmAttribute.class)).isPresent();
        String fresh = stale.attribute(NonceAttribute.class).orElseThrow().nonce();
        assertThat(fresh).isNotEqualTo(oldNonce);
        assertThat(world.server.staleNonces()).isEqualTo(1);

        alice.nonce = fresh;
        StunMessage refreshed = alice.request(StunMethod.REFRESH);
        assertThat(refreshed.type().messageClass()).isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
    }

    @Test
    void forgedNonceIsStale() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.unauthenticatedAllocate();
        alice.nonce = "AAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(errorCode(alice.exchange(alice.authenticated(StunMethod.ALLOCATE, UDP)))).isEqualTo(438);
        alice.nonce = "not base64 !";
        assertThat(errorCode(alice.exchange(alice.authenticated(StunMethod.ALLOCATE, UDP)))).isEqualTo(438);
    }

    @Test
    void requestedTransportMustBeUdp() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.unauthenticatedAllocate();
        // RFC 8656 §7.2: missing → 400, unsupported protocol → 442.
        assertThat(errorCode(alice.request(StunMethod.ALLOCATE))).isEqualTo(400);
        assertThat(errorCode(alice.request(StunMethod.ALLOCATE, new RequestedTransportAttribute(RequestedTransportAttribute.TCP))))
                .isEqualTo(442);
        assertThat(world.server.allocationCount()).isZero();
    }

    @Test
    void unsupportedAllocateOptionsAreRefusedAsTheRfcSays() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.unauthenticatedAllocate();
        StunMessage dontFragment = alice.request(StunMethod.ALLOCATE, UDP, new DontFragmentAttribute());
        assertThat(errorCode(dontFragment)).isEqualTo(420);
        assertThat(dontFragment.attribute(UnknownAttributesAttribute.class).orElseThrow().types())
                .containsExactly(StunAttributeType.DONT_FRAGMENT);
        assertThat(errorCode(alice.request(StunMethod.ALLOCATE, UDP, new EvenPortAttribute(false)))).isEqualTo(508);
        assertThat(errorCode(alice.request(StunMethod.ALLOCATE, UDP, new RequestedAddressFamilyAttribute(StunAddressFamily.IPV6))))
                .isEqualTo(440);
        assertThat(world.server.allocationCount()).isZero();
        // An explicit IPv4 request is fine.
        StunMessage ipv4 = alice.request(StunMethod.ALLOCATE, UDP, new RequestedAddressFamilyAttribute(StunAddressFamily.IPV4));
        assertThat(ipv4.type().messageClass()).isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
    }

    @Test
    void secondAllocateOnTheSameFiveTupleIs437ButARetransmissionGetsTheSameAnswer() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.unauthenticatedAllocate();
        StunMessage request = alice.authenticated(StunMethod.ALLOCATE, UDP);
        StunMessage first = alice.exchange(request);
        StunMessage retransmitted = alice.exchange(request);
        assertThat(retransmitted).isEqualTo(first);

        // RFC 8656 §7.2: "If yes, the server rejects the request with a 437 (Allocation Mismatch) error."
        StunMessage another = alice.request(StunMethod.ALLOCATE, UDP);
        assertThat(errorCode(another)).isEqualTo(437);
        assertThat(world.server.allocationCount()).isEqualTo(1);
    }

    @Test
    void requestsWithoutAnAllocationAre437() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.unauthenticatedAllocate();
        assertThat(errorCode(alice.request(StunMethod.REFRESH))).isEqualTo(437);
        assertThat(errorCode(alice.request(StunMethod.CREATE_PERMISSION,
                new org.ortc4j.ice.stun.XorPeerAddressAttribute(at("198.51.100.200", 1))))).isEqualTo(437);
    }

    @Test
    void anotherUsersRequestOnTheAllocationIs441() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.allocate();
        TurnServerTestWorld.TurnClient bobOnAlicesPort = world.new TurnClient(alice.udp, "bob", "bob-secret");
        bobOnAlicesPort.nonce = alice.nonce;
        assertThat(errorCode(bobOnAlicesPort.request(StunMethod.REFRESH))).isEqualTo(441);
    }

    @Test
    void quotaPerUserIs486() {
        world.closeAndCheckBuffers();
        world = new TurnServerTestWorld(b -> b.maxAllocationsPerUser(1));
        world.client("alice1", "198.51.100.1", 50000, "alice", "alice-secret").allocate();
        TurnServerTestWorld.TurnClient second = world.client("alice2", "198.51.100.2", 50000, "alice", "alice-secret");
        second.unauthenticatedAllocate();
        assertThat(errorCode(second.request(StunMethod.ALLOCATE, UDP))).isEqualTo(486);
        // Bob has his own quota.
        world.client("bob", "198.51.100.3", 50000, "bob", "bob-secret").allocate();
        assertThat(world.server.allocationCount()).isEqualTo(2);
    }

    @Test
    void lifetimeIsClampedBetweenDefaultAndMaximum() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.unauthenticatedAllocate();
        StunMessage allocated = alice.request(StunMethod.ALLOCATE, UDP, new LifetimeAttribute(30));
        assertThat(allocated.attribute(LifetimeAttribute.class).orElseThrow().seconds()).isEqualTo(600);
        assertThat(alice.request(StunMethod.REFRESH, new LifetimeAttribute(1200)).attribute(LifetimeAttribute.class)
                .orElseThrow().seconds()).isEqualTo(1200);
        assertThat(alice.request(StunMethod.REFRESH, new LifetimeAttribute(1_000_000)).attribute(LifetimeAttribute.class)
                .orElseThrow().seconds()).isEqualTo(3600);
        assertThat(alice.request(StunMethod.REFRESH).attribute(LifetimeAttribute.class).orElseThrow().seconds()).isEqualTo(600);
    }

    @Test
    void allocationExpiresOnVirtualTimeUnlessRefreshed() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        alice.allocate();
        world.advance(Duration.ofSeconds(590));
        alice.nonce = null;
        alice.unauthenticatedAllocate(); // a fresh nonce; the 5-tuple has an allocation, so this is 401 anyway
        assertThat(alice.request(StunMethod.REFRESH).type().messageClass()).isEqualTo(StunMessageClass.SUCCESS_RESPONSE);
        world.advance(Duration.ofSeconds(599));
        assertThat(world.server.allocationCount()).isEqualTo(1);
        world.advance(Duration.ofSeconds(2));
        assertThat(world.server.allocationCount()).isZero();
        assertThat(world.server.allocationsExpired()).isEqualTo(1);
        // Its 5-tuple may allocate again.
        assertThat(alice.allocate()).isNotNull();
    }

    @Test
    void refreshWithLifetimeZeroDeletesTheAllocationAndFreesTheRelayedPort() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        InetSocketAddress relayed = alice.allocate();
        StunMessage response = alice.request(StunMethod.REFRESH, new LifetimeAttribute(0));
        assertThat(response.type()).isEqualTo(StunMessageType.of(StunMethod.REFRESH, StunMessageClass.SUCCESS_RESPONSE));
        assertThat(response.attribute(LifetimeAttribute.class).orElseThrow().seconds()).isZero();
        assertThat(world.server.allocationCount()).isZero();

        // The relayed socket is gone: a datagram to it finds no socket.
        TurnServerTestPeer peer = world.peer("peer", "198.51.100.200", 7000);
        long noSocket = world.network.packetsNoSocket();
        peer.send(new byte[] {1}, relayed);
        world.settle();
        assertThat(world.network.packetsNoSocket()).isEqualTo(noSocket + 1);
        // RFC 8656 §8.2 note: a retransmitted delete finds no allocation: 437.
        assertThat(errorCode(alice.request(StunMethod.REFRESH, new LifetimeAttribute(0)))).isEqualTo(437);
    }

    @Test
    void bindingRequestsAreAnsweredWithoutCredentials() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        StunMessage response = alice.exchange(StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build());
        assertThat(response.type()).isEqualTo(StunMessageType.BINDING_SUCCESS_RESPONSE);
        assertThat(response.attribute(XorMappedAddressAttribute.class).orElseThrow().address()).isEqualTo(alice.address());
    }

    @Test
    void malformedRequestsGet400AndJunkIsDroppedAndCounted() {
        TurnServerTestWorld.TurnClient alice = world.client("alice", "198.51.100.1", 50000, "alice", "alice-secret");
        // An Allocate request whose LIFETIME attribute runs past the end of the message.
        byte[] malformed = HexFormat.of().parseHex("00030008" + "2112a442" + "0102030405060708090a0b0c" + "000d0008" + "00000258");
        alice.sendRaw(malformed);
        world.settle();
        StunMessage response = alice.udp.takeLast().stun();
        assertThat(response.type()).isEqualTo(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.ERROR_RESPONSE));
        assertThat(errorCode(response)).isEqualTo(400);

        alice.sendRaw(HexFormat.of().parseHex("80c8000100000000")); // RTCP
        alice.sendRaw(HexFormat.of().parseHex("40000010" + "0102")); // truncated ChannelData
        alice.sendRaw(HexFormat.of().parseHex("50000000")); // reserved channel number
        alice.sendRaw(new byte[0]);
        world.settle();
        assertThat(alice.udp.received).isEmpty();
        assertThat(world.server.droppedClientPackets()).isEqualTo(4);
    }
}
