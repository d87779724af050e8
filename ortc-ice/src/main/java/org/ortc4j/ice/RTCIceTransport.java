package org.ortc4j.ice;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.ortc4j.ice.internal.Listeners;
import org.ortc4j.ice.internal.LocalCandidate;
import org.ortc4j.ice.internal.PacketReceiver;
import org.ortc4j.ice.internal.agent.IceAgent;
import org.ortc4j.ice.internal.agent.IceAgentConfig;
import org.ortc4j.ice.internal.agent.IceAgentListener;
import org.ortc4j.ice.internal.gather.RemoteHostNames;
import org.ortc4j.ice.internal.mdns.MdnsResolver;
import org.ortc4j.ice.net.Scheduler;

/**
 * An ICE transport: checks the pairs of its gatherer's candidates and the remote candidates,
 * selects one, keeps consent on it, and carries the datagrams of the layers above over it (ORTC
 * §4 {@code RTCIceTransport}; W3C WebRTC §5.6; aiortc {@code RTCIceTransport}).
 *
 * <pre>{@code
 * RTCIceTransport ice = new RTCIceTransport(gatherer);
 * ice.onStateChange(state -> log.info("ICE {}", state));
 * ice.setDataHandler(packet -> { try { dtls.receive(packet); } finally { packet.release(); } });
 * ice.start(remoteParameters, RTCIceRole.CONTROLLING);
 * remoteCandidates.forEach(ice::addRemoteCandidate);   // before or after start (trickle)
 * ice.addRemoteCandidate(null);                        // end of remote candidates
 * }</pre>
 *
 * <p>The agent is a full RFC 8445 agent in either role, with regular nomination (and a peer's
 * aggressive nomination accepted), role-conflict resolution, peer-reflexive candidates, consent
 * freshness (RFC 7675) and ICE restart. A peer that goes silent makes the transport
 * {@code disconnected} within about 4.5 s of when it was last heard, and {@code failed} when
 * consent expires ({@link RTCIceGatherOptions#consentTimeout()}, 30 s by default) — after which
 * it sends no more data, checks or consent requests until an ICE restart. Remote host
 * candidates named {@code <name>.local} are resolved over multicast DNS before they are checked.
 *
 * <p>Threads: every method may be called from any thread and runs on the gatherer's loop, where
 * listeners and the data handler are called too; they must not block.
 */
public final class RTCIceTransport {

    private final RTCIceGatherer gatherer;
    private final Scheduler loop;
    private final IceAgent agent;
    private final RemoteHostNames remoteNames;
    private final PacketReceiver receiver;
    private final Listeners<RTCIceTransportState> stateListeners = new Listeners<>();
    private final Listeners<RTCIceCandidatePair> pairListeners = new Listeners<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();

    private volatile RTCIceTransportState state = RTCIceTransportState.NEW;
    private volatile RTCIceRole role = RTCIceRole.UNKNOWN;
    private volatile RTCIceParameters remoteParameters;
    private volatile Consumer<ByteBuf> dataHandler;
    private volatile RTCIceCandidatePair selectedPair;
    private volatile long packetsWithoutHandler;
    private RTCIceParameters localParameters;
    private boolean remoteCandidatesComplete;
    private int remoteNamesPending;

    /**
     * A transport over {@code gatherer}'s candidates and sockets (ORTC §4.3).
     *
     * @throws InvalidStateException if another transport already uses {@code gatherer}, or it is
     *     closed
     */
    public RTCIceTransport(RTCIceGatherer gatherer) {
        this(gatherer, IceAgentConfig.defaults().withConsentTimeout(gatherer.options().consentTimeout()));
    }

    RTCIceTransport(RTCIceGatherer gatherer, IceAgentConfig config) {
        this.gatherer = Objects.requireNonNull(gatherer, "gatherer");
        this.loop = gatherer.scheduler();
        this.agent = new IceAgent(loop, gatherer.networkStack().alloc(), config, new AgentEvents());
        this.remoteNames = new RemoteHostNames(gatherer.networkStack());
        this.receiver = agent::receive;
        // Checks from a peer that started first are answered before our own start (RFC 8445
        // §7.3 needs only our password), so its first check is not lost to a retransmission.
        gatherer.attach(receiver);
        onLoop(() -> {
            localParameters = gatherer.getLocalParameters();
            agent.setLocalParameters(localParameters);
        });
    }

