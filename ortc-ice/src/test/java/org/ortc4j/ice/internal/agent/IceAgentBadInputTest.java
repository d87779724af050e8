package org.ortc4j.ice.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.vnet.TrackingAllocator;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidateType;
import org.ortc4j.ice.RTCIceParameters;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.IceControlledAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.PriorityAttribute;
import org.ortc4j.ice.stun.StunAttributeType;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.UnknownAttributesAttribute;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.UsernameAttribute;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * What an agent does with hostile or broken datagrams from a third host: drops and counts them,
 * answers with the error RFC 8489 §9.1.3 names where one is due, never throws.
 */
class IceAgentBadInputTest {

    private VirtualScheduler scheduler;
    private TrackingAllocator alloc;
    private AgentPeer a;
    private UdpSocket mallory;
    private final List<StunMessage> replies = new ArrayList<>();
    private final List<byte[]> otherReplies = new ArrayList<>();
    private InetSocketAddress target;

    @BeforeEach
    void setUp() {
        scheduler = new VirtualScheduler();
        alloc = new TrackingAllocator();
        VirtualNetwork network = new VirtualNetwork(scheduler, 7, alloc);
        a = new AgentPeer("a", network.addHost("a", "192.0.2.1"), IceAgentConfig.defaults(), 1).gatherHost()
                .addLocalCandidates();
        a.agent.start(RTCIceParameters.generate(), RTCIceRole.CONTROLLING);
        target = a.bases.get(0).address();
        mallory = network.addHost("mallory", "192.0.2.66")
                .bindUdp(new InetSocketAddress("192.0.2.66", 4000), this::onReply).join();
    }

    @AfterEach
    void everyBufferIsReleased() {
        a.stop();
        mallory.close();
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(alloc.unreleased()).isEmpty();
    }

    private void onReply(UdpSocket socket, InetSocketAddress from, ByteBuf data) {
        try {
            byte[] bytes = ByteBufUtil.getBytes(data);
            try {
                replies.add(StunMessage.decode(bytes));
            } catch (IllegalArgumentException e) {
                otherReplies.add(bytes);
            }
        } finally {
            data.release();
        }
    }

    private void sendRaw(byte[] bytes) {
        mallory.send(alloc.buffer().writeBytes(bytes), target);
        scheduler.advance(Duration.ofMillis(5));
    }

    private StunMessage.Builder request(String username) {
        return StunMessage.newBuilder(StunMessageType.BINDING_REQUEST)
                .attribute(new UsernameAttribute(username))
                .attribute(new PriorityAttribute(RTCIceCandidate.computePriority(110, 65535, 1)))
                .attribute(new IceControlledAttribute(1));
    }

    private String goodUsername() {
        return a.parameters.usernameFragment() + ":mall";
    }

    @Test
    void malformedStunIsDroppedAndCounted() {
        sendRaw(new byte[] {0, 1, 0, 4, 1, 2});
        sendRaw(new byte[] {1});
        assertThat(a.agent.stats().malformedDropped()).isEqualTo(2);
        assertThat(replies).isEmpty();
    }

