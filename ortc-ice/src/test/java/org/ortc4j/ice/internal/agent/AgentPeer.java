package org.ortc4j.ice.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidatePair;
import org.ortc4j.ice.RTCIceCandidateType;
import org.ortc4j.ice.RTCIceParameters;
import org.ortc4j.ice.RTCIceProtocol;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.internal.LocalCandidate;
import org.ortc4j.ice.internal.UdpSocketBase;
import org.ortc4j.ice.vnet.NatMapping;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNat;

/**
 * One side of a test: a virtual host, its UDP bases (one per address) and an {@link IceAgent}
 * fed by them, with a listener that records what the agent reports.
 */
final class AgentPeer implements IceAgentListener {

    final String name;
    final VirtualHost host;
    final IceAgent agent;
    final RTCIceParameters parameters;
    final List<UdpSocketBase> bases = new ArrayList<>();
    final List<LocalCandidate> candidates = new ArrayList<>();
    final List<RTCIceTransportState> states = new ArrayList<>();
    final List<RTCIceCandidatePair> selections = new ArrayList<>();
    final List<RTCIceRole> roleChanges = new ArrayList<>();
    final List<LocalCandidate> learnedLocal = new ArrayList<>();
    final List<String> received = new ArrayList<>();
    long connectedAt = -1;

    AgentPeer(String name, VirtualHost host, IceAgentConfig config, long seed) {
        this.name = name;
        this.host = host;
        Random random = new Random(seed);
        this.parameters = RTCIceParameters.generate(seeded(seed));
        this.agent = new IceAgent(host.scheduler(), host.alloc(), config.withRandom(random), this);
        agent.setLocalParameters(parameters);
    }

    private static java.security.SecureRandom seeded(long seed) {
        try {
            java.security.SecureRandom r = java.security.SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Binds one base per address of the host and makes a host candidate for each. */
    AgentPeer gatherHost() {
        int localPreference = 65535;
        for (InetAddress address : host.addresses()) {
            UdpSocketBase base = UdpSocketBase.bind(host, new InetSocketAddress(address, 0), agent::receive).join();
            bases.add(base);
            RTCIceCandidate candidate = RTCIceCandidate.newBuilder()
                    .foundation("h" + bases.size())
                    .protocol(RTCIceProtocol.UDP)
                    .priority(RTCIceCandidate.computePriority(126, localPreference--, 1))
                    .address(base.address().getAddress().getHostAddress())
                    .port(base.address().getPort())
                    .type(RTCIceCandidateType.HOST)
                    .build();
            candidates.add(new LocalCandidate(candidate, base));
        }
        return this;
    }

    /**
     * A server-reflexive candidate for base {@code index}, read from the NAT's mapping after a
     * datagram from the base to {@code somewhere} on the internet opened it.
     */
    LocalCandidate srflx(int index, VirtualNat nat, InetSocketAddress somewhere) {
        UdpSocketBase base = bases.get(index);
        base.send(host.alloc().buffer().writeBytes(new byte[] {(byte) 0xFF}), somewhere);
        host.network().scheduler().runDueTasks();
        NatMapping mapping = nat.mappings().stream().filter(m -> m.internal().equals(base.address())).findFirst()
                .orElseThrow(() -> new AssertionError("no NAT mapping for " + base.address()));
        RTCIceCandidate candidate = RTCIceCandidate.newBuilder()
                .foundation("s" + (index + 1))
                .protocol(RTCIceProtocol.UDP)
                .priority(RTCIceCandidate.computePriority(100, 65535, 1))
                .address(mapping.external().getAddress().getHostAddress())
                .port(mapping.external().getPort())
                .type(RTCIceCandidateType.SRFLX)
                .relatedAddress(base.address().getAddress().getHostAddress())
                .relatedPort(base.address().getPort())
                .build();
        LocalCandidate local = new LocalCandidate(candidate, base);
        candidates.add(local);
        return local;
    }

    /** Gives the agent its own candidates and says gathering is complete. */
    AgentPeer addLocalCandidates() {
        candidates.forEach(agent::addLocalCandidate);
        agent.localCandidatesComplete();
        return this;
    }

    /** Tells {@code other}'s agent our candidates and that there are no more. */
    void signalCandidatesTo(AgentPeer other) {
        for (LocalCandidate c : candidates) {
            other.agent.addRemoteCandidate(c.candidate());
        }
        other.agent.remoteCandidatesComplete();
    }

    boolean send(String text) {
        return agent.send(host.alloc().buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8)));
    }

    void stop() {
        agent.stop();
        bases.forEach(UdpSocketBase::close);
    }

    @Override
    public void onStateChange(RTCIceTransportState state) {
        assertThat(state).isEqualTo(agent.state());
        states.add(state);
        if ((state == RTCIceTransportState.CONNECTED || state == RTCIceTransportState.COMPLETED) && connectedAt < 0) {
            connectedAt = host.scheduler().nanoTime();
        }
    }

    @Override
    public void onSelectedPairChange(RTCIceCandidatePair pair) {
        selections.add(pair);
    }

    @Override
    public void onRoleChange(RTCIceRole role) {
        roleChanges.add(role);
    }

    @Override
    public void onLocalCandidate(LocalCandidate peerReflexive) {
        learnedLocal.add(peerReflexive);
    }

    @Override
    public void onData(ByteBuf data) {
        try {
            received.add(new String(ByteBufUtil.getBytes(data), StandardCharsets.UTF_8));
        } finally {
            data.release();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