    /**
     * Starts checking against the remote agent (ORTC §4.3 {@code start}). The role is the
     * starting role; a role conflict may change it (RFC 8445 §7.3.1.1), which {@link #role()}
     * shows. Calling it again with other remote parameters is an ICE restart (RFC 8445 §9): the
     * gatherer's new credentials ({@link RTCIceGatherer#restart()}, called here if the
     * application has not) are used, remote candidates are forgotten, and the current pair
     * carries data until a new one is selected. Starts the gatherer if it has not started.
     *
     * @param role {@link RTCIceRole#CONTROLLING} or {@link RTCIceRole#CONTROLLED}
     * @return completes when the transport is first {@code connected}; fails if it fails or
     *     closes first
     * @throws InvalidStateException if the transport is stopped or the gatherer closed
     * @throws IllegalArgumentException if {@code role} is {@code unknown}
     */
    public CompletableFuture<Void> start(RTCIceParameters remoteParameters, RTCIceRole role) {
        Objects.requireNonNull(remoteParameters, "remoteParameters");
        Objects.requireNonNull(role, "role");
        if (role == RTCIceRole.UNKNOWN) {
            throw new IllegalArgumentException("start needs the role controlling or controlled, not unknown");
        }
        checkUsable();
        onLoop(() -> {
            if (state == RTCIceTransportState.CLOSED) {
                return;
            }
            RTCIceParameters previous = this.remoteParameters;
            if (previous == null) {
                firstStart(remoteParameters, role);
            } else if (!previous.equals(remoteParameters)) {
                // RFC 8445 §9: both sides use new credentials. If the application did not call
                // gatherer.restart() (the peer restarted), make ours new now.
                RTCIceParameters local = gatherer.getLocalParameters();
                if (local.equals(localParameters)) {
                    local = gatherer.restart();
                }
                localParameters = local;
                this.remoteParameters = remoteParameters;
                remoteCandidatesComplete = false;
                agent.restart(local, remoteParameters);
            }
        });
        return connected.copy();
    }

    /** As {@link #start(RTCIceParameters, RTCIceRole)} in the controlled role, ORTC's default. */
    public CompletableFuture<Void> start(RTCIceParameters remoteParameters) {
        return start(remoteParameters, RTCIceRole.CONTROLLED);
    }

    private void firstStart(RTCIceParameters remote, RTCIceRole startRole) {
        this.remoteParameters = remote;
        this.role = startRole;
        if (!localParameters.equals(gatherer.getLocalParameters())) {
            // gatherer.restart() before the first start: use what it hands out now.
            localParameters = gatherer.getLocalParameters();
            agent.setLocalParameters(localParameters);
        }
        agent.start(remote, startRole);
        for (LocalCandidate candidate : gatherer.localCandidatesWithBases()) {
            agent.addLocalCandidate(candidate);
        }
        subscriptions.add(gatherer.onLocalCandidateWithBase(agent::addLocalCandidate));
        subscriptions.add(gatherer.onStateChange(s -> {
            if (s == RTCIceGathererState.COMPLETE) {
                agent.localCandidatesComplete();
            }
        }));
        if (gatherer.state() == RTCIceGathererState.COMPLETE) {
            agent.localCandidatesComplete();
        } else if (gatherer.state() == RTCIceGathererState.NEW) {
            gatherer.gather();
        }
    }

    /**
     * Adds a remote candidate (ORTC §4.3 {@code addRemoteCandidate}; RFC 8838 trickle), before or
     * after {@code start}; {@code null} says the remote side has no more (end-of-candidates). A
     * {@code .local} address is resolved over mDNS first; one that does not resolve is dropped.
     * Candidates over TCP are kept in {@link #getRemoteCandidates()} but not checked.
     *
     * @throws InvalidStateException if the transport is stopped
     */
    public void addRemoteCandidate(RTCIceCandidate candidate) {
        checkUsable();
        onLoop(() -> {
            if (state == RTCIceTransportState.CLOSED) {
                return;
            }
            if (candidate == null) {
                remoteCandidatesComplete = true;
                if (remoteNamesPending == 0) {
                    agent.remoteCandidatesComplete();
                }
            } else if (MdnsResolver.isMdnsCandidateAddress(candidate.address())) {
                resolveThenAdd(candidate);
            } else {
                agent.addRemoteCandidate(candidate);
            }
        });
    }

    private void resolveThenAdd(RTCIceCandidate candidate) {
        remoteNamesPending++;
        remoteNames.resolve(candidate.address()).whenComplete((address, error) -> {
            remoteNamesPending--;
            if (state != RTCIceTransportState.CLOSED && error == null) {
                agent.addRemoteCandidate(candidate.toBuilder().address(address.getHostAddress()).build());
            }
            if (remoteCandidatesComplete && remoteNamesPending == 0 && state != RTCIceTransportState.CLOSED) {
                agent.remoteCandidatesComplete();
            }
        });
    }

    /**
     * Sets the handler of every datagram that is not STUN (DTLS, SRTP, SRTCP: RFC 7983), which
     * then owns each buffer and must release it. Without a handler such datagrams are dropped.
     */
    public void setDataHandler(Consumer<ByteBuf> handler) {
        this.dataHandler = handler;
    }

    /**
     * Sends one datagram over the selected pair. Takes ownership of {@code data}. Dropped (and
     * released) when no pair is selected, consent is lost (RFC 7675 §5.2: "the agent MUST cease
     * transmission"), or the transport is stopped.
     */
    public void send(ByteBuf data) {
        Objects.requireNonNull(data, "data");
        if (loop.inLoop()) {
            agent.send(data);
        } else {
            loop.execute(() -> agent.send(data));
        }
    }