    @Test
    void wrongUfragGets401AndIsCounted() {
        // RFC 8489 §9.1.3: an unknown USERNAME gets 401 (Unauthenticated).
        sendRaw(request("nobody:mall").messageIntegrity(MessageIntegrityKey.shortTerm(a.parameters.password()))
                .fingerprint().build().encode());
        assertThat(a.agent.stats().unknownUfragDropped()).isEqualTo(1);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).type()).isEqualTo(StunMessageType.BINDING_ERROR_RESPONSE);
        assertThat(replies.get(0).attribute(ErrorCodeAttribute.class).orElseThrow().code()).isEqualTo(401);
        assertThat(a.agent.remoteCandidates()).isEmpty();
    }

    @Test
    void badIntegrityGets401AndIsCounted() {
        sendRaw(request(goodUsername()).messageIntegrity(MessageIntegrityKey.shortTerm("not-the-password-at-all"))
                .fingerprint().build().encode());
        assertThat(a.agent.stats().badIntegrityDropped()).isEqualTo(1);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).attribute(ErrorCodeAttribute.class).orElseThrow().code()).isEqualTo(401);
        // An unauthenticated request teaches the agent nothing.
        assertThat(a.agent.remoteCandidates()).isEmpty();
    }

    @Test
    void missingIntegrityGets400() {
        // RFC 8489 §9.1.3: without both MESSAGE-INTEGRITY and USERNAME, 400 (Bad Request).
        sendRaw(request(goodUsername()).fingerprint().build().encode());
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).attribute(ErrorCodeAttribute.class).orElseThrow().code()).isEqualTo(400);
    }

    @Test
    void badFingerprintIsDroppedSilently() {
        byte[] bytes = request(goodUsername()).messageIntegrity(MessageIntegrityKey.shortTerm(a.parameters.password()))
                .fingerprint().build().encode();
        bytes[bytes.length - 1] ^= 1;
        sendRaw(bytes);
        assertThat(a.agent.stats().badFingerprintDropped()).isEqualTo(1);
        assertThat(replies).isEmpty();
    }

    @Test
    void dataFromAnUnknownAddressIsDroppedAndCounted() {
        sendRaw(new byte[] {(byte) 0x80, 0, 0, 1});
        sendRaw(new byte[] {22, (byte) 0xFE, (byte) 0xFD});
        assertThat(a.agent.stats().unknownSourceDataDropped()).isEqualTo(2);
        assertThat(a.received).isEmpty();
    }

    @Test
    void unmatchedResponseIsDroppedAndCounted() {
        sendRaw(StunMessage.newBuilder(StunMessageType.BINDING_SUCCESS_RESPONSE)
                .attribute(new XorMappedAddressAttribute(target)).fingerprint().build().encode());
        assertThat(a.agent.stats().unmatchedResponsesDropped()).isEqualTo(1);
    }

    @Test
    void anAuthenticatedCheckIsAnsweredAndTeachesAPeerReflexiveCandidate() {
        sendRaw(request(goodUsername()).messageIntegrity(MessageIntegrityKey.shortTerm(a.parameters.password()))
                .fingerprint().build().encode());
        // RFC 8445 §7.3.1.2: the success response carries the source address, authenticated.
        StunMessage response = replies.stream()
                .filter(m -> m.type().messageClass() == StunMessageClass.SUCCESS_RESPONSE).findFirst().orElseThrow();
        assertThat(response.attribute(XorMappedAddressAttribute.class).orElseThrow().address())
                .isEqualTo(mallory.localAddress());
        assertThat(response.verifyMessageIntegrity(MessageIntegrityKey.shortTerm(a.parameters.password()))).isTrue();
        assertThat(response.verifyFingerprint()).isTrue();
        assertThat(a.agent.stats().checksReceived()).isEqualTo(1);
        // RFC 8445 §7.3.1.3 and §7.3.1.4: a new peer-reflexive candidate, and a triggered check to it.
        assertThat(a.agent.remoteCandidates()).singleElement()
                .satisfies(c -> assertThat(c.type()).isEqualTo(RTCIceCandidateType.PRFLX));
        assertThat(replies.stream().anyMatch(m -> m.type().equals(StunMessageType.BINDING_REQUEST))).isTrue();
        // Non-STUN from that address now belongs to a known pair.
        sendRaw(new byte[] {(byte) 0x80, 0, 0, 1});
        assertThat(a.received).hasSize(1);
    }

    @Test
    void mutatedChecksNeverThrowAndAreAllAccountedFor() {
        java.util.Random random = new java.util.Random(99);
        byte[] valid = request(goodUsername()).messageIntegrity(MessageIntegrityKey.shortTerm(a.parameters.password()))
                .fingerprint().build().encode();
        int runs = 2000;
        for (int i = 0; i < runs; i++) {
            byte[] bytes = java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length + 8));
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            bytes[0] &= 0x03; // keep it on the STUN side of RFC 7983's demultiplexing
            a.agent.receive(a.bases.get(0), mallory.localAddress(), alloc.buffer().writeBytes(bytes));
        }
        IceAgentStats stats = a.agent.stats();
        long accounted = stats.malformedDropped() + stats.badFingerprintDropped() + stats.badIntegrityDropped()
                + stats.unknownUfragDropped() + stats.unexpectedStunDropped() + stats.unmatchedResponsesDropped()
                + stats.checksReceived();
        // Every datagram is either dropped and counted or an intact check (a flip in padding).
        assertThat(accounted).isGreaterThanOrEqualTo(runs);
        assertThat(stats.malformedDropped()).isPositive();
        assertThat(stats.badFingerprintDropped()).isPositive();
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() {
        sendRaw(request(goodUsername())
                .attribute(new org.ortc4j.ice.stun.UnknownStunAttribute(StunAttributeType.valueOf(0x0030), new byte[4]))
                .messageIntegrity(MessageIntegrityKey.shortTerm(a.parameters.password())).fingerprint().build().encode());
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.attribute(ErrorCodeAttribute.class).orElseThrow().code()).isEqualTo(420);
            assertThat(r.attribute(UnknownAttributesAttribute.class).orElseThrow().types())
                    .containsExactly(StunAttributeType.valueOf(0x0030));
        });
        assertThat(a.agent.remoteCandidates()).isEmpty();
    }
}