    /**
     * Stops the transport (ORTC §4.3 {@code stop}): no more checks, consent or data; state
     * {@link RTCIceTransportState#CLOSED}. The gatherer stays open (close it separately).
     * Idempotent.
     */
    public void stop() {
        onLoop(() -> {
            if (state == RTCIceTransportState.CLOSED) {
                return;
            }
            agent.stop();
            gatherer.detach(receiver);
            for (AutoCloseable subscription : subscriptions) {
                try {
                    subscription.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            subscriptions.clear();
            remoteNames.close();
            setState(RTCIceTransportState.CLOSED);
            stateListeners.clear();
            pairListeners.clear();
        });
    }

    /** The gatherer whose candidates this transport uses. */
    public RTCIceGatherer iceGatherer() {
        return gatherer;
    }

    /** The current role: {@code unknown} before {@code start}. */
    public RTCIceRole role() {
        return role;
    }

    /** Always {@code rtp}: WebRTC multiplexes RTCP on one component. */
    public RTCIceComponent component() {
        return RTCIceComponent.RTP;
    }

    /** The transport state (W3C WebRTC §5.6). */
    public RTCIceTransportState state() {
        return state;
    }

    /** The gatherer's local parameters (W3C WebRTC §5.6 {@code getLocalParameters}). */
    public RTCIceParameters getLocalParameters() {
        return gatherer.getLocalParameters();
    }

    /** The gatherer's local candidates (W3C WebRTC §5.6 {@code getLocalCandidates}). */
    public List<RTCIceCandidate> getLocalCandidates() {
        return gatherer.getLocalCandidates();
    }

    /** The remote parameters given to {@code start}, or {@code null} before it. */
    public RTCIceParameters getRemoteParameters() {
        return remoteParameters;
    }

    /** The remote candidates: those added and the peer-reflexive ones learned from checks. */
    public List<RTCIceCandidate> getRemoteCandidates() {
        if (loop.inLoop()) {
            return agent.remoteCandidates();
        }
        CompletableFuture<List<RTCIceCandidate>> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(agent.remoteCandidates()));
        return result.join();
    }

    /** The selected pair, if any (W3C WebRTC §5.6 {@code getSelectedCandidatePair}). */
    public Optional<RTCIceCandidatePair> getSelectedCandidatePair() {
        return Optional.ofNullable(selectedPair);
    }

    /** Calls {@code listener} with each new state ({@code statechange}). */
    public AutoCloseable onStateChange(Consumer<RTCIceTransportState> listener) {
        return stateListeners.add(listener);
    }

    /** Calls {@code listener} when another pair is selected ({@code selectedcandidatepairchange}). */
    public AutoCloseable onSelectedCandidatePairChange(Consumer<RTCIceCandidatePair> listener) {
        return pairListeners.add(listener);
    }

    /** The loop this transport runs on: the layers above run their state here too. */
    public Scheduler scheduler() {
        return loop;
    }

    /** Non-STUN datagrams dropped because no data handler was set. */
    public long packetsWithoutHandler() {
        return packetsWithoutHandler;
    }

    /**
     * Datagrams the ICE agent dropped as bad input: STUN that did not decode, had a wrong
     * FINGERPRINT or MESSAGE-INTEGRITY, an unknown USERNAME, matched no transaction or is a kind
     * the agent does not handle, and non-STUN data from addresses of no candidate pair (RFC 8445
     * §7.3: data is accepted only from a pair's remote address). The counters live on the loop:
     * read them there ({@link #scheduler()}) for an exact figure.
     */
    public long packetsDropped() {
        var s = agent.stats();
        return s.malformedDropped() + s.badFingerprintDropped() + s.badIntegrityDropped() + s.unknownUfragDropped()
                + s.unmatchedResponsesDropped() + s.unexpectedStunDropped() + s.unknownSourceDataDropped();
    }

    private void checkUsable() {
        if (state == RTCIceTransportState.CLOSED) {
            throw new InvalidStateException("the RTCIceTransport is stopped");
        }
        if (gatherer.state() == RTCIceGathererState.CLOSED) {
            throw new InvalidStateException("the RTCIceGatherer is closed");
        }
    }

    private void setState(RTCIceTransportState next) {
        if (state == next) {
            return;
        }
        state = next;
        stateListeners.fire(next);
        if (next == RTCIceTransportState.CONNECTED || next == RTCIceTransportState.COMPLETED) {
            connected.complete(null);
        } else if (next == RTCIceTransportState.FAILED || next == RTCIceTransportState.CLOSED) {
            connected.completeExceptionally(new InvalidStateException("the RTCIceTransport is " + next));
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** The agent's events, on the loop. */
    private final class AgentEvents implements IceAgentListener {
        @Override
        public void onStateChange(RTCIceTransportState next) {
            if (state != RTCIceTransportState.CLOSED) {
                setState(next);
            }
        }

        @Override
        public void onSelectedPairChange(RTCIceCandidatePair pair) {
            selectedPair = pair;
            pairListeners.fire(pair);
        }

        @Override
        public void onRoleChange(RTCIceRole next) {
            role = next;
        }

        @Override
        public void onData(ByteBuf data) {
            Consumer<ByteBuf> handler = dataHandler;
            if (handler == null) {
                packetsWithoutHandler++;
                data.release();
                return;
            }
            handler.accept(data);
        }
    }
}
